"""Publications of complaint results (结果公示, seed 003) and their public comments.

A publication carries the six elements as an editor wrote them, starting from a draft composed from
a closed case. What the public sees is never these fields as stored: every public surface renders
them through the redaction engine again (`selectors.public_view`).

`version` changes with every write (optimistic concurrency); `content_version` only when the text
changes. The legal approval and each accuracy check name the `content_version` they looked at, so an
edit makes them stale by construction, whatever the status says.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from closeloop.cases.models import Case
from closeloop.disclosure.choices import FeedbackStatus, PublicationAction, PublicationStatus
from closeloop.org.models import Department
from closeloop.policy.models import Category

User = settings.AUTH_USER_MODEL

TITLE_MAX = 200
COMPLAINANT_MAX = 200
ELEMENT_MAX = 5000
OWNER_MAX = 200
NOTE_MAX = 1000
FEEDBACK_MAX = 1000


class AppendOnly(models.Model):
    """Audit rows: written once, never changed or deleted."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError(f"{type(self).__name__} rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{type(self).__name__} rows are append-only.")


class Publication(models.Model):
    case = models.ForeignKey(
        Case, related_name="publications", on_delete=models.PROTECT, verbose_name=_("case")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    content_version = models.PositiveIntegerField(_("content version"), default=1)

    title = models.CharField(_("title"), max_length=TITLE_MAX)
    complainant = models.CharField(_("complainant"), max_length=COMPLAINANT_MAX)
    cause = models.TextField(_("cause of the complaint"))
    investigation = models.TextField(_("investigation and key evidence"), blank=True)
    responsibility = models.TextField(_("responsibility"), blank=True)
    result = models.TextField(_("result"), blank=True)
    improvement = models.TextField(_("improvement measures"), blank=True)
    improvement_deadline = models.DateField(_("improvement deadline"), null=True, blank=True)
    improvement_owner = models.CharField(_("improvement owner"), max_length=OWNER_MAX, blank=True)
    # What composition removed from the case's texts, per element: [{"kind", "replacement"}]. Only
    # the replacements are kept; the removed values stay in the case record.
    redactions = models.JSONField(_("redactions at composition"), default=dict, blank=True)

    category = models.ForeignKey(
        Category, related_name="publications", on_delete=models.PROTECT, verbose_name=_("category")
    )
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        related_name="publications",
        on_delete=models.PROTECT,
        verbose_name=_("department"),
    )

    created_by = models.ForeignKey(
        User, related_name="+", on_delete=models.PROTECT, verbose_name=_("drafted by")
    )
    created_at = models.DateTimeField(_("drafted at"))
    # Whoever wrote the current text may not review it (legal or accuracy).
    edited_by = models.ForeignKey(
        User, related_name="+", on_delete=models.PROTECT, verbose_name=_("last edited by")
    )
    edited_at = models.DateTimeField(_("last edited at"))
    legal_approved_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        verbose_name=_("desensitisation approved by"),
    )
    legal_approved_at = models.DateTimeField(_("desensitisation approved at"), null=True, blank=True)
    legal_approved_version = models.PositiveIntegerField(_("approved content version"), null=True, blank=True)
    published_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        verbose_name=_("withdrawn by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)
    view_count = models.PositiveIntegerField(_("views"), default=0)
    # The published text as the public sees it (already redacted), for the board's search: searching
    # the stored fields would let anyone test whether a phone number is in a publication.
    search_text = models.TextField(_("public text"), blank=True, editable=False)

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            # One live publication per case; a withdrawn one may be followed by a new draft.
            models.UniqueConstraint(
                fields=["case"],
                condition=~models.Q(status=PublicationStatus.WITHDRAWN),
                name="publication_one_live_per_case",
            ),
        ]
        indexes = [models.Index(fields=["status", "published_at"], name="publication_status_published")]

    def __str__(self) -> str:
        return self.title


class PublicationCheck(AppendOnly):
    """One person's 双人核对 of one content version against the case record."""

    publication = models.ForeignKey(
        Publication, related_name="checks", on_delete=models.CASCADE, verbose_name=_("publication")
    )
    content_version = models.PositiveIntegerField(_("content version checked"))
    checker = models.ForeignKey(
        User, related_name="+", on_delete=models.PROTECT, verbose_name=_("checked by")
    )
    checked_at = models.DateTimeField(_("checked at"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["checked_at", "id"]
        verbose_name = _("accuracy check")
        verbose_name_plural = _("accuracy checks")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "content_version", "checker"], name="publication_check_once_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publication_id} v{self.content_version} · {self.checker_id}"


class PublicationEvent(AppendOnly):
    """The publication's audit trail: one row per step, written in the step's transaction."""

    publication = models.ForeignKey(
        Publication, related_name="events", on_delete=models.CASCADE, verbose_name=_("publication")
    )
    action = models.CharField(_("action"), max_length=30, choices=PublicationAction.choices)
    actor = models.ForeignKey(
        User, null=True, blank=True, related_name="+", on_delete=models.PROTECT, verbose_name=_("actor")
    )
    created_at = models.DateTimeField(_("time"))
    from_status = models.CharField(_("from status"), max_length=20, blank=True)
    to_status = models.CharField(_("to status"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("publication event")
        verbose_name_plural = _("publication events")

    def __str__(self) -> str:
        return f"{self.publication_id} {self.action}"


class PublicFeedback(models.Model):
    """A comment from the public on a publication; shown only once a moderator approved it."""

    publication = models.ForeignKey(
        Publication, related_name="public_feedback", on_delete=models.CASCADE, verbose_name=_("publication")
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("received at"))
    status = models.CharField(
        _("status"), max_length=10, choices=FeedbackStatus.choices, default=FeedbackStatus.PENDING
    )
    moderated_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")
        indexes = [models.Index(fields=["publication", "status"], name="public_feedback_status")]

    def __str__(self) -> str:
        return f"{self.publication_id} #{self.pk}"
