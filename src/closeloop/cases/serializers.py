"""Explicit input serializers (parse and type-check) and output serializers (render) for cases."""

from datetime import datetime
from typing import Any

from rest_framework import serializers

from closeloop.cases.choices import (
    Channel,
    Emotion,
    EvidenceKind,
    InvestigationMethod,
    LiabilityShare,
    LiablePartyType,
    NegotiationOutcome,
    ReviewStatus,
)
from closeloop.cases.models import (
    Case,
    DuplicateSuggestion,
    Event,
    Evidence,
    Feedback,
    FollowUp,
    Negotiation,
    ProgressEntry,
    ResolutionPlan,
    Responsibility,
    Transfer,
)
from closeloop.cases.selectors import EMPTY_AT_REGISTRATION, is_overdue
from closeloop.cases.validators import PHONE_HELP, PHONE_RE
from closeloop.cases.workflow import allowed_actions
from closeloop.core.api import ModelOutput
from closeloop.org.choices import ReplyChannel
from closeloop.org.models import Department, User
from closeloop.org.selectors import user_roles
from closeloop.policy.choices import Grade, RemedyKind
from closeloop.policy.models import Category
from closeloop.policy.selectors import category_path

# --- input --------------------------------------------------------------------------------------


class VersionedInput(serializers.Serializer):
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="The case version you last saw; a stale one gets 409 instead of overwriting.",
    )


class ComplainantInput(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    phone = serializers.RegexField(
        PHONE_RE, required=False, allow_blank=True, max_length=30, error_messages={"invalid": PHONE_HELP}
    )
    email = serializers.EmailField(required=False, allow_blank=True)
    preferred_channel = serializers.ChoiceField(choices=ReplyChannel.choices, required=False)


class IntakeInput(serializers.Serializer):
    channel = serializers.ChoiceField(choices=Channel.choices)
    contacted_at = serializers.DateTimeField()
    registered_at = serializers.DateTimeField(required=False, help_text="Defaults to now.")
    complainant = ComplainantInput()
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    category = serializers.CharField(max_length=60, help_text="Code of a third-level (leaf) category.")
    grade = serializers.ChoiceField(choices=Grade.choices, required=False)
    occurred_at = serializers.DateTimeField(required=False, allow_null=True)
    location = serializers.CharField(required=False, allow_blank=True, max_length=255)
    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    demand = serializers.CharField(required=False, allow_blank=True)
    emotion = serializers.ChoiceField(choices=Emotion.choices, required=False)
    order_ref = serializers.CharField(required=False, allow_blank=True, max_length=100)
    external_ref = serializers.CharField(required=False, allow_blank=True, max_length=100)
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, help_text="Files (multipart); kept as evidence."
    )


class ReasonInput(VersionedInput):
    reason = serializers.CharField()


class OptionalReasonInput(VersionedInput):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class NoteInput(VersionedInput):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ClassifyInput(OptionalReasonInput):
    category = serializers.CharField(required=False, max_length=60)
    grade = serializers.ChoiceField(choices=Grade.choices, required=False)


class AssignInput(OptionalReasonInput):
    department = serializers.CharField(help_text="Department id or code.")
    handler = serializers.CharField(required=False, allow_blank=True, help_text="Staff id or username.")
    cooperating = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Cooperating (协办) department ids or codes."
    )


class TransferInput(VersionedInput):
    department = serializers.CharField(help_text="Department id or code.")
    requirements = serializers.CharField()
    due_at = serializers.DateTimeField()


class ProgressInput(VersionedInput):
    note = serializers.CharField()
    expected_completion_at = serializers.DateTimeField(required=False, allow_null=True)


class EvidenceInput(VersionedInput):
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    method = serializers.ChoiceField(choices=InvestigationMethod.choices, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    file = serializers.FileField(required=False)
    collected_at = serializers.DateTimeField(required=False, allow_null=True)


class LiablePartyInput(serializers.Serializer):
    party_type = serializers.ChoiceField(choices=LiablePartyType.choices)
    name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    share = serializers.ChoiceField(choices=LiabilityShare.choices)
    percentage = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=100)


