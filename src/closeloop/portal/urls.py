from django.urls import path

from closeloop.portal import views

app_name = "portal"

urlpatterns = [
    path("new/", views.new, name="new"),
    path("track/", views.track, name="track"),
]
