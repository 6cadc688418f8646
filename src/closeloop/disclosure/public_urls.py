from django.urls import path

from closeloop.disclosure import public_views

app_name = "public"

urlpatterns = [
    path("", public_views.board, name="board"),
    path("feed.atom", public_views.AtomFeed(), name="feed-atom"),
    path("feed.json", public_views.json_feed, name="feed-json"),
    path("<int:publication>/", public_views.detail, name="detail"),
    path("<int:publication>/notice/", public_views.notice, name="notice"),
    path("<int:publication>/comments/", public_views.feedback, name="feedback"),
]
