from django.db import models
from django.utils.translation import gettext_lazy as _


class Grade(models.TextChoices):
    # DESIGN §1 grade by nature. Urgent: safety, outage, money loss. Major: legal, media, group.
    GENERAL = "general", _("General")
    URGENT = "urgent", _("Urgent")
    MAJOR = "major", _("Major")


GRADE_RANK = {Grade.GENERAL: 0, Grade.URGENT: 1, Grade.MAJOR: 2}


class RemedyKind(models.TextChoices):
    REFUND = "refund", _("Refund")
    EXCHANGE = "exchange", _("Exchange")
    REPAIR = "repair", _("Repair")
    COMPENSATION = "compensation", _("Compensation")
    APOLOGY = "apology", _("Apology")
    SERVICE_IMPROVEMENT = "service_improvement", _("Service improvement promise")
    COUPON = "coupon", _("Coupon")


class Deadline(models.TextChoices):
    """The clocks a case runs against (DESIGN §1 SLA table; seed 002 for follow-up)."""

    RESPONSE = "response", _("First response")
    RESOLUTION = "resolution", _("Resolution")
    PROGRESS = "progress", _("Progress update")
    FOLLOW_UP = "follow_up", _("Follow-up")


class EscalationAction(models.TextChoices):
    WARN = "warn", _("Warn before the deadline")
    BREACH = "breach", _("Record the breach and notify")
    ESCALATE = "escalate", _("Escalate with a supervision order")
