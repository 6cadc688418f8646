from django.urls import path

from closeloop.intake import views

app_name = "intake"

urlpatterns = [
    path("calls/", views.call_list, name="calls"),
]
