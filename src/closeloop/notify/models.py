import secrets

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from closeloop.notify.choices import Channel, DeliveryStatus, Kind


class Notification(models.Model):
    """One message in a staff member's in-app inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        related_name="notifications",
        on_delete=models.CASCADE,
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        related_name="notifications",
        on_delete=models.CASCADE,
        verbose_name=_("case"),
    )
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"), blank=True)
    link = models.CharField(_("link"), max_length=255, blank=True)
    # Whoever notifies names the occasion ("sla_breached:<case id>:<due>"), so a sweep that runs
    # twice, or on two workers at once, finds the row already there and tells nobody twice.
    key = models.CharField(_("idempotency key"), max_length=200)
    created_at = models.DateTimeField(_("created at"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_recipient_key"),
        ]
        indexes = [
            # The header's unread count on every staff page, and the inbox's order.
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
        ]

    def __str__(self) -> str:
        return self.subject


class WebhookEndpoint(models.Model):
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(_("signing secret"), max_length=64, editable=False)
    event_kinds = models.JSONField(
        _("event kinds"), default=list, blank=True, help_text=_("Empty means every kind.")
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.url

    def save(self, *args, **kwargs) -> None:
        if not self.secret:
            self.secret = secrets.token_hex(32)
        super().save(*args, **kwargs)

    def subscribes_to(self, kind: str) -> bool:
        return not self.event_kinds or kind in self.event_kinds


class Delivery(models.Model):
    """The outbox: one message to send by e-mail, SMS, webhook or post, with its retry state."""

    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    # Webhooks also carry event kinds that are not message kinds, so no choices here.
    kind = models.CharField(_("kind"), max_length=60)
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        related_name="deliveries",
        on_delete=models.CASCADE,
        verbose_name=_("case"),
    )
    # E-mail address, phone number or webhook URL; for a letter the postal address (may be empty).
    address = models.CharField(_("recipient address"), max_length=500, blank=True)
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        null=True,
        blank=True,
        related_name="deliveries",
        on_delete=models.CASCADE,
        verbose_name=_("webhook endpoint"),
    )
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("body"), blank=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    language = models.CharField(_("language"), max_length=10, blank=True)
    key = models.CharField(_("idempotency key"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    # The sender that has taken this row; set while it sends, so two senders never take one row.
    claim = models.CharField(_("claimed by"), max_length=32, blank=True, default="", db_index=True)
    # Exception class and a short reason only: never an address or a message text.
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "address", "key"], name="delivery_channel_address_key"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.kind} · {self.get_status_display()}"
