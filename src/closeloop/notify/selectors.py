"""Reads of the inbox, always of one user's own notifications."""

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from closeloop.notify.models import Notification
from closeloop.org.models import User


def inbox(user: User, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, unread first, newest first."""
    qs = (
        Notification.objects.filter(recipient=user)
        .select_related("case")
        .only("id", "kind", "subject", "body", "link", "created_at", "read_at", "case__number")
    )
    if unread_only:
        return qs.filter(read_at__isnull=True).order_by("-created_at", "-id")
    unread = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return qs.annotate(unread=unread).order_by("-unread", "-created_at", "-id")


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
