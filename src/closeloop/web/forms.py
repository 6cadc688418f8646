"""HTML forms of the staff pages: parse and type-check input; the services validate the domain rules.

`ACTION_FORMS` maps every workflow action to its form and service (the web twin of
`closeloop.cases.api.ACTIONS`). `ServiceErrorsMixin.add_service_errors` puts a service's
`ValidationFailed` messages next to the inputs they are about.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from closeloop.assist import analysis as assist_analysis
from closeloop.assist import selectors as assist_selectors
from closeloop.cases import services, workflow
from closeloop.cases.choices import (
    Action,
    Channel,
    Emotion,
    EvidenceKind,
    InvestigationMethod,
    LiabilityShare,
    LiablePartyType,
    NegotiationOutcome,
    ReviewStatus,
    Status,
)
from closeloop.cases.models import Case
from closeloop.cases.validators import PHONE_HELP, PHONE_RE
from closeloop.core.errors import ValidationFailed
from closeloop.org.choices import ReplyChannel
from closeloop.policy.choices import Grade, RemedyKind
from closeloop.web.selectors import Pickers

BLANK = [("", "—")]
# The same rule as the API's complainant phone (cases.serializers.ComplainantInput).


class DateTimeLocalInput(forms.DateTimeInput):
    """`<input type="datetime-local">`; Django reads the value in the active time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class CategorySelect(forms.Select):
    """Leaf categories with their classification guide and default department as data attributes."""

    def __init__(self, details: dict[str, dict[str, str]], attrs: dict | None = None) -> None:
        super().__init__(attrs)
        self.details = details

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        detail = self.details.get(str(value))
        if detail:
            option["attrs"]["data-guide"] = detail["guide"]
            option["attrs"]["data-department"] = detail["department"]
        return option


class ServiceErrorsMixin:
    # A service's error key → the input it is about, when the names differ.
    error_fields: dict[str, str] = {}

    def add_service_errors(self, error: ValidationFailed) -> None:
        for key, messages in error.fields.items():
            name = self.error_fields.get(key, key.replace(".", "_"))
            target = name if name in self.fields else None
            for message in messages:
                self.add_error(target, message)


def _reason_field(required: bool) -> forms.CharField:
    return forms.CharField(label=_("Reason"), required=required, widget=forms.Textarea(attrs={"rows": 2}))


def _note_field(label: str = _("Note"), required: bool = False) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": 2}))


# --- intake -------------------------------------------------------------------------------------


