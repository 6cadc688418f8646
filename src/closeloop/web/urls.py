from django.urls import path

from closeloop.web import views

app_name = "web"

urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("cases/new/", views.intake, name="intake"),
]
