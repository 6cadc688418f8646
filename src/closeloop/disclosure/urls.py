from django.urls import path

from closeloop.disclosure import views

app_name = "disclosure"

urlpatterns = [
    path("", views.publication_list, name="publications"),
    path("new/", views.publication_new, name="new"),
    path("<int:publication>/", views.publication_detail, name="publication"),
    path("<int:publication>/edit/", views.publication_edit, name="edit"),
    path("<int:publication>/review/", views.publication_review, name="review"),
    path("<int:publication>/check/", views.publication_check, name="check"),
    path("<int:publication>/do/<str:action>/", views.publication_act, name="act"),
    path("<int:publication>/comments/<int:feedback>/moderate/", views.feedback_moderate, name="moderate"),
]
