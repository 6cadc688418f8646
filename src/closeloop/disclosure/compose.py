"""A publication's draft from a closed case: the six elements of seed 003, already desensitised.

`sources(case)` gathers, per element, the case record's own text (what the accuracy check compares
against); `draft(case)` runs each through `desensitise.redact_public` and names the complainant by
surname and title. Evidence is described by kind and method, never by its files. There is no
improvement-action model yet: the improvement element starts from the plan's service-improvement
promises, and its deadline and owner are left for the editor.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from closeloop.cases.choices import LiablePartyType
from closeloop.cases.models import Case
from closeloop.cases.workflow import current_plan
from closeloop.disclosure.choices import Element
from closeloop.disclosure.desensitise import CaseContext, case_context, public_name, redact_public
from closeloop.disclosure.models import COMPLAINANT_MAX, ELEMENT_MAX, TITLE_MAX
from closeloop.policy.choices import RemedyKind
from closeloop.policy.selectors import category_path

# Organisations are named in a responsibility determination; people are not (seed 003).
_NAMED_PARTIES = frozenset({LiablePartyType.SUPPLIER, LiablePartyType.DEPARTMENT})


@dataclass
class Draft:
    title: str
    elements: dict[str, str]
    # Per element: what was replaced, as {"kind", "replacement"} (never the value replaced).
    redactions: dict[str, list[dict[str, str]]] = field(default_factory=dict)


def _fact(label: str, value: object) -> str:
    return _("%(label)s: %(value)s") % {"label": label, "value": value}


def _lines(*parts: str) -> str:
    return "\n".join(p.strip() for p in parts if p and p.strip())


def _money(amount: Decimal | None) -> str:
    return f"¥{amount}" if amount else ""


def _cause(case: Case) -> str:
    demand = _fact(_("Demand"), case.demand) if case.demand.strip() else ""
    return _lines(_fact(_("Category"), " › ".join(category_path(case.category))), case.description, demand)


def _investigation(case: Case) -> str:
    lines = []
    for item in case.evidence.all():
        label = item.get_kind_display()
        if item.method:
            label = f"{label}（{item.get_method_display()}）"
        lines.append("- " + (_fact(label, item.description) if item.description.strip() else label))
    return _lines(*lines)


def _responsibility(case: Case) -> str:
    determination = case.responsibilities.order_by("determined_at", "id").last()
    if determination is None:
        return ""
    lines = []
    for party in determination.parties.all():
        parts = [party.get_party_type_display()]
        if party.name and party.party_type in _NAMED_PARTIES:
            parts.append(party.name)
        parts.append(party.get_share_display())
        if party.percentage is not None:
            parts.append(f"{party.percentage}%")
        lines.append("- " + " · ".join(str(p) for p in parts))
    return _lines(*lines, determination.rationale)


def _result(case: Case) -> str:
    lines = []
    plan = current_plan(case)
    if plan is not None:
        lines.append(plan.summary)
        for remedy in plan.remedies.all():
            if remedy.kind != RemedyKind.SERVICE_IMPROVEMENT:
                parts = [str(remedy.get_kind_display()), _money(remedy.amount), remedy.description]
                lines.append("- " + " · ".join(p for p in parts if p))
        if plan.legal_basis.strip():
            lines.append(_fact(_("Legal basis"), plan.legal_basis))
    for negotiation in case.negotiations.all():
        lines.append(_fact(negotiation.get_outcome_display(), negotiation.summary))
    feedback = case.feedback.order_by("created_at", "id").last()
    if feedback is not None:
        lines.append(_fact(_("Feedback"), feedback.content))
        if feedback.basis.strip():
            lines.append(_fact(_("Basis"), feedback.basis))
    follow_up = case.follow_ups.filter(reached=True).order_by("created_at", "id").last()
    if follow_up is not None and follow_up.resolved is not None:
        outcome = _("solved") if follow_up.resolved else _("not solved")
        if follow_up.satisfaction is not None:
            outcome = _("%(outcome)s · satisfaction %(score)s/10") % {
                "outcome": outcome,
                "score": follow_up.satisfaction,
            }
        lines.append(_fact(_("Follow-up"), outcome))
    return _lines(*lines)


def _improvement(case: Case) -> str:
    plan = current_plan(case)
    if plan is None:
        return ""
    promises = plan.remedies.filter(kind=RemedyKind.SERVICE_IMPROVEMENT)
    return _lines(*(f"- {r.description or r.get_kind_display()}" for r in promises))


def sources(case: Case) -> dict[str, str]:
    """The case record's text behind each element (not desensitised), keyed by `Element` value."""
    return {
        Element.COMPLAINANT.value: case.complainant_name,
        Element.CAUSE.value: _cause(case),
        Element.INVESTIGATION.value: _investigation(case),
        Element.RESPONSIBILITY.value: _responsibility(case),
        Element.RESULT.value: _result(case),
        Element.IMPROVEMENT.value: _improvement(case),
    }


def _limit(text: str, size: int) -> str:
    # Cut only desensitised text: cutting before would split a number and hide it from the detectors.
    return text if len(text) <= size else text[: size - 1] + "…"


def draft(case: Case, context: CaseContext | None = None) -> Draft:
    """The six elements and the title, desensitised, in the organisation's language (the public
    reads them in it, whatever the editor's browser says)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _draft(case, context or case_context(case))


def _draft(case: Case, context: CaseContext) -> Draft:
    elements: dict[str, str] = {}
    record: dict[str, list[dict[str, str]]] = {}
    for element, text in sources(case).items():
        if element == Element.COMPLAINANT:
            # The name becomes surname and title (张先生 / 李女士); what it replaced is the whole name.
            public = public_name(text, context)
            elements[element] = _limit(public, COMPLAINANT_MAX)
            record[element] = [{"kind": "name", "replacement": public}] if public != text.strip() else []
            continue
        redacted = redact_public(text, context)
        elements[element] = _limit(redacted.text, ELEMENT_MAX)
        record[element] = [{"kind": r.kind.value, "replacement": r.replacement} for r in redacted.redactions]
    title = redact_public(case.title, context)
    record["title"] = [{"kind": r.kind.value, "replacement": r.replacement} for r in title.redactions]
    return Draft(title=_limit(title.text, TITLE_MAX), elements=elements, redactions=record)
