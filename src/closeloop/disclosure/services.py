"""Every write of the publication workflow and of the public comments, one function per step.

Each step runs in one transaction: it locks the publication, refuses a stale `version` (Conflict),
checks the transition table and the people rules (`workflow.check`), changes the row and writes a
`PublicationEvent`. Publishing and withdrawing a publication also go on the case's audit trail.
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from closeloop.cases.choices import CLOSED_STATUSES
from closeloop.cases.models import Case
from closeloop.cases.selectors import visible_cases
from closeloop.cases.services import event_record
from closeloop.core import clock
from closeloop.core.errors import Conflict, NotFound, ValidationFailed
from closeloop.disclosure import compose, selectors, workflow
from closeloop.disclosure.choices import (
    CASE_PUBLISHED_EVENT,
    CASE_WITHDRAWN_EVENT,
    FeedbackStatus,
    PublicationAction,
    PublicationStatus,
    RateLimit,
)
from closeloop.disclosure.models import (
    COMPLAINANT_MAX,
    ELEMENT_MAX,
    FEEDBACK_MAX,
    NOTE_MAX,
    OWNER_MAX,
    TITLE_MAX,
    Publication,
    PublicationCheck,
    PublicationEvent,
    PublicFeedback,
)
from closeloop.disclosure.permissions import check_may_edit, check_may_read
from closeloop.org.models import User
from closeloop.portal.services import rate_limit_take

DRAFTABLE_STATUSES = CLOSED_STATUSES
TEXT_LIMITS = {
    "title": TITLE_MAX,
    "complainant": COMPLAINANT_MAX,
    "cause": ELEMENT_MAX,
    "investigation": ELEMENT_MAX,
    "responsibility": ELEMENT_MAX,
    "result": ELEMENT_MAX,
    "improvement": ELEMENT_MAX,
    "improvement_owner": OWNER_MAX,
}
EDITABLE_FIELDS = (*TEXT_LIMITS, "improvement_deadline")
# seed 003: all six elements, and improvement measures with a deadline and an owner ("光说改，什么时候改完?").
REQUIRED_TO_SUBMIT = (
    "title",
    "complainant",
    "cause",
    "investigation",
    "responsibility",
    "result",
    "improvement",
    "improvement_deadline",
    "improvement_owner",
)
A = PublicationAction
S = PublicationStatus


def _event(
    publication: Publication,
    action: PublicationAction,
    actor: User | None,
    *,
    from_status: str = "",
    note: str = "",
    data: dict | None = None,
) -> PublicationEvent:
    return PublicationEvent.objects.create(
        publication=publication,
        action=action,
        actor=actor,
        created_at=clock.now(),
        from_status=from_status,
        to_status=publication.status,
        note=note,
        data=data or {},
    )


def _note(value: str, name: str = "note") -> str:
    value = (value or "").strip()
    if len(value) > NOTE_MAX:
        raise ValidationFailed({name: _("At most %(count)s characters.") % {"count": NOTE_MAX}})
    return value


def _check_version(publication: Publication, version: int | None) -> None:
    if version is not None and int(version) != publication.version:
        raise Conflict(
            _(
                "Publication %(id)s was changed by someone else (version %(current)s, you had "
                "%(version)s). Reload and try again."
            )
            % {"id": publication.pk, "current": publication.version, "version": version},
            detail={"current_version": publication.version},
        )


@dataclass
class _Act:
    publication: Publication
    transition: workflow.Transition
    note: str
    target: PublicationStatus | None = None
    data: dict[str, Any] = field(default_factory=dict)


@contextmanager
def _acting(
    *,
    publication: Publication,
    actor: User,
    action: PublicationAction,
    version: int | None,
    note: str = "",
    note_field: str = "note",
) -> Iterator[_Act]:
    """Lock, check version, table and people; after the body: new status, version, audit event."""
    check_may_read(actor)
    with transaction.atomic():
        locked = Publication.objects.select_for_update().filter(pk=publication.pk).first()
        if locked is None:
            raise NotFound(_("No publication %(id)s.") % {"id": publication.pk})
        _check_version(locked, version)
        transition = workflow.check(locked, actor, action)
        note = _note(note, note_field)
        if transition.needs_note and not note:
            raise ValidationFailed({note_field: _("Say why.")})
        act = _Act(publication=locked, transition=transition, note=note)
        yield act
        from_status = locked.status
        locked.status = act.target or transition.target or locked.status
        locked.version += 1
        locked.save()
        _event(locked, action, actor, from_status=from_status, note=note, data=act.data)


# --- validation ---------------------------------------------------------------------------------


def _deadline(value: Any, errors: dict) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    parsed = parse_date(str(value)) if isinstance(value, str) else None
    if parsed is None:
        errors["improvement_deadline"] = _("Give a date as YYYY-MM-DD.")
    return parsed


def _validated(values: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for name, limit in TEXT_LIMITS.items():
        text = str(values.get(name) or "").strip()
        if len(text) > limit:
            errors[name] = _("At most %(count)s characters.") % {"count": limit}
        clean[name] = text
    for name in ("title", "complainant", "cause"):
        if not clean[name] and name not in errors:
            errors[name] = _("This element cannot be empty.")
    clean["improvement_deadline"] = _deadline(values.get("improvement_deadline"), errors)
    if errors:
        raise ValidationFailed(errors)
    return clean


def _check_complete(publication: Publication) -> None:
    missing = {
        name: _("Fill this in before the publication is reviewed.")
        for name in REQUIRED_TO_SUBMIT
        if getattr(publication, name) in (None, "")
    }
    if missing:
        raise ValidationFailed(missing, message=_("The publication is missing some of its six elements."))


# --- the workflow ---------------------------------------------------------------------------------


def publication_draft(*, case: Case, actor: User) -> Publication:
    """A draft composed from a closed or archived case, already desensitised; one live per case."""
    check_may_edit(actor)
    with transaction.atomic():
        locked = Case.objects.select_for_update().filter(pk=case.pk).first()
        if locked is None or not visible_cases(actor).filter(pk=case.pk).exists():
            raise NotFound(_("No case %(number)s.") % {"number": case.number})
        if locked.status not in DRAFTABLE_STATUSES:
            raise Conflict(
                _("Only a closed or archived case can be published; case %(number)s is %(status)s.")
                % {"number": locked.number, "status": locked.get_status_display()},
                detail={"status": locked.status},
            )
        existing = Publication.objects.filter(case=locked).exclude(status=S.WITHDRAWN).first()
        if existing is not None:
            raise Conflict(
                _("Case %(number)s already has publication %(id)s.")
                % {"number": locked.number, "id": existing.pk},
                detail={"publication": existing.pk},
            )
        draft = compose.draft(locked)
        now = clock.now()
        publication = Publication.objects.create(
            case=locked,
            title=draft.title,
            redactions=draft.redactions,
            category=locked.category,
            department=locked.lead_department,
            created_by=actor,
            created_at=now,
            edited_by=actor,
            edited_at=now,
            **draft.elements,
        )
        _event(publication, A.DRAFT, actor, data={"case": locked.number})
    return publication


def publication_edit(
    *, publication: Publication, actor: User, version: int | None, changes: Mapping[str, Any], note: str = ""
) -> Publication:
    """Rewrite some of the elements. After the legal approval a change sends it back to legal review
    and the approval and the checks no longer count. An edit that changes nothing saves nothing and
    leaves `version` as it was."""
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationFailed({name: _("This field cannot be edited.") for name in unknown})
    try:
        with _acting(publication=publication, actor=actor, action=A.EDIT, version=version, note=note) as act:
            locked = act.publication
            clean = _validated({**{name: getattr(locked, name) for name in EDITABLE_FIELDS}, **changes})
            changed = {
                name: [str(getattr(locked, name) or ""), str(clean[name] or "")]
                for name in EDITABLE_FIELDS
                if getattr(locked, name) != clean[name]
            }
            if not changed:
                raise _Unchanged(locked)
            for name in changed:
                setattr(locked, name, clean[name])
            locked.content_version += 1
            locked.edited_by = actor
            locked.edited_at = clock.now()
            if locked.status in workflow.REVIEWED:
                act.target = S.LEGAL_REVIEW
                act.data["reviews_reset"] = True
            act.data.update({"changes": changed, "content_version": locked.content_version})
    except _Unchanged as unchanged:
        return unchanged.publication
    return act.publication


class _Unchanged(Exception):
    """Leaves `_acting` before it bumps the version and writes the event."""

    def __init__(self, publication: Publication) -> None:
        super().__init__()
        self.publication = publication


def publication_submit(*, publication: Publication, actor: User, version: int | None) -> Publication:
    with _acting(publication=publication, actor=actor, action=A.SUBMIT, version=version) as act:
        _check_complete(act.publication)
    return act.publication


def publication_legal_approve(
    *, publication: Publication, actor: User, version: int | None, note: str = ""
) -> Publication:
    """Legal review approves the desensitisation of the current text (seed 003: 脱敏审核, 法务把关)."""
    with _acting(
        publication=publication, actor=actor, action=A.LEGAL_APPROVE, version=version, note=note
    ) as act:
        locked = act.publication
        locked.legal_approved_by = actor
        locked.legal_approved_at = clock.now()
        locked.legal_approved_version = locked.content_version
        act.data["content_version"] = locked.content_version
    return locked


def publication_legal_return(
    *, publication: Publication, actor: User, version: int | None, note: str
) -> Publication:
    with _acting(
        publication=publication, actor=actor, action=A.LEGAL_RETURN, version=version, note=note
    ) as act:
        pass
    return act.publication


def publication_confirm(
    *, publication: Publication, actor: User, version: int | None, note: str = ""
) -> Publication:
    """One person's accuracy confirmation against the case record; the second different person's
    makes the publication ready (seed 003: 双人核对)."""
    with _acting(publication=publication, actor=actor, action=A.CONFIRM, version=version, note=note) as act:
        locked = act.publication
        PublicationCheck.objects.create(
            publication=locked,
            content_version=locked.content_version,
            checker=actor,
            checked_at=clock.now(),
            note=act.note,
        )
        checkers = set(workflow.valid_checkers(locked))
        act.target = S.READY if len(checkers) >= workflow.CHECKS_NEEDED else S.CHECKED_ONCE
        act.data.update({"content_version": locked.content_version, "checks": len(checkers)})
    return locked


def publication_check_return(
    *, publication: Publication, actor: User, version: int | None, note: str
) -> Publication:
    """The text does not match the case record: back to the editor."""
    with _acting(
        publication=publication, actor=actor, action=A.CHECK_RETURN, version=version, note=note
    ) as act:
        pass
    return act.publication


def publication_publish(*, publication: Publication, actor: User, version: int | None) -> Publication:
    with _acting(publication=publication, actor=actor, action=A.PUBLISH, version=version) as act:
        locked = act.publication
        _check_complete(locked)
        locked.published_by = actor
        locked.published_at = clock.now()
        view = selectors.public_view_build(locked)
        locked.search_text = view.search_text()
        transaction.on_commit(lambda: selectors.public_view_remember(locked, view))
        act.data["content_version"] = locked.content_version
        case = Case.objects.select_for_update().get(pk=locked.case_id)
        event_record(
            case=case,
            action=CASE_PUBLISHED_EVENT,
            actor=actor,
            from_status=case.status,
            data={"publication": locked.pk, "note": _("Result published: %(title)s") % {"title": view.title}},
        )
    return locked


def publication_withdraw(
    *, publication: Publication, actor: User, version: int | None, reason: str
) -> Publication:
    """Off the public board and feeds at once; a published one answers 410 from now on."""
    with _acting(
        publication=publication,
        actor=actor,
        action=A.WITHDRAW,
        version=version,
        note=reason,
        note_field="reason",
    ) as act:
        locked = act.publication
        locked.withdrawn_by = actor
        locked.withdrawn_at = clock.now()
        locked.withdrawn_reason = act.note
        if locked.status == S.PUBLISHED:
            case = Case.objects.select_for_update().get(pk=locked.case_id)
            event_record(
                case=case,
                action=CASE_WITHDRAWN_EVENT,
                actor=actor,
                from_status=case.status,
                reason=act.note,
                data={"publication": locked.pk},
            )
    return locked


# --- the public side ------------------------------------------------------------------------------


def publication_viewed(*, publication: Publication, client: str) -> bool:
    """Count a view once per client address and hour: reloads and a reader's return visit within
    the hour count once, without a session (and its cookie and row) for every visitor."""
    if not rate_limit_take(scope=RateLimit.VIEW, client=f"{publication.pk}|{client}", limit=1):
        return False
    Publication.objects.filter(pk=publication.pk).update(view_count=F("view_count") + 1)
    return True


def feedback_rate_limit_take(*, client: str) -> bool:
    """False once `client` has sent more comments this hour than the setting allows."""
    limit = getattr(settings, "DISCLOSURE_FEEDBACK_PER_HOUR", 5)
    return rate_limit_take(scope=RateLimit.FEEDBACK, client=client, limit=limit)


def feedback_submit(*, publication: Publication, text: str) -> PublicFeedback:
    """A comment from the public, kept until a moderator approves it."""
    text = (text or "").strip()
    if not text:
        raise ValidationFailed({"text": _("Write your comment.")})
    if len(text) > FEEDBACK_MAX:
        raise ValidationFailed({"text": _("At most %(count)s characters.") % {"count": FEEDBACK_MAX}})
    if not Publication.objects.filter(pk=publication.pk, status=S.PUBLISHED).exists():
        raise NotFound(_("No publication %(id)s.") % {"id": publication.pk})
    return PublicFeedback.objects.create(publication=publication, text=text, created_at=clock.now())


def feedback_moderate(*, feedback: PublicFeedback, actor: User, approve: bool) -> PublicFeedback:
    """Show a comment on the board (approve) or never (reject); it is desensitised when shown."""
    check_may_edit(actor)
    with transaction.atomic():
        locked = PublicFeedback.objects.select_for_update().filter(pk=feedback.pk).first()
        if locked is None:
            raise NotFound(_("No comment %(id)s.") % {"id": feedback.pk})
        if locked.status != FeedbackStatus.PENDING:
            raise Conflict(
                _("This comment was already moderated: %(status)s.")
                % {"status": locked.get_status_display()},
                detail={"status": locked.status},
            )
        locked.status = FeedbackStatus.APPROVED if approve else FeedbackStatus.REJECTED
        locked.moderated_by = actor
        locked.moderated_at = clock.now()
        locked.save(update_fields=["status", "moderated_by", "moderated_at"])
        publication = Publication.objects.get(pk=locked.publication_id)
        action = A.FEEDBACK_APPROVE if approve else A.FEEDBACK_REJECT
        _event(publication, action, actor, from_status=publication.status, data={"feedback": locked.pk})
    return locked
