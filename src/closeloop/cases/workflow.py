"""The case workflow: one declared transition table, enforced in one place (`check`).

Each row says from which states an action may start, where it leads, which roles may perform
it and which guard must hold. Services call `check` after locking the case; the API and the
docs render `TABLE`. `targets` empty means the action records something without changing state.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from closeloop.cases.choices import Action, PlanStatus, ReviewStatus, Status
from closeloop.cases.models import Case
from closeloop.core.errors import Forbidden, TransitionNotAllowed
from closeloop.org.choices import Role

S = Status
R = Role
Guard = Callable[[Case], str | None]

HANDLING = frozenset({R.HANDLER, R.SUPERVISOR, R.HEAD, R.ADMIN})
SUPERVISING = frozenset({R.SUPERVISOR, R.HEAD, R.EXECUTIVE, R.ADMIN})


def current_plan(case: Case):
    return case.plans.exclude(status=PlanStatus.SUPERSEDED).order_by("-proposed_at", "-id").first()


def _not_yet_responded(case: Case) -> str | None:
    return _("The first response was already given.") if case.responded_at else None


def _not_extended(case: Case) -> str | None:
    # DESIGN §1: complex cases may be extended once, with a reason told to the customer.
    return _("The time limit was already extended once.") if case.extended_at else None


def _not_waiting(case: Case) -> str | None:
    return _("The case is already waiting for the customer.") if case.paused_at else None


def _waiting(case: Case) -> str | None:
    return None if case.paused_at else _("The case is not waiting for the customer.")


def _plan_awaiting_approval(case: Case) -> str | None:
    plan = current_plan(case)
    if plan is None or plan.status != PlanStatus.AWAITING_APPROVAL:
        return _("There is no resolution plan awaiting approval.")
    return None


def _plan_exists(case: Case) -> str | None:
    return None if current_plan(case) else _("Propose a resolution plan first.")


def _review_pending(case: Case) -> str | None:
    latest = case.responsibilities.order_by("-determined_at", "-id").first()
    if latest is None or latest.review_status != ReviewStatus.PENDING:
        return _("No disputed responsibility determination is waiting for legal review.")
    return None


def _ready_to_resolve(case: Case) -> str | None:
    plan = current_plan(case)
    if plan is None:
        return _("Propose a resolution plan first.")
    if plan.status == PlanStatus.AWAITING_APPROVAL:
        return _("The resolution plan is outside the compensation standard and awaits approval.")
    if plan.status == PlanStatus.REJECTED:
        return _("The customer rejected the current plan; propose a new one.")
    if case.responsibilities.filter(review_status=ReviewStatus.PENDING).exists():
        return _("The responsibility determination awaits legal review.")
    return None


def _ready_to_close(case: Case) -> str | None:
    # DESIGN §1: closing needs feedback given and a follow-up done, or documented unreachable.
    if case.feedback_at is None:
        return _("Feedback has not been given to the customer.")
    since = case.follow_ups.filter(created_at__gte=case.feedback_at)
    if since.filter(reached=True).exists():
        return None
    attempts = since.filter(reached=False).count()
    needed = settings.FOLLOW_UP_UNREACHABLE_ATTEMPTS
    if attempts >= needed:
        return None
    return _(
        "No follow-up reached the customer (%(attempts)s of %(needed)s unreachable attempts documented)."
    ) % {"attempts": attempts, "needed": needed}


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[Status]
    targets: tuple[Status, ...]
    roles: frozenset[Role]
    guard: Guard | None = None
    summary: str = ""  # a lazy translation; str() it to read
    needs_reason: bool = False


def _t(action, sources, targets, roles, guard=None, summary="", needs_reason=False) -> Transition:
    return Transition(
        action, frozenset(sources), tuple(targets), frozenset(roles) | {R.ADMIN}, guard, summary, needs_reason
    )


OPEN = (S.REGISTERED, S.ASSIGNED, S.IN_PROGRESS)

TABLE: dict[Action, Transition] = {
    t.action: t
    for t in [
        _t(
            Action.CLASSIFY,
            OPEN,
            (),
            {R.AGENT, *HANDLING},
            summary=gettext_lazy("Change category or grade; deadlines follow the new grade."),
        ),
        _t(
            Action.ASSIGN,
            (S.REGISTERED, S.ASSIGNED),
            (S.ASSIGNED,),
            {R.AGENT, *SUPERVISING},
            summary=gettext_lazy(
                "Send to the lead department (and handler); cooperating departments optional."
            ),
        ),
        _t(
            Action.RESPOND,
            OPEN,
            (),
            {R.AGENT, *HANDLING},
            _not_yet_responded,
            summary=gettext_lazy("Record the first response to the customer."),
        ),
        _t(
            Action.TRANSFER,
            (S.ASSIGNED, S.IN_PROGRESS),
            (S.ASSIGNED,),
            {*HANDLING, R.EXECUTIVE},
            summary=gettext_lazy("Transfer to another department with requirements and a deadline."),
        ),
        _t(
            Action.START,
            (S.ASSIGNED,),
            (S.IN_PROGRESS,),
            HANDLING,
            summary=gettext_lazy("The handler takes the case up."),
        ),
        _t(
            Action.PROGRESS,
            (S.ASSIGNED, S.IN_PROGRESS),
            (),
            HANDLING,
            summary=gettext_lazy("Record progress and the expected completion time."),
        ),
        _t(
            Action.ADD_EVIDENCE,
            (S.ASSIGNED, S.IN_PROGRESS, S.RESOLVED, S.AWAITING_FOLLOW_UP),
            (),
            {*HANDLING, R.LEGAL},
            summary=gettext_lazy("Attach an evidence item (file stored with SHA-256)."),
        ),
        _t(
            Action.DETERMINE_RESPONSIBILITY,
            (S.IN_PROGRESS,),
            (),
            HANDLING,
            summary=gettext_lazy("Name liable parties with primary/secondary share and the rationale."),
        ),
        _t(
            Action.REVIEW_RESPONSIBILITY,
            (S.IN_PROGRESS,),
            (),
            {R.LEGAL},
            _review_pending,
            summary=gettext_lazy("Legal review of a disputed determination: uphold or revise."),
        ),
        _t(
            Action.PROPOSE_PLAN,
            (S.IN_PROGRESS,),
            (),
            HANDLING,
            summary=gettext_lazy("Propose remedies; outside the compensation standard they need approval."),
        ),
        _t(
            Action.APPROVE_PLAN,
            (S.IN_PROGRESS,),
            (),
            SUPERVISING,
            _plan_awaiting_approval,
            summary=gettext_lazy("Approve a plan outside the compensation standard (not by its proposer)."),
        ),
        _t(
            Action.RECORD_NEGOTIATION,
            (S.IN_PROGRESS,),
            (),
            HANDLING,
            _plan_exists,
            summary=gettext_lazy("Record a negotiation with the customer and whether they accept the plan."),
        ),
        _t(
            Action.RESOLVE,
            (S.IN_PROGRESS,),
            (S.RESOLVED,),
            HANDLING,
            _ready_to_resolve,
            summary=gettext_lazy("The plan has been carried out."),
        ),
        _t(
            Action.GIVE_FEEDBACK,
            (S.RESOLVED,),
            (S.AWAITING_FOLLOW_UP,),
            {R.AGENT, *HANDLING},
            summary=gettext_lazy("Tell the customer the result and its basis on their preferred channel."),
        ),
        _t(
            Action.FOLLOW_UP,
            (S.AWAITING_FOLLOW_UP,),
            (S.AWAITING_FOLLOW_UP, S.IN_PROGRESS),
            {R.AGENT, R.PORTAL, *HANDLING},
            summary=gettext_lazy("Ask the customer; unresolved or dissatisfied reopens the case."),
        ),
        _t(
            Action.REOPEN,
            (S.RESOLVED, S.AWAITING_FOLLOW_UP, S.CLOSED),
            (S.IN_PROGRESS,),
            {R.AGENT, *SUPERVISING},
            summary=gettext_lazy("Handle again (重新处理)."),
            needs_reason=True,
        ),
        _t(
            Action.EXTEND,
            (S.ASSIGNED, S.IN_PROGRESS),
            (),
            HANDLING,
            _not_extended,
            summary=gettext_lazy(
                "Extend the resolution time limit once, with a reason told to the customer."
            ),
            needs_reason=True,
        ),
        _t(
            Action.AWAIT_CUSTOMER,
            OPEN,
            (),
            {R.AGENT, *HANDLING},
            _not_waiting,
            summary=gettext_lazy(
                "Wait for the customer (documents, a decision); the clocks pause if the policy says so."
            ),
            needs_reason=True,
        ),
        _t(
            Action.RESUME,
            OPEN,
            (),
            {R.AGENT, *HANDLING},
            _waiting,
            summary=gettext_lazy("The customer answered: the clocks run again with the time they had left."),
        ),
        _t(
            Action.CLOSE,
            (S.AWAITING_FOLLOW_UP,),
            (S.CLOSED,),
            {R.AGENT, *HANDLING},
            _ready_to_close,
            summary=gettext_lazy("Close (办结) after feedback and follow-up."),
        ),
        _t(
            Action.ARCHIVE,
            (S.CLOSED,),
            (S.ARCHIVED,),
            {R.SUPERVISOR, R.HEAD},
            summary=gettext_lazy("Archive with an archive number and retention period."),
        ),
        _t(
            Action.WITHDRAW,
            OPEN,
            (S.WITHDRAWN,),
            {R.AGENT, *HANDLING},
            summary=gettext_lazy("The complainant withdrew the complaint."),
            needs_reason=True,
        ),
        _t(
            Action.MERGE,
            OPEN,
            (S.MERGED,),
            {R.AGENT, *HANDLING},
            summary=gettext_lazy("Duplicate of another open case: merge into it, keeping both histories."),
        ),
    ]
}


def allowed_actions(case: Case, roles: frozenset[str]) -> list[str]:
    """Actions the roles may start from the case's state, guards not evaluated (cheap, for lists)."""
    return [a.value for a, t in TABLE.items() if case.status in t.sources and roles & t.roles]


