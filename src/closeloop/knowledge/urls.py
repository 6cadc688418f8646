from django.urls import path

from closeloop.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.article_list, name="articles"),
    path("new/", views.article_new, name="new"),
    path("<int:article>/", views.article_detail, name="article"),
    path("<int:article>/edit/", views.article_edit, name="edit"),
    path("<int:article>/publish/", views.article_publish, name="publish"),
    path("<int:article>/retire/", views.article_retire, name="retire"),
    path("<int:article>/versions/<int:number>/", views.article_version, name="version"),
    path("<int:article>/versions/<int:number>/restore/", views.article_restore, name="restore"),
    path("promote/<str:number>/", views.case_promote, name="promote"),
    path("for-case/<str:number>/", views.case_articles, name="for-case"),
]
