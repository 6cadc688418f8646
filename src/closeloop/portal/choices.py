from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyState(models.TextChoices):
    """What a survey link can still do; every state but OPEN records nothing."""

    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Already answered")
    EXPIRED = "expired", _("Expired or not valid")
    CLOSED = "closed", _("No longer awaiting an answer")


class PublicStatus(models.TextChoices):
    """Case states in the words the customer sees (已受理 / 处理中 / 已答复待回访 / 已办结)."""

    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("Being handled")
    ANSWERED = "answered", _("Answered, awaiting your feedback")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    MERGED = "merged", _("Combined with another complaint")


class RateLimit(models.TextChoices):
    """What the portal counts per client address and hour."""

    SUBMIT = "submit", _("Complaint submissions")
    TRACK = "track", _("Wrong tracking attempts")