# Guards that read only the case's own fields: cheap enough to evaluate when offering actions.
FIELD_GUARDS = frozenset({_not_yet_responded, _not_extended, _not_waiting, _waiting})


def offered_actions(case: Case, roles: frozenset[str]) -> list[str]:
    """`allowed_actions` without those a field-only guard refuses (no "resume" unless waiting)."""
    return [
        a
        for a in allowed_actions(case, roles)
        if TABLE[Action(a)].guard not in FIELD_GUARDS or TABLE[Action(a)].guard(case) is None
    ]


def check(case: Case, roles: frozenset[str], action: Action) -> Transition:
    """Raise unless `roles` may perform `action` on `case` now; return the transition."""
    transition = TABLE[action]
    if not roles & transition.roles:
        raise Forbidden(
            _("Your role may not perform '%(action)s'.") % {"action": action.value},
            detail={"action": action.value},
        )
    if case.status not in transition.sources:
        raise TransitionNotAllowed(
            action=action.value, status=case.status, allowed=allowed_actions(case, roles)
        )
    if transition.guard is not None:
        refusal = transition.guard(case)
        if refusal:
            raise TransitionNotAllowed(
                action=action.value, status=case.status, allowed=allowed_actions(case, roles), reason=refusal
            )
    return transition


def describe() -> list[dict]:
    """The table as data, for `GET /api/v1/workflow/` and the generated docs."""
    return [
        {
            "action": t.action.value,
            "label": str(t.action.label),
            "from": sorted(s.value for s in t.sources),
            "to": [s.value for s in t.targets] or ["(unchanged)"],
            "roles": sorted(r.value for r in t.roles),
            "guard": (t.guard.__name__.strip("_").replace("_", " ") if t.guard else ""),
            "needs_reason": t.needs_reason,
            "summary": str(t.summary),
        }
        for t in TABLE.values()
    ]
