from django.urls import path

from closeloop.intake import api

urlpatterns = [
    path("calls/", api.CallListCreate.as_view(), name="api-calls"),
]
