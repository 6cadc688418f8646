from django.urls import path

from closeloop.assist import views

app_name = "assist"
urlpatterns = [
    path("panel/", views.intake_panel, name="panel"),
]
