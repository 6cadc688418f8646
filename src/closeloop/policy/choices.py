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
