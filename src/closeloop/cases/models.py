from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from closeloop.cases.choices import (
    Channel,
    DuplicateReason,
    Emotion,
    EvidenceKind,
    InvestigationMethod,
    LiabilityShare,
    LiablePartyType,
    NegotiationOutcome,
    PlanStatus,
    ReviewStatus,
    Status,
    SuggestionStatus,
)
from closeloop.org.choices import CustomerTier, ReplyChannel
from closeloop.org.models import Customer, Department
from closeloop.policy.choices import Grade, RemedyKind
from closeloop.policy.models import Category

User = settings.AUTH_USER_MODEL


class Case(models.Model):
    """One complaint, whatever the channel it came in on (统一入口、统一记录)."""

    number = models.CharField(_("case number"), max_length=32, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED)
    # Optimistic concurrency: every write bumps it; a client that sends a stale one gets 409.
    version = models.PositiveIntegerField(_("version"), default=1)

    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    external_ref = models.CharField(_("external reference"), max_length=100, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    demand = models.TextField(_("complainant's demand"), blank=True)
    emotion = models.CharField(_("emotion"), max_length=20, choices=Emotion.choices, default=Emotion.CALM)
    occurred_at = models.DateTimeField(_("occurred at"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=255, blank=True)
    amount = models.DecimalField(_("amount involved"), max_digits=12, decimal_places=2, null=True, blank=True)
    order_ref = models.CharField(_("order / product reference"), max_length=100, blank=True)

    category = models.ForeignKey(
        Category, related_name="cases", on_delete=models.PROTECT, verbose_name=_("category")
    )
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices, default=Grade.GENERAL)

    customer = models.ForeignKey(
        Customer, related_name="cases", on_delete=models.PROTECT, verbose_name=_("customer")
    )
    # What the complainant told us this time; the customer record may change later.
    complainant_name = models.CharField(_("complainant name"), max_length=100)
    complainant_phone = models.CharField(_("complainant phone"), max_length=30, blank=True)
    complainant_email = models.EmailField(_("complainant e-mail"), blank=True)
    preferred_channel = models.CharField(
        _("preferred reply channel"), max_length=20, choices=ReplyChannel.choices, default=ReplyChannel.PHONE
    )
    customer_tier = models.CharField(
        _("customer tier at intake"), max_length=20, choices=CustomerTier.choices
    )

    # DESIGN §1: two times, never merged; the gap between them is supervised (压单).
    contacted_at = models.DateTimeField(_("contacted at"))
    registered_at = models.DateTimeField(_("registered at"), db_index=True)
    registered_by = models.ForeignKey(
        User, related_name="registered_cases", on_delete=models.PROTECT, verbose_name=_("registered by")
    )
    # 首问负责制: the first receiver stays accountable until closure.
    first_contact_owner = models.ForeignKey(
        User,
        related_name="first_contact_cases",
        on_delete=models.PROTECT,
        verbose_name=_("first-contact owner"),
    )

    lead_department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        related_name="led_cases",
        on_delete=models.PROTECT,
        verbose_name=_("lead department"),
    )
    cooperating_departments = models.ManyToManyField(
        Department, blank=True, related_name="cooperating_cases", verbose_name=_("cooperating departments")
    )
    handler = models.ForeignKey(
        User,
        null=True,
        blank=True,
        related_name="handled_cases",
        on_delete=models.PROTECT,
        verbose_name=_("handler"),
    )

    response_due_at = models.DateTimeField(_("first response due"), null=True, blank=True)
    resolution_due_at = models.DateTimeField(_("resolution due"), null=True, blank=True)
    follow_up_due_at = models.DateTimeField(_("follow-up due"), null=True, blank=True)
    progress_due_at = models.DateTimeField(_("next progress update due"), null=True, blank=True)
    # The SLA terms in force, copied from the policy when the clocks were (re)started, so a later
    # policy edit does not silently move a running case's deadlines.
    sla_clock = models.CharField(_("SLA clock"), max_length=10, blank=True)
    sla_pauses = models.BooleanField(_("clocks pause while waiting for the customer"), default=True)
    sla_started_at = models.DateTimeField(_("resolution clock started"), null=True, blank=True)
    paused_at = models.DateTimeField(_("waiting for the customer since"), null=True, blank=True)
    # When the SLA sweep must next look at the case (a warning, breach or escalation is due then);
    # empty when no clock runs. The sweep reads only rows whose time has come.
    sla_next_check_at = models.DateTimeField(_("next SLA check"), null=True, blank=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    feedback_at = models.DateTimeField(_("feedback at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    extended_at = models.DateTimeField(_("extended at"), null=True, blank=True)
    extension_reason = models.TextField(_("extension reason"), blank=True)
    reopen_count = models.PositiveIntegerField(_("times reopened"), default=0)
    transfer_count = models.PositiveIntegerField(_("times transferred"), default=0)
    # Set once a determination is disputed; legal reviewers then see the case (DESIGN §1 handle).
    legal_review_requested = models.BooleanField(_("legal review requested"), default=False)

    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        related_name="merged_cases",
        on_delete=models.PROTECT,
        verbose_name=_("merged into"),
    )
    repeat_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        related_name="repeats",
        on_delete=models.SET_NULL,
        verbose_name=_("repeat of"),
    )
    # When duplicate and repeat screening read the case (after intake commits, on a worker when there
    # is one); empty until then, and the screening sweep looks for such cases.
    screened_at = models.DateTimeField(_("screened for duplicates at"), null=True, blank=True, editable=False)
    archive_number = models.CharField(_("archive number"), max_length=40, null=True, blank=True, unique=True)
    retention_until = models.DateField(_("retain until"), null=True, blank=True)

    class Meta:
        ordering = ["-registered_at", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["status", "resolution_due_at"], name="case_status_due"),
            # Every column the workbench's tab counts read (web.selectors.workbench_counts) and the
            # scopes filter on: the grouped count scans this index alone, never a case row.
            models.Index(
                fields=[
                    "status",
                    "lead_department",
                    "handler",
                    "first_contact_owner",
                    # An intake agent's scope is what they registered (cases.selectors.scope_filter).
                    "registered_by",
                    "resolution_due_at",
                    "response_due_at",
                    "responded_at",
                    "follow_up_due_at",
                ],
                name="case_workbench_scan",
            ),
            # Sorting a workbench by deadline walks this index instead of sorting the whole scope.
            models.Index(fields=["resolution_due_at"], name="case_resolution_due"),
            models.Index(fields=["lead_department", "status"], name="case_dept_status"),
            models.Index(
                fields=["sla_next_check_at"],
                name="case_sla_next_check",
                condition=models.Q(sla_next_check_at__isnull=False),
            ),
            models.Index(
                fields=["registered_at"],
                name="case_unscreened",
                condition=models.Q(screened_at__isnull=True),
            ),
            models.Index(fields=["handler", "status"], name="case_handler_status"),
            models.Index(fields=["registered_by"], name="case_registered_by"),
            models.Index(fields=["customer", "registered_at"], name="case_customer"),
            # Duplicate search at intake finds the same complainant's cases by phone or e-mail too.
            models.Index(
                fields=["complainant_phone"],
                name="case_complainant_phone",
                condition=~models.Q(complainant_phone=""),
            ),
            models.Index(
                fields=["complainant_email"],
                name="case_complainant_email",
                condition=~models.Q(complainant_email=""),
            ),
        ]

    def __str__(self) -> str:
        return self.number