class ResponsibilityInput(VersionedInput):
    parties = LiablePartyInput(many=True)
    rationale = serializers.CharField()
    disputed = serializers.BooleanField(required=False, default=False)


class ResponsibilityReviewInput(VersionedInput):
    decision = serializers.ChoiceField(choices=[ReviewStatus.UPHELD, ReviewStatus.REVISED])
    note = serializers.CharField(required=False, allow_blank=True, default="")
    parties = LiablePartyInput(many=True, required=False)
    rationale = serializers.CharField(required=False, allow_blank=True, default="")


class RemedyInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RemedyKind.choices)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, default=0, min_value=0)
    description = serializers.CharField(required=False, allow_blank=True, max_length=255)


class PlanInput(VersionedInput):
    summary = serializers.CharField()
    remedies = RemedyInput(many=True)
    legal_basis = serializers.CharField(required=False, allow_blank=True, default="")
    interim_measures = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.CharField(required=False, allow_blank=True, help_text="Staff id or username.")
    due_at = serializers.DateTimeField(required=False, allow_null=True)


class NegotiationInput(VersionedInput):
    summary = serializers.CharField()
    outcome = serializers.ChoiceField(choices=NegotiationOutcome.choices)
    channel = serializers.ChoiceField(choices=ReplyChannel.choices, required=False)


class FeedbackInput(VersionedInput):
    content = serializers.CharField()
    basis = serializers.CharField(required=False, allow_blank=True, default="")
    channel = serializers.ChoiceField(choices=ReplyChannel.choices, required=False)


class FollowUpInput(VersionedInput):
    method = serializers.ChoiceField(choices=ReplyChannel.choices)
    reached = serializers.BooleanField(required=False, default=True)
    resolved = serializers.BooleanField(required=False, allow_null=True, default=None)
    satisfaction = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=10)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ExtendInput(ReasonInput):
    due_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="New resolution deadline; default adds one more period."
    )


class MergeInput(OptionalReasonInput):
    into = serializers.CharField(help_text="Number of the surviving case.")


# --- output -------------------------------------------------------------------------------------


class _Ref(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class _StaffRef(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()


class CaseListOutput(ModelOutput):
    category = _Ref()
    lead_department = _Ref(allow_null=True)
    handler = _StaffRef(allow_null=True)
    first_contact_owner = _StaffRef()
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)

    class Meta:
        model = Case
        fields = [
            "number",
            "status",
            "version",
            "channel",
            "title",
            "category",
            "grade",
            "emotion",
            "complainant_name",
            "customer_tier",
            "lead_department",
            "handler",
            "first_contact_owner",
            "contacted_at",
            "registered_at",
            "response_due_at",
            "resolution_due_at",
            "follow_up_due_at",
            "responded_at",
            "closed_at",
            "reopen_count",
            "overdue",
        ]


class TransferOutput(ModelOutput):
    from_department = _Ref(allow_null=True)
    to_department = _Ref()
    transferred_by = _StaffRef()

    class Meta:
        model = Transfer
        fields = [
            "from_department",
            "to_department",
            "requirements",
            "due_at",
            "transferred_by",
            "created_at",
        ]


class ProgressOutput(ModelOutput):
    department = _Ref(allow_null=True)
    author = _StaffRef()

    class Meta:
        model = ProgressEntry
        fields = ["id", "department", "author", "note", "expected_completion_at", "created_at"]


class EvidenceOutput(ModelOutput):
    collected_by = _StaffRef()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "kind",
            "method",
            "description",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "collected_by",
            "collected_at",
            "download_url",
        ]

    def get_download_url(self, item: Evidence) -> str | None:
        if not item.file:
            return None
        return f"/api/v1/complaints/{item.case.number}/evidence/{item.pk}/file/"


