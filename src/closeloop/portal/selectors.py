"""Reads of the public portal. Everything returned here may be shown to a member of the public:
no staff names, no internal notes or reasons, no amounts proposed internally.
"""

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from closeloop.cases.choices import OPEN_STATUSES, Action, Status
from closeloop.cases.models import Case, Event
from closeloop.policy.models import Category
from closeloop.policy.selectors import category_tree
from closeloop.portal.choices import PublicStatus, SurveyState
from closeloop.portal.models import SurveyInvitation, Tracking

SURVEY_SALT = "closeloop.portal.survey"

_PUBLIC_STATUS = {
    Status.REGISTERED: PublicStatus.RECEIVED,
    Status.ASSIGNED: PublicStatus.IN_PROGRESS,
    Status.IN_PROGRESS: PublicStatus.IN_PROGRESS,
    # The plan is carried out but the customer has not been told yet: still being handled for them.
    Status.RESOLVED: PublicStatus.IN_PROGRESS,
    Status.AWAITING_FOLLOW_UP: PublicStatus.ANSWERED,
    Status.CLOSED: PublicStatus.CLOSED,
    Status.ARCHIVED: PublicStatus.CLOSED,
    Status.WITHDRAWN: PublicStatus.WITHDRAWN,
    Status.MERGED: PublicStatus.MERGED,
}

# Actions the customer is told about. Everything else (classification, evidence, responsibility,
# plans and their approval, archiving) is internal and left out of the public timeline.
_PUBLIC_PHRASES = {
    Action.REGISTER: _("We received your complaint."),
    Action.ASSIGN: _("Your complaint was passed to the department responsible for it."),
    Action.RESPOND: _("We contacted you about your complaint."),
    Action.TRANSFER: _("Your complaint was passed to another department for handling."),
    Action.START: _("We started handling your complaint."),
    Action.PROGRESS: _("We made progress on your complaint."),
    Action.RECORD_NEGOTIATION: _("We discussed a proposed solution with you."),
    Action.RESOLVE: _("The solution was carried out."),
    Action.GIVE_FEEDBACK: _("We told you the result of our handling."),
    Action.REOPEN: _("We are handling your complaint again."),
    Action.EXTEND: _("The time limit for handling your complaint was extended."),
    Action.CLOSE: _("Your complaint was closed."),
    Action.WITHDRAW: _("Your complaint was withdrawn."),
}
_FOLLOW_UP_ANSWERED = _("We asked you whether the problem was solved.")
_FOLLOW_UP_UNREACHED = _("We tried to reach you to ask whether the problem was solved.")
_FOLLOW_UP_REOPENED = _(
    "You told us the problem was not solved to your satisfaction, so we are handling it again."
)
_MERGED_AWAY = _("Your complaint was combined with another report of the same matter.")
_MERGED_IN = _("Another report of the same matter was combined with your complaint.")


@dataclass(frozen=True)
class PublicStep:
    at: datetime
    text: str | Promise


@dataclass(frozen=True)
class PublicAnswer:
    at: datetime
    content: str
    basis: str


@dataclass(frozen=True)
class PublicDeadline:
    label: str | Promise
    at: datetime


@dataclass(frozen=True)
class PublicCase:
    number: str
    title: str
    category: str
    status: PublicStatus
    submitted_at: datetime
    steps: list[PublicStep]
    answers: list[PublicAnswer]
    deadlines: list[PublicDeadline]


def _localised_name(category: Category) -> str:
    if (get_language() or "").startswith("en") and category.name_en:
        return category.name_en
    return category.name


