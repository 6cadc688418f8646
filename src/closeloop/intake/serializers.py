from django.urls import reverse
from rest_framework import serializers

from closeloop.cases.validators import PHONE_HELP, PHONE_RE
from closeloop.core.api import ModelOutput
from closeloop.intake.choices import CallDirection, CallOutcome
from closeloop.intake.models import Call


def _phone(**kwargs) -> serializers.RegexField:
    return serializers.RegexField(PHONE_RE, max_length=30, error_messages={"invalid": PHONE_HELP}, **kwargs)


class CallInput(serializers.Serializer):
    external_id = serializers.CharField(
        max_length=100, help_text="The phone system's call id; a retry sends the same."
    )
    caller_number = _phone()
    called_number = _phone(required=False, allow_blank=True)
    direction = serializers.ChoiceField(choices=CallDirection.choices, required=False)
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(required=False, allow_null=True)
    agent = serializers.CharField(
        max_length=150,
        required=False,
        allow_blank=True,
        help_text="Username of the agent who took the call; defaults to you.",
    )
    recording = serializers.FileField(
        required=False, help_text="The recording (multipart); kept as evidence."
    )
    recording_url = serializers.URLField(max_length=500, required=False, allow_blank=True)


class CallOutput(ModelOutput):
    outcome = serializers.ChoiceField(choices=CallOutcome.choices)
    case = serializers.SlugRelatedField(slug_field="number", read_only=True)
    agent = serializers.SlugRelatedField(slug_field="username", read_only=True)
    intake_url = serializers.SerializerMethodField()
    duration_seconds = serializers.IntegerField(read_only=True, allow_null=True)
    has_recording = serializers.SerializerMethodField()

    class Meta:
        model = Call
        fields = [
            "id",
            "external_id",
            "outcome",
            "case",
            "intake_url",
            "direction",
            "caller_number",
            "called_number",
            "started_at",
            "ended_at",
            "duration_seconds",
            "agent",
            "has_recording",
            "recording_url",
            "created_at",
        ]

    def get_intake_url(self, call: Call) -> str | None:
        """Where the agent registers the complaint, while the call waits for intake."""
        if call.outcome != CallOutcome.PENDING_INTAKE:
            return None
        return f"{reverse('web:intake')}?call={call.pk}"

    def get_has_recording(self, call: Call) -> bool:
        return bool(call.recording)