class IntakeForm(ServiceErrorsMixin, forms.Form):
    error_fields = {
        # "Give a phone number or an e-mail address": shown where the phone is typed.
        "complainant": "complainant_phone",
        "complainant.preferred_channel": "preferred_channel",
        "registered_at": "contacted_at",
    }

    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.PHONE)
    contacted_at = forms.DateTimeField(label=_("Contacted at"), widget=DateTimeLocalInput())
    complainant_name = forms.CharField(label=_("Complainant name"), max_length=100)
    complainant_phone = forms.RegexField(
        label=_("Phone"),
        regex=PHONE_RE,
        max_length=30,
        required=False,
        error_messages={"invalid": PHONE_HELP},
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    complainant_email = forms.EmailField(label=_("E-mail"), required=False)
    preferred_channel = forms.ChoiceField(
        label=_("Preferred reply channel"), choices=ReplyChannel.choices, initial=ReplyChannel.PHONE
    )
    category = forms.ChoiceField(label=_("Category"))
    grade = forms.ChoiceField(label=_("Grade"), choices=Grade.choices, initial=Grade.GENERAL)
    emotion = forms.ChoiceField(label=_("Emotion"), choices=Emotion.choices, initial=Emotion.CALM)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}))
    demand = forms.CharField(
        label=_("The complainant's demand"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    occurred_at = forms.DateTimeField(label=_("Occurred at"), required=False, widget=DateTimeLocalInput())
    location = forms.CharField(label=_("Location"), max_length=255, required=False)
    amount = forms.DecimalField(
        label=_("Amount involved (yuan)"), max_digits=12, decimal_places=2, min_value=0, required=False
    )
    order_ref = forms.CharField(label=_("Order / product reference"), max_length=100, required=False)
    attachments = MultipleFileField(label=_("Attachments"), required=False)

    def __init__(self, *args: Any, pickers: Pickers, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        # The widget first: assigning `choices` hands them to the field's current widget.
        category.widget = CategorySelect(pickers.leaf_details)
        category.choices = BLANK + pickers.leaf_groups
        self.fields["channel"].widget.attrs["autofocus"] = True

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "channel": data["channel"],
            "contacted_at": data["contacted_at"],
            "complainant": {
                "name": data["complainant_name"],
                "phone": data["complainant_phone"],
                "email": data["complainant_email"],
                "preferred_channel": data["preferred_channel"],
            },
            "category": data["category"],
            "grade": data["grade"],
            "emotion": data["emotion"],
            "title": data["title"],
            "description": data["description"],
            "demand": data["demand"],
            "occurred_at": data["occurred_at"],
            "location": data["location"],
            "amount": data["amount"],
            "order_ref": data["order_ref"],
            "attachments": data["attachments"],
        }


# --- workbench filters --------------------------------------------------------------------------


class WorkbenchFilterForm(forms.Form):
    """Renders the filter inputs; `closeloop.cases.filters.CaseFilter` reads the same names."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Number, complainant, title or description")}
        ),
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=BLANK + Status.choices)
    grade = forms.ChoiceField(label=_("Grade"), required=False, choices=BLANK + Grade.choices)
    category = forms.ChoiceField(label=_("Category"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=BLANK + Channel.choices)
    department = forms.ChoiceField(label=_("Lead department"), required=False)
    handler = forms.ChoiceField(label=_("Handler"), required=False)
    registered_from = forms.DateField(
        label=_("Registered on or after"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    registered_to = forms.DateField(
        label=_("Registered before"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    overdue = forms.ChoiceField(
        label=_("Overdue"),
        required=False,
        choices=[("", "—"), ("true", _("Overdue only")), ("false", _("Not overdue"))],
    )

    def __init__(self, *args: Any, pickers: Pickers, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = BLANK + pickers.category_filter
        self.fields["department"].choices = BLANK + pickers.departments
        self.fields["handler"].choices = BLANK + pickers.handlers


# --- workflow actions ---------------------------------------------------------------------------


class ActionForm(ServiceErrorsMixin, forms.Form):
    """One workflow action on one case; `version` guards against overwriting someone else's change."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, case: Case, pickers: Pickers, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("version", case.version)
        super().__init__(*args, **kwargs)
        self.case = case
        self.pickers = pickers
        self.setup()

    def setup(self) -> None:
        """Fill choices and defaults that depend on the case or the database."""

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)

    def rows(self) -> list[list[forms.BoundField]]:
        """Visible inputs in display rows; table-like groups (remedies, parties) share a row."""
        grouped: dict[str, list[forms.BoundField]] = {}
        for bound in self.visible_fields():
            match = re.match(r"^(\w+_\d+)_", bound.name)
            grouped.setdefault(match.group(1) if match else bound.name, []).append(bound)
        return list(grouped.values())


class NoteForm(ActionForm):
    note = _note_field()


class ReasonForm(ActionForm):
    reason = _reason_field(required=True)


class VersionOnlyForm(ActionForm):
    pass


class ClassifyForm(ActionForm):
    category = forms.ChoiceField(label=_("Category"), required=False)
    grade = forms.ChoiceField(label=_("Grade"), required=False, choices=BLANK + Grade.choices)
    reason = _reason_field(required=False)

    def setup(self) -> None:
        self.fields["category"].choices = BLANK + self.pickers.leaf_groups
        self.initial.setdefault("category", self.case.category.code)
        self.initial.setdefault("grade", self.case.grade)

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "category": data["category"] or None,
            "grade": data["grade"] or None,
            "reason": data["reason"],
            "version": data["version"],
        }


class AssignForm(ActionForm):
    department = forms.ChoiceField(label=_("Lead department"))
    handler = forms.ChoiceField(label=_("Handler"), required=False)
    cooperating = forms.MultipleChoiceField(
        label=_("Cooperating departments"), required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )
    reason = _reason_field(required=False)

    def setup(self) -> None:
        self.fields["department"].choices = BLANK + self.pickers.departments
        self.fields["handler"].choices = BLANK + self.pickers.handlers
        self.fields["cooperating"].choices = self.pickers.departments
        c = self.case
        self.initial.setdefault("department", str(c.lead_department_id or ""))
        self.initial.setdefault("handler", str(c.handler_id or ""))
        self.initial.setdefault("cooperating", [str(d.pk) for d in c.cooperating_departments.all()])


class TransferForm(ActionForm):
    department = forms.ChoiceField(label=_("To department"))
    requirements = forms.CharField(label=_("Requirements"), widget=forms.Textarea(attrs={"rows": 2}))
    due_at = forms.DateTimeField(label=_("Deadline"), widget=DateTimeLocalInput())

    def setup(self) -> None:
        self.fields["department"].choices = BLANK + self.pickers.departments


class ProgressForm(ActionForm):
    note = _note_field(_("Progress"), required=True)
    expected_completion_at = forms.DateTimeField(
        label=_("Expected completion"), required=False, widget=DateTimeLocalInput()
    )


