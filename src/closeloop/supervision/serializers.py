from rest_framework import serializers

from closeloop.core.api import ModelOutput
from closeloop.supervision.models import ORDER_ROLES, SupervisionOrder


class OrderOutput(ModelOutput):
    case = serializers.CharField(source="case.number")
    department = serializers.CharField(source="department.code", default=None)
    issued_by = serializers.CharField(source="issued_by.username", default=None)
    replied_by = serializers.CharField(source="replied_by.username", default=None)
    closed_by = serializers.CharField(source="closed_by.username", default=None)
    rule = serializers.CharField(source="rule.code", default=None)

    class Meta:
        model = SupervisionOrder
        fields = [
            "number",
            "case",
            "status",
            "target_role",
            "department",
            "reason",
            "instructions",
            "rule",
            "issued_by",
            "issued_at",
            "due_at",
            "reply",
            "replied_by",
            "replied_at",
            "closed_by",
            "closed_at",
        ]


class OrderIssueInput(serializers.Serializer):
    target_role = serializers.ChoiceField(choices=[(r.value, r.label) for r in ORDER_ROLES])
    reason = serializers.CharField()
    due_at = serializers.DateTimeField()
    instructions = serializers.CharField(required=False, allow_blank=True, default="")


class OrderReplyInput(serializers.Serializer):
    reply = serializers.CharField()


class OrderCloseInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
