"""Explicit input and output serializers of the inbox API."""

from rest_framework import serializers

from closeloop.core.api import ModelOutput
from closeloop.notify.choices import Kind
from closeloop.notify.models import Notification


class NotificationOutput(ModelOutput):
    kind = serializers.ChoiceField(choices=Kind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    case = serializers.CharField(source="case.number", allow_null=True, default=None)
    unread = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "kind_label",
            "case",
            "subject",
            "body",
            "link",
            "created_at",
            "read_at",
            "unread",
        ]
        read_only_fields = fields

    def get_unread(self, notification: Notification) -> bool:
        return notification.read_at is None


class MarkReadInput(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=1000,
        help_text="The notifications to mark read; leave out to mark all of yours.",
    )


class MarkReadOutput(serializers.Serializer):
    marked = serializers.IntegerField()