class ResponsibilityOutput(ModelOutput):
    parties = serializers.SerializerMethodField()
    determined_by = _StaffRef()
    reviewed_by = _StaffRef(allow_null=True)

    class Meta:
        model = Responsibility
        fields = [
            "id",
            "parties",
            "rationale",
            "disputed",
            "review_status",
            "review_note",
            "reviewed_by",
            "reviewed_at",
            "determined_by",
            "determined_at",
        ]

    def get_parties(self, record: Responsibility) -> list[dict]:
        return [
            {"party_type": p.party_type, "name": p.name, "share": p.share, "percentage": p.percentage}
            for p in record.parties.all()
        ]


class PlanOutput(ModelOutput):
    remedies = serializers.SerializerMethodField()
    owner = _StaffRef()
    proposed_by = _StaffRef()
    approved_by = _StaffRef(allow_null=True)
    needs_approval = serializers.SerializerMethodField()

    class Meta:
        model = ResolutionPlan
        fields = [
            "id",
            "status",
            "summary",
            "remedies",
            "legal_basis",
            "interim_measures",
            "owner",
            "due_at",
            "needs_approval",
            "approval_reasons",
            "proposed_by",
            "proposed_at",
            "approved_by",
            "approved_at",
        ]

    def get_remedies(self, plan: ResolutionPlan) -> list[dict]:
        return [
            {"kind": r.kind, "amount": str(r.amount), "description": r.description}
            for r in plan.remedies.all()
        ]

    def get_needs_approval(self, plan: ResolutionPlan) -> bool:
        return bool(plan.approval_reasons)


class NegotiationOutput(ModelOutput):
    recorded_by = _StaffRef()

    class Meta:
        model = Negotiation
        fields = ["id", "plan", "channel", "summary", "outcome", "recorded_by", "created_at"]


class FeedbackOutput(ModelOutput):
    given_by = _StaffRef()

    class Meta:
        model = Feedback
        fields = ["id", "channel", "content", "basis", "given_by", "created_at"]


class FollowUpOutput(ModelOutput):
    recorded_by = _StaffRef()

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "method",
            "reached",
            "resolved",
            "satisfaction",
            "comment",
            "recorded_by",
            "created_at",
        ]


def complainant(case: Case) -> dict[str, Any]:
    return {
        "customer_id": case.customer_id,
        "name": case.complainant_name,
        "phone": case.complainant_phone,
        "email": case.complainant_email,
        "preferred_channel": case.preferred_channel,
        "tier": case.customer_tier,
    }


class CaseDetailOutput(CaseListOutput):
    category_path = serializers.SerializerMethodField()
    complainant = serializers.SerializerMethodField()
    registered_by = _StaffRef()
    cooperating_departments = _Ref(many=True)
    merged_into = serializers.SlugRelatedField(slug_field="number", read_only=True)
    repeat_of = serializers.SlugRelatedField(slug_field="number", read_only=True)
    transfers = TransferOutput(many=True)
    progress_entries = ProgressOutput(many=True)
    evidence = EvidenceOutput(many=True)
    responsibilities = ResponsibilityOutput(many=True)
    plans = PlanOutput(many=True)
    negotiations = NegotiationOutput(many=True)
    feedback = FeedbackOutput(many=True)
    follow_ups = FollowUpOutput(many=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta(CaseListOutput.Meta):
        fields = [
            *CaseListOutput.Meta.fields,
            "category_path",
            "description",
            "demand",
            "occurred_at",
            "location",
            "amount",
            "order_ref",
            "external_ref",
            "complainant",
            "registered_by",
            "cooperating_departments",
            "resolved_at",
            "feedback_at",
            "archived_at",
            "extended_at",
            "extension_reason",
            "transfer_count",
            "legal_review_requested",
            "merged_into",
            "repeat_of",
            "archive_number",
            "retention_until",
            "transfers",
            "progress_entries",
            "evidence",
            "responsibilities",
            "plans",
            "negotiations",
            "feedback",
            "follow_ups",
            "allowed_actions",
        ]

    def get_category_path(self, case: Case) -> list[str]:
        return category_path(case.category)

    def get_complainant(self, case: Case) -> dict:
        return complainant(case)

    def get_allowed_actions(self, case: Case) -> list[str]:
        request = self.context.get("request")
        return allowed_actions(case, user_roles(request.user)) if request else []


class EventOutput(ModelOutput):
    actor = _StaffRef(allow_null=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "action",
            "actor",
            "created_at",
            "from_status",
            "to_status",
            "changes",
            "reason",
            "data",
        ]


class _CandidateOutput(ModelOutput):
    class Meta:
        model = Case
        fields = ["number", "title", "status", "registered_at"]


class DuplicateSuggestionOutput(ModelOutput):
    candidate = _CandidateOutput()
    score = serializers.FloatField()
    decided_by = _StaffRef(allow_null=True)

    class Meta:
        model = DuplicateSuggestion
        fields = ["id", "candidate", "reason", "score", "status", "created_at", "decided_by", "decided_at"]


class RepeatRateInput(serializers.Serializer):
    registered_after = serializers.DateTimeField(required=False)
    registered_before = serializers.DateTimeField(required=False)


class RepeatRateOutput(serializers.Serializer):
    cases = serializers.IntegerField()
    repeats = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True, help_text="repeats / cases; null when there are no cases.")


