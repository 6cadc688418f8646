from django.urls import path

from closeloop.disclosure import api

urlpatterns = [
    path("public/publications/", api.PublicationList.as_view(), name="api-public-publications"),
    path(
        "public/publications/<int:publication>/",
        api.PublicationDetail.as_view(),
        name="api-public-publication",
    ),
]