class EvidenceForm(ActionForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    method = forms.ChoiceField(
        label=_("Investigation method"), required=False, choices=BLANK + InvestigationMethod.choices
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(label=_("File"), required=False)
    collected_at = forms.DateTimeField(label=_("Collected at"), required=False, widget=DateTimeLocalInput())

    def service_kwargs(self) -> dict[str, Any]:
        kwargs = dict(self.cleaned_data)
        kwargs["upload"] = kwargs.pop("file")
        return kwargs


class _RowsMixin:
    """A fixed number of optional rows (`<row>_<i>_<column>`); empty rows are ignored.

    The service numbers errors by its own list (`remedies[0].kind`), which skips empty rows, so the
    mapping back to the inputs is recorded while the list is built.
    """

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    error_fields: dict[str, str]

    def _add_rows(
        self, row: str, count: int, columns: dict[str, Callable[[], forms.Field]], *, after: str
    ) -> None:
        """Add the rows' inputs right after the field `after`, so they are filled in order."""
        added = []
        for i in range(count):
            for column, make in columns.items():
                self.fields[f"{row}_{i}_{column}"] = make()
                added.append(f"{row}_{i}_{column}")
        names = list(self.fields)
        self.order_fields([*names[: names.index(after) + 1], *added])

    def _collect(self, row: str, count: int, listed_as: str, key: str) -> list[dict[str, Any]]:
        columns = sorted({name.split("_", 2)[2] for name in self.fields if name.startswith(f"{row}_")})
        self.error_fields = dict(self.error_fields)
        collected = []
        for i in range(count):
            values = {c: self.cleaned_data.get(f"{row}_{i}_{c}") for c in columns}
            if not values[key]:
                continue
            for c in columns:
                self.error_fields[f"{listed_as}[{len(collected)}].{c}"] = f"{row}_{i}_{c}"
            collected.append(values)
        return collected


PARTY_ROWS = 2
REMEDY_ROWS = 3


def _party_columns() -> dict[str, Callable[[], forms.Field]]:
    return {
        "party_type": lambda: forms.ChoiceField(
            label=_("Liable party"), required=False, choices=BLANK + LiablePartyType.choices
        ),
        "name": lambda: forms.CharField(label=_("Name"), required=False, max_length=200),
        "share": lambda: forms.ChoiceField(
            label=_("Share"), required=False, choices=LiabilityShare.choices, initial=LiabilityShare.PRIMARY
        ),
        "percentage": lambda: forms.IntegerField(
            label=_("Percentage"), required=False, min_value=0, max_value=100
        ),
    }


class ResponsibilityForm(_RowsMixin, ActionForm):
    rationale = forms.CharField(
        label=_("Rationale (facts, causality, principles)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    disputed = forms.BooleanField(label=_("Disputed: send for legal review"), required=False)

    def setup(self) -> None:
        self._add_rows("party", PARTY_ROWS, _party_columns(), after="version")

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "parties": self._collect("party", PARTY_ROWS, "parties", "party_type"),
            "rationale": self.cleaned_data["rationale"],
            "disputed": self.cleaned_data["disputed"],
            "version": self.cleaned_data["version"],
        }


class ResponsibilityReviewForm(_RowsMixin, ActionForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(s.value, s.label) for s in (ReviewStatus.UPHELD, ReviewStatus.REVISED)],
    )
    note = _note_field(_("Review note"))
    rationale = forms.CharField(
        label=_("Revised rationale (only when revising)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def setup(self) -> None:
        self._add_rows("party", PARTY_ROWS, _party_columns(), after="note")

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "decision": data["decision"],
            "note": data["note"],
            "parties": self._collect("party", PARTY_ROWS, "parties", "party_type"),
            "rationale": data["rationale"],
            "version": data["version"],
        }


class PlanForm(_RowsMixin, ActionForm):
    summary = forms.CharField(label=_("Plan summary"), widget=forms.Textarea(attrs={"rows": 2}))
    legal_basis = forms.CharField(label=_("Legal basis"), required=False)
    interim_measures = forms.CharField(label=_("Interim measures"), required=False)
    owner = forms.ChoiceField(label=_("Owner (default: you)"), required=False)
    due_at = forms.DateTimeField(label=_("To be carried out by"), required=False, widget=DateTimeLocalInput())

    def setup(self) -> None:
        self.fields["owner"].choices = BLANK + self.pickers.handlers
        self._add_rows(
            "remedy",
            REMEDY_ROWS,
            {
                "kind": lambda: forms.ChoiceField(
                    label=_("Remedy"), required=False, choices=BLANK + RemedyKind.choices
                ),
                "amount": lambda: forms.DecimalField(
                    label=_("Amount (yuan)"), required=False, min_value=0, max_digits=12, decimal_places=2
                ),
                "description": lambda: forms.CharField(label=_("Details"), required=False, max_length=255),
            },
            after="summary",
        )
        # An angry customer: the first remedy row starts from what the standard allows (seed 002).
        self.remedy_hint = assist_analysis.remedy_hint(self.case, assist_selectors.insight(self.case))
        if self.remedy_hint is not None:
            self.initial.setdefault("remedy_0_kind", self.remedy_hint.kind)
            self.initial.setdefault("remedy_0_amount", self.remedy_hint.amount)
            self.initial.setdefault("legal_basis", self.remedy_hint.legal_basis)

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "summary": data["summary"],
            "remedies": self._collect("remedy", REMEDY_ROWS, "remedies", "kind"),
            "legal_basis": data["legal_basis"],
            "interim_measures": data["interim_measures"],
            "owner": data["owner"] or None,
            "due_at": data["due_at"],
            "version": data["version"],
        }


class NegotiationForm(ActionForm):
    summary = forms.CharField(label=_("What was discussed"), widget=forms.Textarea(attrs={"rows": 2}))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=NegotiationOutcome.choices)
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=BLANK + ReplyChannel.choices)