class Sequence(models.Model):
    """Named counters behind case numbers (per day) and archive numbers (per year); locked to increment."""

    name = models.CharField(_("name"), max_length=40, primary_key=True)
    last = models.PositiveIntegerField(_("last number"), default=0)


class Transfer(models.Model):
    case = models.ForeignKey(Case, related_name="transfers", on_delete=models.CASCADE, verbose_name=_("case"))
    from_department = models.ForeignKey(
        Department, null=True, related_name="+", on_delete=models.PROTECT, verbose_name=_("from department")
    )
    to_department = models.ForeignKey(
        Department, related_name="+", on_delete=models.PROTECT, verbose_name=_("to department")
    )
    requirements = models.TextField(_("requirements"))
    due_at = models.DateTimeField(_("due at"))
    transferred_by = models.ForeignKey(
        User, related_name="+", on_delete=models.PROTECT, verbose_name=_("transferred by")
    )
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")


class ProgressEntry(models.Model):
    """Work order flow (工单流转): each department records what it did and when it expects to finish."""

    case = models.ForeignKey(
        Case, related_name="progress_entries", on_delete=models.CASCADE, verbose_name=_("case")
    )
    department = models.ForeignKey(
        Department, null=True, related_name="+", on_delete=models.PROTECT, verbose_name=_("department")
    )
    author = models.ForeignKey(User, related_name="+", on_delete=models.PROTECT, verbose_name=_("author"))
    note = models.TextField(_("note"))
    expected_completion_at = models.DateTimeField(_("expected completion"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    # Content-addressed so the stored name says nothing about the customer.
    return f"evidence/{instance.sha256[:2]}/{instance.sha256}"


class Evidence(models.Model):
    case = models.ForeignKey(Case, related_name="evidence", on_delete=models.CASCADE, verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=20, choices=EvidenceKind.choices)
    method = models.CharField(
        _("investigation method"), max_length=20, choices=InvestigationMethod.choices, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, blank=True)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    collected_by = models.ForeignKey(
        User, related_name="+", on_delete=models.PROTECT, verbose_name=_("collected by")
    )
    collected_at = models.DateTimeField(_("collected at"))
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")


class Responsibility(models.Model):
    """A responsibility determination (责任界定); the latest one for a case is current."""

    case = models.ForeignKey(
        Case, related_name="responsibilities", on_delete=models.CASCADE, verbose_name=_("case")
    )
    rationale = models.TextField(_("rationale"))
    disputed = models.BooleanField(_("disputed"), default=False)
    review_status = models.CharField(
        _("legal review"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.NOT_REQUIRED
    )
    review_note = models.TextField(_("review note"), blank=True)
    reviewed_by = models.ForeignKey(
        User, null=True, blank=True, related_name="+", on_delete=models.PROTECT, verbose_name=_("reviewed by")
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    determined_by = models.ForeignKey(
        User, related_name="+", on_delete=models.PROTECT, verbose_name=_("determined by")
    )
    determined_at = models.DateTimeField(_("determined at"))

    class Meta:
        ordering = ["determined_at", "id"]
        verbose_name = _("responsibility determination")
        verbose_name_plural = _("responsibility determinations")


class LiableParty(models.Model):
    responsibility = models.ForeignKey(
        Responsibility,
        related_name="parties",
        on_delete=models.CASCADE,
        verbose_name=_("responsibility determination"),
    )
    party_type = models.CharField(_("party type"), max_length=20, choices=LiablePartyType.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    share = models.CharField(_("liability"), max_length=10, choices=LiabilityShare.choices)
    percentage = models.PositiveSmallIntegerField(_("percentage"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("liable party")
        verbose_name_plural = _("liable parties")


class ResolutionPlan(models.Model):
    case = models.ForeignKey(Case, related_name="plans", on_delete=models.CASCADE, verbose_name=_("case"))
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices)
    summary = models.TextField(_("summary"))
    legal_basis = models.TextField(_("legal basis"), blank=True)
    interim_measures = models.TextField(_("interim measures"), blank=True)
    owner = models.ForeignKey(User, related_name="+", on_delete=models.PROTECT, verbose_name=_("owner"))
    due_at = models.DateTimeField(_("to be carried out by"), null=True, blank=True)
    # Why the plan left the compensation standard, one line per remedy; empty when within it.
    approval_reasons = models.JSONField(_("reasons approval is needed"), default=list, blank=True)
    proposed_by = models.ForeignKey(
        User, related_name="+", on_delete=models.PROTECT, verbose_name=_("proposed by")
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    approved_by = models.ForeignKey(
        User, null=True, blank=True, related_name="+", on_delete=models.PROTECT, verbose_name=_("approved by")
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        ordering = ["proposed_at", "id"]
        verbose_name = _("resolution plan")
        verbose_name_plural = _("resolution plans")


class Remedy(models.Model):
    plan = models.ForeignKey(
        ResolutionPlan, related_name="remedies", on_delete=models.CASCADE, verbose_name=_("resolution plan")
    )
    kind = models.CharField(_("remedy"), max_length=30, choices=RemedyKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, default=0)
    description = models.CharField(_("description"), max_length=255, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("remedy")
        verbose_name_plural = _("remedies")


class Negotiation(models.Model):
    case = models.ForeignKey(
        Case, related_name="negotiations", on_delete=models.CASCADE, verbose_name=_("case")
    )
    plan = models.ForeignKey(
        ResolutionPlan,
        null=True,
        related_name="negotiations",
        on_delete=models.PROTECT,
        verbose_name=_("resolution plan"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=ReplyChannel.choices)
    summary = models.TextField(_("summary"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=NegotiationOutcome.choices)
    recorded_by = models.ForeignKey(
        User, related_name="+", on_delete=models.PROTECT, verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("negotiation")
        verbose_name_plural = _("negotiations")


class Feedback(models.Model):
    case = models.ForeignKey(Case, related_name="feedback", on_delete=models.CASCADE, verbose_name=_("case"))
    channel = models.CharField(_("channel"), max_length=20, choices=ReplyChannel.choices)
    content = models.TextField(_("content"))
    basis = models.TextField(
        _("basis"), blank=True, help_text=_("The basis of the decision, told to the customer.")
    )
    given_by = models.ForeignKey(User, related_name="+", on_delete=models.PROTECT, verbose_name=_("given by"))
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")


class FollowUp(models.Model):
    case = models.ForeignKey(
        Case, related_name="follow_ups", on_delete=models.CASCADE, verbose_name=_("case")
    )
    method = models.CharField(_("method"), max_length=20, choices=ReplyChannel.choices)
    reached = models.BooleanField(_("customer reached"), default=True)
    resolved = models.BooleanField(_("problem solved"), null=True)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), null=True)
    comment = models.TextField(_("comment"), blank=True)
    recorded_by = models.ForeignKey(
        User, related_name="+", on_delete=models.PROTECT, verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")


class Event(models.Model):
    """Append-only audit trail: one row per transition or change, written in the same transaction."""

    case = models.ForeignKey(Case, related_name="events", on_delete=models.CASCADE, verbose_name=_("case"))
    action = models.CharField(_("action"), max_length=40)
    actor = models.ForeignKey(
        User, null=True, related_name="+", on_delete=models.PROTECT, verbose_name=_("actor")
    )
    created_at = models.DateTimeField(_("time"), db_index=True)
    from_status = models.CharField(_("from status"), max_length=20, blank=True)
    to_status = models.CharField(_("to status"), max_length=20, blank=True)
    # {field: [before, after]} as JSON-safe strings.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["case", "created_at"], name="event_case_time")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")


class IntakeKey(models.Model):
    """An `Idempotency-Key` a client sent with `POST /api/v1/complaints/`: a retry with the same key
    returns the case the first request created instead of registering the complaint twice."""

    user = models.ForeignKey(User, related_name="+", on_delete=models.CASCADE, verbose_name=_("user"))
    key = models.CharField(_("idempotency key"), max_length=200)
    # SHA-256 of the request's content: the same key with another complaint is a client error.
    fingerprint = models.CharField(_("request fingerprint"), max_length=64)
    case = models.ForeignKey(
        Case, null=True, related_name="+", on_delete=models.CASCADE, verbose_name=_("case")
    )
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("intake idempotency key")
        verbose_name_plural = _("intake idempotency keys")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="intake_key_once_per_user")]
        # The retention job deletes by age; without it every purge would read every key.
        indexes = [models.Index(fields=["created_at"], name="intake_key_created")]

    def __str__(self) -> str:
        return self.key


class CaseSignature(models.Model):
    """One locality-sensitive-hashing band of a case's MinHash (see `cases.duplicates`).

    Two cases with alike texts share a bucket in some band with high probability; intake looks up
    the new text's buckets through the primary key instead of comparing it with every case.
    `bucket` hashes the band number with the band's values, so one column serves every band.
    """

    pk = models.CompositePrimaryKey("bucket", "case")
    bucket = models.BigIntegerField(_("bucket"))
    # No index of its own: rows are found by bucket; cases are never deleted (PROTECT elsewhere).
    case = models.ForeignKey(
        Case, related_name="signatures", on_delete=models.CASCADE, db_index=False, verbose_name=_("case")
    )

    class Meta:
        verbose_name = _("case text signature")
        verbose_name_plural = _("case text signatures")


class DuplicateSuggestion(models.Model):
    """At intake: `candidate` may be the same matter as the new `case` (DESIGN §1 intake, seed 002).
    A person merges the case into the candidate or dismisses the suggestion."""

    case = models.ForeignKey(
        Case, related_name="duplicate_suggestions", on_delete=models.CASCADE, verbose_name=_("case")
    )
    candidate = models.ForeignKey(
        Case, related_name="+", on_delete=models.CASCADE, verbose_name=_("possible duplicate of")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=DuplicateReason.choices)
    score = models.DecimalField(_("text similarity"), max_digits=4, decimal_places=3)
    status = models.CharField(
        _("status"), max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    created_at = models.DateTimeField(_("created at"))
    decided_by = models.ForeignKey(
        User, null=True, blank=True, related_name="+", on_delete=models.PROTECT, verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["reason", "-score", "id"]
        verbose_name = _("duplicate suggestion")
        verbose_name_plural = _("duplicate suggestions")
        constraints = [
            models.UniqueConstraint(fields=["case", "candidate"], name="duplicate_suggestion_once"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} ~ {self.candidate_id}"
