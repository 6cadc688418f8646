"""What a closed case teaches, as the draft of a handling-experience article (seed 004: 投诉案例
应纳入企业知识库).

The draft carries the matter and its outcome, never the person: the complainant's contact details,
address and order reference are left out, and every free text goes through the same redaction as a
public notice (`disclosure.desensitise.redact_public` with the case's context): names as 周女士 or
周某某, the case's own phone, e-mail, ID number, address and order reference masked, staff named by
their role, and whatever the engine detects besides. An article is read by every member of staff,
so it shows no more of a person than the public board would.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from closeloop.cases.choices import LiablePartyType, PlanStatus
from closeloop.cases.models import Case, ResolutionPlan
from closeloop.disclosure.desensitise import case_context, redact_public
from closeloop.knowledge.models import LEGAL_BASIS_MAX, TAG_MAX, TITLE_MAX
from closeloop.policy.models import Category
from closeloop.policy.selectors import category_path

# Party names of people are personal data; an organisation's name is the lesson.
_NAMED_PARTIES = frozenset({LiablePartyType.SUPPLIER, LiablePartyType.DEPARTMENT})


@dataclass
class Draft:
    title: str
    body: str
    legal_basis: str
    category: Category
    tags: list[str] = field(default_factory=list)


def _current_plan(case: Case) -> ResolutionPlan | None:
    plans = [p for p in case.plans.all() if p.status != PlanStatus.SUPERSEDED]
    for status in (PlanStatus.ACCEPTED, PlanStatus.READY):
        chosen = [p for p in plans if p.status == status]
        if chosen:
            return chosen[-1]
    return plans[-1] if plans else None


def _heading(label: str) -> str:
    return f"## {label}"


def _fact(label: str, value: object) -> str:
    return _("%(label)s: %(value)s") % {"label": label, "value": value}


def draft_from_case(case: Case) -> Draft:
    """The article a closed case makes: the complaint in short, the responsibility determination,
    the plan's remedies and legal basis, the feedback and how satisfied the customer was."""
    context = case_context(case)

    def scrub(text: str) -> str:
        return redact_public(text, context).text.strip()

    lines = [_heading(_("Complaint")), _fact(_("Category"), " › ".join(category_path(case.category)))]
    grade = _fact(_("Grade"), case.get_grade_display())
    lines.append(grade + " · " + _fact(_("Channel"), case.get_channel_display()))
    if case.amount is not None:
        lines.append(_fact(_("Amount involved"), case.amount))
    lines.append(scrub(case.description))
    if case.demand.strip():
        lines.append(_fact(_("Demand"), scrub(case.demand)))

    responsibility = case.responsibilities.order_by("determined_at", "id").last()
    if responsibility is not None:
        lines += ["", _heading(_("Responsibility"))]
        for party in responsibility.parties.all():
            parts = [party.get_party_type_display()]
            if party.name and party.party_type in _NAMED_PARTIES:
                parts.append(party.name)
            parts.append(party.get_share_display())
            if party.percentage is not None:
                parts.append(f"{party.percentage}%")
            lines.append("- " + " · ".join(parts))
        lines.append(scrub(responsibility.rationale))

    plan = _current_plan(case)
    legal_basis = ""
    remedy_labels: list[str] = []
    if plan is not None:
        lines += ["", _heading(_("Resolution plan")), scrub(plan.summary)]
        for remedy in plan.remedies.all():
            parts = [remedy.get_kind_display()]
            if remedy.amount:
                parts.append(f"¥{remedy.amount}")
            if remedy.description:
                parts.append(scrub(remedy.description))
            lines.append("- " + " · ".join(parts))
            remedy_labels.append(str(remedy.get_kind_display()))
        legal_basis = scrub(plan.legal_basis)
        if legal_basis:
            lines.append(_fact(_("Legal basis"), legal_basis))
        if plan.interim_measures.strip():
            lines.append(_fact(_("Interim measures"), scrub(plan.interim_measures)))

    feedback = case.feedback.order_by("created_at", "id").last()
    if feedback is not None:
        lines += ["", _heading(_("Feedback")), scrub(feedback.content)]
        if feedback.basis.strip():
            lines.append(_fact(_("Basis"), scrub(feedback.basis)))

    follow_up = case.follow_ups.filter(reached=True).order_by("created_at", "id").last()
    if follow_up is not None:
        lines += ["", _heading(_("Follow-up"))]
        outcome = _("solved") if follow_up.resolved else _("not solved")
        if follow_up.satisfaction is not None:
            lines.append(
                _("%(outcome)s · satisfaction %(score)s/10")
                % {"outcome": outcome, "score": follow_up.satisfaction}
            )
        else:
            lines.append(outcome)
        if follow_up.comment.strip():
            lines.append(scrub(follow_up.comment))

    lines += ["", _("Promoted from case %(number)s.") % {"number": case.number}]
    title = _("Handling experience: %(title)s") % {"title": scrub(case.title)}
    tags = list(dict.fromkeys(t[:TAG_MAX] for t in [case.category.name, *remedy_labels]))
    return Draft(
        title=title[:TITLE_MAX],
        body="\n".join(lines).strip(),
        legal_basis=legal_basis[:LEGAL_BASIS_MAX],
        category=case.category,
        tags=tags,
    )
