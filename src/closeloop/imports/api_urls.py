from django.urls import path

from closeloop.imports import api

urlpatterns = [
    path("import-sources/", api.ImportSourceList.as_view(), name="api-import-sources"),
    path("imports/", api.ImportJobListCreate.as_view(), name="api-imports"),
    path("imports/<int:job>/", api.ImportJobDetail.as_view(), name="api-import"),
    path("imports/<int:job>/errors.csv", api.ImportJobErrors.as_view(), name="api-import-errors-csv"),
    path("imports/<int:job>/errors.xlsx", api.ImportJobErrorsXlsx.as_view(), name="api-import-errors-xlsx"),
]
