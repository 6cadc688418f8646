"""Channel intake: mailboxes polled over IMAP, the messages they delivered, calls from the phone system."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from closeloop.intake.choices import CallDirection, CallOutcome, MessageOutcome, Security
from closeloop.policy.models import Category

User = settings.AUTH_USER_MODEL
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


class Mailbox(models.Model):
    """An IMAP folder whose messages become complaints, registered by the mailbox's service user."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    host = models.CharField(_("IMAP host"), max_length=255)
    port = models.PositiveIntegerField(_("port"), default=993)
    security = models.CharField(_("security"), max_length=10, choices=Security.choices, default=Security.SSL)
    username = models.CharField(_("user name"), max_length=255)
    # IMAP needs the password itself, so it cannot be hashed; the admin never shows it.
    password = models.CharField(_("password"), max_length=255)
    folder = models.CharField(_("folder"), max_length=255, default="INBOX")
    active = models.BooleanField(_("active"), default=True)
    service_user = models.ForeignKey(
        User,
        related_name="+",
        on_delete=models.PROTECT,
        verbose_name=_("service user"),
        help_text=_("Staff account with an intake role; it registers the cases and is their first contact."),
    )
    default_category = models.ForeignKey(
        Category,
        related_name="+",
        on_delete=models.PROTECT,
        limit_choices_to={"level": 3, "active": True},
        verbose_name=_("default category"),
        help_text=_("New complaints are filed here until an agent reclassifies them."),
    )
    # Where the last poll stopped: messages with a higher UID are new, while the folder's
    # UIDVALIDITY stays the same (a changed one means the server renumbered the folder).
    uidvalidity = models.PositiveBigIntegerField(_("UIDVALIDITY"), null=True, blank=True, editable=False)
    last_uid = models.PositiveBigIntegerField(_("last UID"), default=0, editable=False)
    last_polled_at = models.DateTimeField(_("last polled at"), null=True, blank=True, editable=False)
    last_error = models.CharField(_("last error"), max_length=500, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.security == Security.PLAIN and self.host.strip().lower() not in LOOPBACK_HOSTS:
            raise ValidationError(
                {"security": _("Unencrypted IMAP would send the password in clear: use SSL or STARTTLS.")}
            )


class InboundMessage(models.Model):
    """One e-mail a mailbox delivered and what became of it; its Message-ID is processed only once."""

    mailbox = models.ForeignKey(
        Mailbox, related_name="messages", on_delete=models.PROTECT, verbose_name=_("mailbox")
    )
    message_id = models.CharField(_("Message-ID"), max_length=255)
    uid = models.PositiveBigIntegerField(_("UID"))
    received_at = models.DateTimeField(_("received at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    from_address = models.CharField(_("from"), max_length=255, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=MessageOutcome.choices)
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        verbose_name=_("case"),
    )
    # Why a message failed or was ignored, and attachments that were not kept.
    error = models.TextField(_("error"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("inbound e-mail")
        verbose_name_plural = _("inbound e-mails")
        constraints = [
            models.UniqueConstraint(fields=["mailbox", "message_id"], name="inbound_message_once"),
        ]
        indexes = [models.Index(fields=["message_id"], name="inbound_message_id")]

    def __str__(self) -> str:
        return self.message_id


class Call(models.Model):
    """A call the phone system (CTI) reported: attached to the caller's open case, or waiting for the
    agent to register it. The phone system's call id makes a retried report return the same call."""

    external_id = models.CharField(_("call id"), max_length=100, unique=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=CallDirection.choices, default=CallDirection.INBOUND
    )
    caller_number = models.CharField(_("caller number"), max_length=30, db_index=True)
    called_number = models.CharField(_("called number"), max_length=30, blank=True)
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    agent = models.ForeignKey(User, related_name="+", on_delete=models.PROTECT, verbose_name=_("agent"))
    # Stored content-addressed beside the evidence, so the evidence made from it is the same file.
    recording = models.FileField(_("recording"), upload_to="calls/", blank=True)
    recording_name = models.CharField(_("recording file name"), max_length=255, blank=True)
    recording_url = models.URLField(_("recording URL"), max_length=500, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=CallOutcome.choices)
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        verbose_name=_("case"),
    )
    reported_by = models.ForeignKey(
        User, related_name="+", on_delete=models.PROTECT, verbose_name=_("reported by")
    )
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        indexes = [models.Index(fields=["agent", "outcome"], name="call_agent_outcome")]

    def __str__(self) -> str:
        return self.external_id

    @property
    def customer_number(self) -> str:
        """The customer's end of the line: who called us, or whom we called."""
        return self.called_number if self.direction == CallDirection.OUTBOUND else self.caller_number

    @property
    def duration_seconds(self) -> int | None:
        if self.ended_at is None:
            return None
        return max(0, int((self.ended_at - self.started_at).total_seconds()))

    @property
    def duration(self) -> str:
        """m:ss, as a phone shows it; empty when the end was not reported."""
        seconds = self.duration_seconds
        return "" if seconds is None else f"{seconds // 60}:{seconds % 60:02d}"