class FeedbackForm(ActionForm):
    content = forms.CharField(label=_("What the customer is told"), widget=forms.Textarea(attrs={"rows": 3}))
    basis = forms.CharField(
        label=_("Basis of the decision"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=ReplyChannel.choices)

    def setup(self) -> None:
        self.initial.setdefault("channel", self.case.preferred_channel)


class FollowUpForm(ActionForm):
    method = forms.ChoiceField(label=_("Method"), choices=ReplyChannel.choices)
    reached = forms.BooleanField(label=_("The customer was reached"), required=False, initial=True)
    resolved = forms.NullBooleanField(
        label=_("Is the problem really solved?"),
        required=False,
        widget=forms.Select(choices=[("", "—"), ("true", _("Yes")), ("false", _("No"))]),
    )
    satisfaction = forms.IntegerField(
        label=_("Satisfaction (1–10)"), required=False, min_value=1, max_value=10
    )
    comment = _note_field(_("Comment or suggestion"))

    def setup(self) -> None:
        self.initial.setdefault("method", self.case.preferred_channel)


class ExtendForm(ReasonForm):
    due_at = forms.DateTimeField(
        label=_("New resolution deadline (default: one more period)"),
        required=False,
        widget=DateTimeLocalInput(),
    )


class MergeForm(ActionForm):
    into = forms.CharField(label=_("Number of the case to keep"), max_length=32)
    reason = _reason_field(required=False)


@dataclass(frozen=True)
class ActionSpec:
    form: type[ActionForm]
    service: Callable[..., Case]


ACTION_FORMS: dict[Action, ActionSpec] = {
    Action.CLASSIFY: ActionSpec(ClassifyForm, services.case_classify),
    Action.ASSIGN: ActionSpec(AssignForm, services.case_assign),
    Action.RESPOND: ActionSpec(NoteForm, services.case_respond),
    Action.TRANSFER: ActionSpec(TransferForm, services.case_transfer),
    Action.START: ActionSpec(VersionOnlyForm, services.case_start),
    Action.PROGRESS: ActionSpec(ProgressForm, services.case_progress),
    Action.ADD_EVIDENCE: ActionSpec(EvidenceForm, services.case_add_evidence),
    Action.DETERMINE_RESPONSIBILITY: ActionSpec(ResponsibilityForm, services.case_determine_responsibility),
    Action.REVIEW_RESPONSIBILITY: ActionSpec(ResponsibilityReviewForm, services.case_review_responsibility),
    Action.PROPOSE_PLAN: ActionSpec(PlanForm, services.case_propose_plan),
    Action.APPROVE_PLAN: ActionSpec(NoteForm, services.case_approve_plan),
    Action.RECORD_NEGOTIATION: ActionSpec(NegotiationForm, services.case_record_negotiation),
    Action.RESOLVE: ActionSpec(NoteForm, services.case_resolve),
    Action.GIVE_FEEDBACK: ActionSpec(FeedbackForm, services.case_give_feedback),
    Action.FOLLOW_UP: ActionSpec(FollowUpForm, services.case_follow_up),
    Action.REOPEN: ActionSpec(ReasonForm, services.case_reopen),
    Action.EXTEND: ActionSpec(ExtendForm, services.case_extend),
    Action.AWAIT_CUSTOMER: ActionSpec(ReasonForm, services.case_await_customer),
    Action.RESUME: ActionSpec(NoteForm, services.case_resume),
    Action.CLOSE: ActionSpec(NoteForm, services.case_close),
    Action.ARCHIVE: ActionSpec(VersionOnlyForm, services.case_archive),
    Action.WITHDRAW: ActionSpec(ReasonForm, services.case_withdraw),
    Action.MERGE: ActionSpec(MergeForm, services.case_merge),
}
assert set(ACTION_FORMS) == set(workflow.TABLE), "every workflow action needs a form"
