"""A case's clocks: which deadlines run, when each escalation step falls due, when to look next.

Computations over a case, its policy and the escalation rules (read from caches; `refresh` asks
which steps fired when it must). The writes are in `sla.services` and in the case services, which
call `policy_apply`, `pause_shift` and `refresh` inside their transactions.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from closeloop.cases.choices import OPEN_STATUSES, Status
from closeloop.cases.models import Case
from closeloop.core import clock
from closeloop.policy.choices import Deadline
from closeloop.policy.models import EscalationRule, SlaPolicy
from closeloop.policy.selectors import escalation_rules, sla_policy
from closeloop.sla import calendar
from closeloop.sla.calendar import Clock, Span
from closeloop.sla.models import SlaStep

DUE_FIELD = {
    Deadline.RESPONSE: "response_due_at",
    Deadline.RESOLUTION: "resolution_due_at",
    Deadline.PROGRESS: "progress_due_at",
    Deadline.FOLLOW_UP: "follow_up_due_at",
}
HANDLING_STATUSES = (Status.ASSIGNED, Status.IN_PROGRESS)


def clock_of(case: Case) -> Clock:
    return Clock(case.sla_clock or Clock.CALENDAR)


def _running(case: Case, deadline: Deadline) -> bool:
    if deadline == Deadline.RESPONSE:
        return case.responded_at is None and case.status in OPEN_STATUSES
    if deadline == Deadline.RESOLUTION:
        return case.resolved_at is None and case.status in OPEN_STATUSES
    if deadline == Deadline.PROGRESS:
        return case.status in HANDLING_STATUSES
    return case.status == Status.AWAITING_FOLLOW_UP


def running_deadlines(case: Case) -> dict[Deadline, datetime]:
    """The deadlines whose clocks run now; none while the case waits for the customer and pauses."""
    if case.paused_at and case.sla_pauses:
        return {}
    found = {}
    for deadline, name in DUE_FIELD.items():
        due = getattr(case, name)
        if due is not None and _running(case, deadline):
            found[deadline] = due
    return found


def _clock_start(case: Case, deadline: Deadline) -> datetime | None:
    # A share of the time needs the clock's start; the progress clock restarts with every entry
    # and has none worth warning against.
    return {
        Deadline.RESPONSE: case.contacted_at,
        Deadline.RESOLUTION: case.sla_started_at,
        Deadline.FOLLOW_UP: case.feedback_at,
    }.get(deadline)


def fire_time(rule: EscalationRule, case: Case, due: datetime) -> datetime | None:
    if rule.after_minutes is not None:
        return due + timedelta(minutes=rule.after_minutes)
    start = _clock_start(case, Deadline(rule.deadline))
    if start is None or rule.percent is None:
        return None
    if rule.percent == 0 or start >= due:
        return start
    return calendar.point_at(start, due, rule.percent / 100, clock_of(case))


@dataclass(frozen=True)
class Step:
    rule: EscalationRule
    deadline: Deadline
    due_at: datetime
    fire_at: datetime


def pending_steps(
    case: Case, rules: Iterable[EscalationRule], fired: set[tuple[int, datetime]]
) -> list[Step]:
    """Steps of running clocks not yet fired for their current deadline, soonest first.

    A step is keyed by (rule, deadline value): when a deadline moves (extension, reopen, regrade,
    a new progress entry) its steps apply afresh; while it stays, each fires once.
    """
    running = running_deadlines(case)
    steps = []
    for rule in rules:
        due = running.get(Deadline(rule.deadline))
        if due is None or not rule.applies_to(case.grade) or (rule.pk, due) in fired:
            continue
        at = fire_time(rule, case, due)
        if at is not None:
            steps.append(Step(rule, Deadline(rule.deadline), due, at))
    return sorted(steps, key=lambda s: s.fire_at)


def next_check(
    case: Case, rules: Iterable[EscalationRule], fired: set[tuple[int, datetime]]
) -> datetime | None:
    steps = pending_steps(case, rules, fired)
    return steps[0].fire_at if steps else None


def policy_apply(case: Case, *, start: datetime, response_too: bool) -> SlaPolicy:
    """Start (or restart) the clocks from `start` under the policy for the case's grade and tier."""
    policy = sla_policy(grade=case.grade, customer_tier=case.customer_tier)
    clock = Clock(policy.clock)
    case.sla_clock = clock
    case.sla_pauses = policy.pause_while_waiting
    if response_too:
        case.response_due_at = calendar.add(case.contacted_at, policy.span(Deadline.RESPONSE), clock)
    case.sla_started_at = start
    case.resolution_due_at = calendar.add(start, policy.span(Deadline.RESOLUTION), clock)
    return policy


def span_add(case: Case, start: datetime, deadline: Deadline) -> datetime:
    """`start` plus the case's policy span for `deadline`, on the case's clock."""
    policy = sla_policy(grade=case.grade, customer_tier=case.customer_tier)
    return calendar.add(start, policy.span(deadline), clock_of(case))


def order_due(case: Case, issued_at: datetime, span: str) -> datetime:
    return calendar.add(issued_at, Span.parse(span), clock_of(case))


def pause_shift(case: Case, *, resumed_at: datetime) -> int:
    """Move every deadline on by the working time the case spent waiting; returns those minutes."""
    if not case.paused_at:
        return 0
    clock = clock_of(case)
    waited = max(0, calendar.minutes_between(case.paused_at, resumed_at, clock))
    if case.sla_pauses and waited:
        running = [DUE_FIELD[d] for d in DUE_FIELD if getattr(case, DUE_FIELD[d]) and _running(case, d)]
        for name in (*running, "sla_started_at"):
            value = getattr(case, name)
            if value is not None:
                setattr(case, name, calendar.add_minutes(value, waited, clock))
    case.paused_at = None
    return waited if case.sla_pauses else 0


def refresh(case: Case, *, fired: set[tuple[int, datetime]] | None = None) -> None:
    """Set when the sweep must next look at the case, after anything that moves its clocks."""
    rules = escalation_rules()
    soonest = next_check(case, rules, fired or set())
    if fired is None and case.pk and soonest is not None and soonest <= clock.now():
        # Only a step whose time has passed can have fired already; ask which ones did.
        fired = set(SlaStep.objects.filter(case_id=case.pk).values_list("rule_id", "due_at"))
        soonest = next_check(case, rules, fired)
    case.sla_next_check_at = soonest