def category_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Leaf categories grouped under their first-level category, for a <select> with optgroups."""
    nodes = list(category_tree())
    by_id = {c.pk: c for c in nodes}
    groups: dict[int, list[tuple[str, str]]] = {c.pk: [] for c in nodes if c.level == 1}
    for leaf in nodes:
        middle = by_id.get(leaf.parent_id) if leaf.level == 3 else None
        if middle is not None and middle.parent_id in groups:
            groups[middle.parent_id].append((leaf.code, _localised_name(leaf)))
    return [(_localised_name(by_id[pk]), leaves) for pk, leaves in groups.items() if leaves]


def _contact_matches(case: Case, contact: str) -> bool:
    """The e-mail given at submission, or the last four digits of the phone number."""
    contact = contact.strip()
    if "@" in contact:
        known = case.complainant_email.lower()
        return bool(known) and hmac.compare_digest(contact.lower().encode(), known.encode())
    digits = "".join(ch for ch in case.complainant_phone if ch.isdigit())
    return len(digits) >= 4 and hmac.compare_digest(contact.encode(), digits[-4:].encode())


def tracking_get(pk: int | None) -> Tracking | None:
    return Tracking.objects.select_related("case").filter(pk=pk).first() if pk else None


def tracked_case(*, code: str, contact: str) -> Case | None:
    """The case behind a tracking code, only if the contact matches; None either way otherwise."""
    tracking = Tracking.objects.select_related("case__category").filter(code=code).first()
    if tracking is None or not _contact_matches(tracking.case, contact):
        return None
    return tracking.case


def _phrase(event: Event) -> str | Promise | None:
    if event.action == Action.FOLLOW_UP:
        if event.data.get("reopened"):
            return _FOLLOW_UP_REOPENED
        return _FOLLOW_UP_ANSWERED if event.data.get("reached") else _FOLLOW_UP_UNREACHED
    if event.action == Action.MERGE:
        return _MERGED_AWAY if event.to_status == Status.MERGED else _MERGED_IN
    return _PUBLIC_PHRASES.get(event.action)


def _deadlines(case: Case) -> list[PublicDeadline]:
    deadlines = []
    if case.status in OPEN_STATUSES:
        if case.responded_at is None and case.response_due_at:
            deadlines.append(PublicDeadline(_("We will contact you by"), case.response_due_at))
        if case.resolution_due_at:
            deadlines.append(PublicDeadline(_("We aim to finish handling by"), case.resolution_due_at))
    if case.status == Status.AWAITING_FOLLOW_UP and case.follow_up_due_at:
        deadlines.append(PublicDeadline(_("We will ask for your feedback by"), case.follow_up_due_at))
    return deadlines


def public_case(case: Case) -> PublicCase:
    """What the complainant may see of their case, in plain language."""
    # Only the columns the phrases need: actor, reason and changes never leave the database.
    events = case.events.only("action", "created_at", "to_status", "data").order_by("created_at", "id")
    steps = [PublicStep(e.created_at, text) for e in events if (text := _phrase(e)) is not None]
    answers = [
        PublicAnswer(f.created_at, f.content, f.basis)
        for f in case.feedback.only("created_at", "content", "basis").order_by("created_at", "id")
    ]
    return PublicCase(
        number=case.number,
        title=case.title,
        category=_localised_name(case.category),
        status=_PUBLIC_STATUS[Status(case.status)],
        submitted_at=case.registered_at,
        steps=steps,
        answers=answers,
        deadlines=_deadlines(case),
    )


@dataclass(frozen=True)
class SurveyLookup:
    state: SurveyState
    invitation: SurveyInvitation | None = None


def survey_lookup(token: str) -> SurveyLookup:
    """Verify a survey token: signature, age, nonce, and whether it can still be answered."""
    max_age = timedelta(days=getattr(settings, "PORTAL_SURVEY_DAYS", 14))
    try:
        payload = signing.loads(token, salt=SURVEY_SALT, max_age=max_age)
    except signing.BadSignature:  # includes SignatureExpired
        return SurveyLookup(SurveyState.EXPIRED)
    invitation = SurveyInvitation.objects.select_related("case").filter(pk=payload.get("i")).first()
    if invitation is None or not hmac.compare_digest(
        invitation.nonce.encode(), str(payload.get("n", "")).encode()
    ):
        return SurveyLookup(SurveyState.EXPIRED)
    return SurveyLookup(survey_state(invitation), invitation)


def survey_state(invitation: SurveyInvitation) -> SurveyState:
    """Whether a genuine, unexpired invitation can still be answered."""
    if invitation.used_at is not None:
        return SurveyState.ANSWERED
    if invitation.case.status != Status.AWAITING_FOLLOW_UP:
        return SurveyState.CLOSED
    return SurveyState.OPEN
