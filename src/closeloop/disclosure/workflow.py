"""The publication workflow: one transition table and the people rules, enforced in one place.

    draft ─submit─► legal_review ─legal_approve─► approved ─confirm─► checked_once ─confirm─► ready
      ▲                 │ legal_return                  │ check_return (approved … ready)            │ publish
      └─────────────────┴───────────────────────────────┘                                            ▼
                                          withdraw (from any state) ──► withdrawn ◄── withdraw ── published

An edit of the text after the legal approval sends the publication back to legal review; the
approval and the checks name the content version they saw, so they no longer count.

People (seed 003: a separate desensitisation review by legal, and 双人核对 by two different people):
no one reviews text they wrote last — the legal reviewer and both checkers differ from the last
editor —, the two checkers differ from each other and from the legal reviewer, and a checker must
be able to read the case, since the check is against the case record.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from closeloop.cases.selectors import visible_cases
from closeloop.core.errors import Forbidden, TransitionNotAllowed
from closeloop.disclosure.choices import PublicationAction, PublicationStatus
from closeloop.disclosure.models import Publication, PublicationCheck
from closeloop.disclosure.permissions import CHECKER_ROLES, EDITOR_ROLES, LEGAL_ROLES, WITHDRAW_ROLES
from closeloop.org.models import User
from closeloop.org.selectors import user_roles

A = PublicationAction
S = PublicationStatus
CHECKS_NEEDED = 2
# Every state in which the text may still change; an edit from a reviewed state goes back to legal.
EDITABLE = (S.DRAFT, S.LEGAL_REVIEW, S.APPROVED, S.CHECKED_ONCE, S.READY)
REVIEWED = (S.APPROVED, S.CHECKED_ONCE, S.READY)
Guard = Callable[[Publication, User], str | None]


def valid_checkers(publication: Publication) -> list[int]:
    """Ids of the people who checked the current text, in the order they did."""
    return list(
        PublicationCheck.objects.filter(
            publication=publication, content_version=publication.content_version
        ).values_list("checker_id", flat=True)
    )


def legal_approval_current(publication: Publication) -> bool:
    return (
        publication.legal_approved_by_id is not None
        and publication.legal_approved_version == publication.content_version
    )


def _not_own_text(publication: Publication, actor: User) -> str | None:
    if publication.edited_by_id == actor.pk:
        return _("You wrote the current text; someone else must review it.")
    return None


def _may_check(publication: Publication, actor: User) -> str | None:
    own = _not_own_text(publication, actor)
    if own:
        return own
    if actor.pk == publication.legal_approved_by_id:
        return _("You approved the desensitisation; the accuracy check is done by other people.")
    if actor.pk in valid_checkers(publication):
        return _("You already confirmed this text; a second, different person must confirm it.")
    if not visible_cases(actor).filter(pk=publication.case_id).exists():
        return _("You cannot read the case, so you cannot check the publication against it.")
    return None


def _reviewed_and_checked(publication: Publication, actor: User) -> str | None:
    # The status says ready; the approval and the checks of the current text must say so too.
    if not legal_approval_current(publication):
        return _("The desensitisation of the current text has not been approved by legal review.")
    if len(set(valid_checkers(publication))) < CHECKS_NEEDED:
        return _("The current text needs accuracy confirmations by two different people.")
    return None


@dataclass(frozen=True)
class Transition:
    action: PublicationAction
    sources: tuple[PublicationStatus, ...]
    roles: frozenset[str]
    # None: the service decides (an edit keeps or resets the state; a confirmation counts checks).
    target: PublicationStatus | None
    guard: Guard | None = None
    needs_note: bool = False


TABLE: dict[PublicationAction, Transition] = {
    t.action: t
    for t in [
        Transition(A.EDIT, EDITABLE, EDITOR_ROLES, None),
        Transition(A.SUBMIT, (S.DRAFT,), EDITOR_ROLES, S.LEGAL_REVIEW),
        Transition(A.LEGAL_APPROVE, (S.LEGAL_REVIEW,), LEGAL_ROLES, S.APPROVED, _not_own_text),
        Transition(A.LEGAL_RETURN, (S.LEGAL_REVIEW,), LEGAL_ROLES, S.DRAFT, needs_note=True),
        Transition(A.CONFIRM, (S.APPROVED, S.CHECKED_ONCE), CHECKER_ROLES, None, _may_check),
        Transition(A.CHECK_RETURN, REVIEWED, CHECKER_ROLES, S.DRAFT, needs_note=True),
        Transition(A.PUBLISH, (S.READY,), EDITOR_ROLES, S.PUBLISHED, _reviewed_and_checked),
        Transition(A.WITHDRAW, (*EDITABLE, S.PUBLISHED), WITHDRAW_ROLES, S.WITHDRAWN, needs_note=True),
    ]
}


def check(publication: Publication, actor: User, action: PublicationAction) -> Transition:
    """The transition for `action`, or Forbidden (role) / TransitionNotAllowed (state, people rule)."""
    transition = TABLE[action]
    if not user_roles(actor) & transition.roles:
        raise Forbidden(
            _("Your role may not do “%(action)s” on a publication.")
            % {"action": PublicationAction(action).label}
        )
    if publication.status not in transition.sources:
        raise TransitionNotAllowed(
            action=action.value,
            status=publication.status,
            allowed=[a.value for a in allowed_actions(publication, actor)],
            reason=_("“%(action)s” is not possible while the publication is “%(status)s”.")
            % {"action": PublicationAction(action).label, "status": publication.get_status_display()},
        )
    refusal = transition.guard(publication, actor) if transition.guard else None
    if refusal:
        raise TransitionNotAllowed(action=action.value, status=publication.status, allowed=[], reason=refusal)
    return transition


def allowed_actions(publication: Publication, actor: User) -> list[PublicationAction]:
    """The actions `actor` may take now, for the buttons on the page (guards included)."""
    roles = user_roles(actor)
    allowed = []
    for action, transition in TABLE.items():
        if publication.status not in transition.sources or not roles & transition.roles:
            continue
        if transition.guard is None or transition.guard(publication, actor) is None:
            allowed.append(action)
    return allowed
