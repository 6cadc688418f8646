from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    # To staff: in the inbox, and by e-mail when they have an address.
    CASE_ASSIGNED = "case_assigned", _("Case assigned to you")
    SLA_WARNING = "sla_warning", _("Deadline approaching")
    SLA_BREACHED = "sla_breached", _("Deadline missed")
    ESCALATED = "escalated", _("Supervision order issued to you")
    SUPERVISION_ORDER_REPLIED = "supervision_order_replied", _("Supervision order replied")
    SUPERVISION_ORDER_OVERDUE = "supervision_order_overdue", _("Supervision order overdue")
    CUSTOMER_CONTACTED = "customer_contacted", _("The customer got in touch")
    # To the customer, on the case's preferred reply channel.
    CASE_REGISTERED = "case_registered", _("Complaint registered")
    CASE_EXTENDED = "case_extended", _("Deadline extended")
    FEEDBACK_GIVEN = "feedback_given", _("Decision on the complaint")
    FOLLOW_UP_INVITATION = "follow_up_invitation", _("Follow-up survey")


STAFF_KINDS = frozenset(
    {
        Kind.CASE_ASSIGNED,
        Kind.SLA_WARNING,
        Kind.SLA_BREACHED,
        Kind.ESCALATED,
        Kind.SUPERVISION_ORDER_REPLIED,
        Kind.SUPERVISION_ORDER_OVERDUE,
        Kind.CUSTOMER_CONTACTED,
    }
)
CUSTOMER_KINDS = frozenset(set(Kind) - STAFF_KINDS)


class Channel(models.TextChoices):
    INBOX = "inbox", _("In-app inbox")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    WEBHOOK = "webhook", _("Webhook")
    LETTER = "letter", _("Letter")


# Letters are posted by a person; every other outgoing channel is sent by `deliveries_send`.
MACHINE_CHANNELS = frozenset({Channel.EMAIL, Channel.SMS, Channel.WEBHOOK})


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
