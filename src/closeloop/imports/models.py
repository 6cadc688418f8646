"""Imports from outside: regulators' and partners' transfers (12315 / 12345 work orders) and the
historical ledger (台账迁移).

A source says how to read one kind of file (which column holds which of our fields, how their words
map to ours); a job is one uploaded file going through the importer in batches; an external ticket
ties a case to the row it came from, so the same export imported twice makes no second case.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from closeloop.cases.choices import Channel
from closeloop.cases.models import Case
from closeloop.org.models import Department
from closeloop.policy.choices import Grade

User = settings.AUTH_USER_MODEL

# Accepted when a source names none: the ISO forms and the slashed forms Chinese Excel writes.
DEFAULT_DATE_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
]


class ImportKind(models.TextChoices):
    TRANSFER = "transfer", _("Transfer (regulator or partner work orders)")
    LEDGER = "ledger", _("Ledger (historical complaints)")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    PARTIAL = "partial", _("Partially done")
    FAILED = "failed", _("Failed")


FINISHED_JOB_STATUSES = (JobStatus.DONE, JobStatus.PARTIAL, JobStatus.FAILED)


def _empty_maps() -> dict:
    return {}


def _default_date_formats() -> list[str]:
    return list(DEFAULT_DATE_FORMATS)


class ImportSource(models.Model):
    """A named kind of file ("12315 平台", "旧台账 2024") and how to read it."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ImportKind.choices)
    # Our field -> their column header, e.g. {"external_ref": "工单编号", "due_at": "办结时限"}.
    # A field left out is read from a column named like the field itself.
    column_map = models.JSONField(_("column mapping"), default=_empty_maps, blank=True)
    # Their words -> ours, per field: {"category": {"家电质量": "PRODUCT-DEFECT-DOA"},
    # "grade": {"一般": "general"}, "status": {"已办结": "closed"}, "channel": {...}, "department": {...}}.
    value_maps = models.JSONField(_("value maps"), default=_empty_maps, blank=True)
    default_channel = models.CharField(
        _("default channel"), max_length=20, choices=Channel.choices, blank=True
    )
    default_category = models.CharField(
        _("default category"), max_length=60, blank=True, help_text=_("Code of a third-level category.")
    )
    default_grade = models.CharField(_("default grade"), max_length=10, choices=Grade.choices, blank=True)
    default_department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        verbose_name=_("default department"),
    )
    date_formats = models.JSONField(
        _("date formats"),
        default=_default_date_formats,
        blank=True,
        help_text=_("Python strptime formats tried in order, e.g. %Y-%m-%d %H:%M."),
    )
    header_row = models.PositiveSmallIntegerField(
        _("header row"), default=1, help_text=_("The row of the column headers; data starts below it.")
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("import source")
        verbose_name_plural = _("import sources")

    def __str__(self) -> str:
        return self.name


def job_upload_to(instance: "ImportJob", filename: str) -> str:
    # The stored name says nothing about the file's content (it holds personal data).
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"imports/{instance.token}.{suffix}"


class ImportJob(models.Model):
    """One file through the importer: queued, run in batches of all-or-nothing, reported."""

    token = models.CharField(max_length=32, unique=True, editable=False)
    source = models.ForeignKey(
        ImportSource, related_name="jobs", on_delete=models.PROTECT, verbose_name=_("source")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ImportKind.choices)
    file = models.FileField(_("file"), upload_to=job_upload_to)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    dry_run = models.BooleanField(_("dry run"), default=False)
    batch_size = models.PositiveIntegerField(_("batch size"), default=1000)
    total_rows = models.PositiveIntegerField(_("rows in the file"), null=True, blank=True)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("cases created"), default=0)
    skipped_count = models.PositiveIntegerField(_("duplicates skipped"), default=0)
    failed_rows = models.PositiveIntegerField(_("rows not imported"), default=0)
    failed_batches = models.PositiveIntegerField(_("batches not imported"), default=0)
    # Why the whole file could not be read (unreadable file, missing columns); row errors are
    # ImportRowError rows.
    message = models.TextField(_("message"), blank=True)
    created_by = models.ForeignKey(
        User, related_name="+", on_delete=models.PROTECT, verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"))
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    # Written after every batch: a running job whose heartbeat stopped lost its worker.
    heartbeat_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"#{self.pk} {self.original_name}"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED_JOB_STATUSES

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        if not self.total_rows:
            return 0
        return min(100, int(self.processed_rows * 100 / self.total_rows))


class ImportRowError(models.Model):
    """Why a row was not imported: its row number in the file, the column, the value, the reason."""

    job = models.ForeignKey(ImportJob, related_name="errors", on_delete=models.CASCADE, verbose_name=_("job"))
    row = models.PositiveIntegerField(_("row"))
    column = models.CharField(_("column"), max_length=200, blank=True)
    value = models.TextField(_("value"), blank=True)
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["row", "id"]
        verbose_name = _("import error")
        verbose_name_plural = _("import errors")

    def __str__(self) -> str:
        return f"{self.row} {self.column}"


class ExternalTicket(models.Model):
    """The outside record a case came from: a regulator's work order with its own deadline, or a
    ledger row. Unique per source and reference, so a re-imported export skips what it made."""

    case = models.OneToOneField(
        Case, related_name="external_ticket", on_delete=models.CASCADE, verbose_name=_("case")
    )
    source = models.ForeignKey(
        ImportSource, related_name="tickets", on_delete=models.PROTECT, verbose_name=_("source")
    )
    external_ref = models.CharField(_("external reference"), max_length=100)
    # The regulator's own deadline; the case's resolution deadline is never later than it.
    external_due_at = models.DateTimeField(_("external deadline"), null=True, blank=True)
    # The transferred row as read (their headers), kept for disputes with the regulator.
    raw = models.JSONField(_("row as received"), default=dict, blank=True)
    job = models.ForeignKey(
        ImportJob, null=True, related_name="tickets", on_delete=models.SET_NULL, verbose_name=_("job")
    )
    row = models.PositiveIntegerField(_("row"), null=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("external ticket")
        verbose_name_plural = _("external tickets")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_ref"], name="external_ticket_once_per_source")
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.external_ref}"
