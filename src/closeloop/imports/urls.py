from django.urls import path

from closeloop.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.job_list, name="jobs"),
    path("<int:job>/", views.job_detail, name="job"),
    path("<int:job>/progress/", views.job_progress, name="progress"),
    path("<int:job>/errors.csv", views.job_errors, {"suffix": "csv"}, name="errors-csv"),
    path("<int:job>/errors.xlsx", views.job_errors, {"suffix": "xlsx"}, name="errors-xlsx"),
]
