from django.urls import path

from closeloop.notify import api

app_name = "notify_api"

urlpatterns = [
    path("notifications/", api.NotificationList.as_view(), name="notifications"),
    path("notifications/read/", api.NotificationsMarkRead.as_view(), name="notifications-read"),
]