_DATETIME = serializers.DateTimeField()
_DATE = serializers.DateField()
_AMOUNT = serializers.DecimalField(max_digits=12, decimal_places=2)


def _when(value: datetime | None) -> str | None:
    return None if value is None else _DATETIME.to_representation(value)


def _ref(obj: Category | Department | None) -> dict | None:
    return None if obj is None else {"id": obj.pk, "code": obj.code, "name": obj.name}


def _staff(user: User | None) -> dict | None:
    return (
        None
        if user is None
        else {"id": user.pk, "username": user.username, "display_name": user.display_name}
    )


def registered_case_body(case: Case, roles: frozenset[str]) -> dict[str, Any]:
    """`CaseDetailOutput` of a case `case_register` has just returned without attachments, written
    out. Intake is the busiest write, and building the serializer's fields for it took longer than
    registering the case. At registration every list is empty and the case merges or repeats
    nothing yet (screening comes after the commit). tests/cases/test_api_intake.py holds this equal
    to the serializer's answer for the same case read back."""
    return {
        "number": case.number,
        "status": case.status,
        "version": case.version,
        "channel": case.channel,
        "title": case.title,
        "category": _ref(case.category),
        "grade": case.grade,
        "emotion": case.emotion,
        "complainant_name": case.complainant_name,
        "customer_tier": case.customer_tier,
        "lead_department": _ref(case.lead_department),
        "handler": _staff(case.handler),
        "first_contact_owner": _staff(case.first_contact_owner),
        "contacted_at": _when(case.contacted_at),
        "registered_at": _when(case.registered_at),
        "response_due_at": _when(case.response_due_at),
        "resolution_due_at": _when(case.resolution_due_at),
        "follow_up_due_at": _when(case.follow_up_due_at),
        "responded_at": _when(case.responded_at),
        "closed_at": _when(case.closed_at),
        "reopen_count": case.reopen_count,
        "overdue": is_overdue(case),
        "category_path": category_path(case.category),
        "description": case.description,
        "demand": case.demand,
        "occurred_at": _when(case.occurred_at),
        "location": case.location,
        "amount": None if case.amount is None else _AMOUNT.to_representation(case.amount),
        "order_ref": case.order_ref,
        "external_ref": case.external_ref,
        "complainant": complainant(case),
        "registered_by": _staff(case.registered_by),
        "resolved_at": _when(case.resolved_at),
        "feedback_at": _when(case.feedback_at),
        "archived_at": _when(case.archived_at),
        "extended_at": _when(case.extended_at),
        "extension_reason": case.extension_reason,
        "transfer_count": case.transfer_count,
        "legal_review_requested": case.legal_review_requested,
        "merged_into": None,
        "repeat_of": None,
        "archive_number": case.archive_number,
        "retention_until": None
        if case.retention_until is None
        else _DATE.to_representation(case.retention_until),
        "evidence": [],
        **{name: [] for name in EMPTY_AT_REGISTRATION},
        "allowed_actions": allowed_actions(case, roles),
    }
