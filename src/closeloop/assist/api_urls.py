from django.urls import path

from closeloop.assist import api

urlpatterns = [
    path("assist/analyze/", api.Analyze.as_view(), name="api-assist-analyze"),
    path("assist/accuracy/", api.Accuracy.as_view(), name="api-assist-accuracy"),
]
