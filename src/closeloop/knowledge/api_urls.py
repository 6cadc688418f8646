from django.urls import path

from closeloop.knowledge import api

urlpatterns = [
    path("knowledge/", api.ArticleListCreate.as_view(), name="api-knowledge"),
    path("knowledge/<int:article>/", api.ArticleDetail.as_view(), name="api-knowledge-article"),
    path(
        "knowledge/<int:article>/versions/", api.ArticleVersionList.as_view(), name="api-knowledge-versions"
    ),
    path(
        "knowledge/<int:article>/versions/<int:number>/",
        api.ArticleVersionDetail.as_view(),
        name="api-knowledge-version",
    ),
    path(
        "knowledge/<int:article>/versions/<int:number>/restore/",
        api.ArticleVersionRestore.as_view(),
        name="api-knowledge-restore",
    ),
    path("knowledge/<int:article>/publish/", api.ArticlePublish.as_view(), name="api-knowledge-publish"),
    path("knowledge/<int:article>/retire/", api.ArticleRetire.as_view(), name="api-knowledge-retire"),
    path("knowledge/promote/<str:number>/", api.CasePromote.as_view(), name="api-knowledge-promote"),
]
