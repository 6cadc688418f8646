from django.urls import path

from closeloop.portal import views

app_name = "portal"

urlpatterns = [
    path("new/", views.new, name="new"),
    path("new/submitted/", views.submitted, name="submitted"),
    path("track/", views.track, name="track"),
    path("survey/<str:token>/", views.survey, name="survey"),
    path("survey-link/<str:number>/", views.survey_link, name="survey-link"),
]
