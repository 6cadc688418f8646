"""The caller's own notifications: list them, mark them read."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from closeloop.notify import selectors, services
from closeloop.notify.models import Notification
from closeloop.notify.serializers import MarkReadInput, MarkReadOutput, NotificationOutput

TRUE = {"1", "true", "yes", "on"}


@extend_schema(
    summary="Your notifications, unread first",
    parameters=[OpenApiParameter("unread", OpenApiTypes.BOOL, description="Only unread ones.")],
)
class NotificationList(generics.ListAPIView):
    serializer_class = NotificationOutput
    filter_backends: list = []
    queryset = Notification.objects.none()  # for the schema; the real one is the caller's own

    def get_queryset(self):
        unread_only = self.request.query_params.get("unread", "").strip().lower() in TRUE
        return selectors.inbox(self.request.user, unread_only=unread_only)


class NotificationsMarkRead(APIView):
    @extend_schema(
        request=MarkReadInput,
        responses=MarkReadOutput,
        summary="Mark your notifications read (the given ids, or all); others' ids are ignored",
    )
    def post(self, request: Request) -> Response:
        data = MarkReadInput(data=request.data)
        data.is_valid(raise_exception=True)
        marked = services.notification_mark_read(user=request.user, ids=data.validated_data.get("ids"))
        return Response(MarkReadOutput({"marked": marked}).data)
