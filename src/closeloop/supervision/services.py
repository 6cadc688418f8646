"""Supervision orders (督办单): issue, reply, close, chase. Each writes an audit event on its case."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from closeloop.cases.choices import FINAL_STATUSES, SystemEvent
from closeloop.cases.models import Case, Event
from closeloop.cases.selectors import visible_cases
from closeloop.cases.services import event_record, sequence_reserve
from closeloop.core import clock
from closeloop.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from closeloop.notify.choices import Kind
from closeloop.notify.services import StaffMessage, notify_staff_many, webhook_emit
from closeloop.org.choices import Role
from closeloop.org.models import Department, Membership, User
from closeloop.org.selectors import scope_department_ids, user_roles
from closeloop.policy.models import EscalationRule
from closeloop.supervision.models import ORDER_ROLES, OrderStatus, SupervisionOrder

ISSUING_ROLES = frozenset({Role.SUPERVISOR, Role.HEAD, Role.EXECUTIVE, Role.AUDITOR, Role.ADMIN})


@dataclass(frozen=True)
class OrderSpec:
    case: Case
    target_role: str
    reason: str
    due_at: datetime
    rule: EscalationRule | None = None
    instructions: str = ""
    # What the escalation step knew (deadline, how late), kept in the audit event.
    event_data: dict = field(default_factory=dict)


class Addressees:
    """Who answers an order: holders of its role in the case's lead department, or failing that in
    the nearest department above it; executives answer for the task group wherever they sit.

    Built once from the memberships of supervisory roles, so a sweep over a thousand cases asks the
    database once, not once per case.
    """

    def __init__(self) -> None:
        self._by_role_dept: dict[tuple[str, int], list[User]] = defaultdict(list)
        self._executives: list[User] = []
        for m in Membership.objects.filter(role__in=ORDER_ROLES, user__is_active=True).select_related("user"):
            if m.role == Role.EXECUTIVE:
                self._executives.append(m.user)
            self._by_role_dept[(m.role, m.department_id)].append(m.user)
        self._paths: dict[int, str] = {}
        self.codes: dict[int, str] = {}
        for pk, path, code in Department.objects.values_list("pk", "path", "code"):
            self._paths[pk], self.codes[pk] = path, code

    def department_for(self, role: str, department_id: int | None) -> int | None:
        """The department nearest to `department_id` (itself first, then upwards) with `role` holders."""
        if role == Role.EXECUTIVE or department_id is None:
            return None
        lineage = [int(pk) for pk in self._paths.get(department_id, "").strip("/").split("/") if pk]
        for pk in reversed(lineage):
            if self._by_role_dept.get((role, pk)):
                return pk
        return department_id

    def users(self, role: str, department_id: int | None) -> list[User]:
        if role == Role.EXECUTIVE:
            return list({u.pk: u for u in self._executives}.values())
        return list(self._by_role_dept.get((role, department_id), []))


def _numbers(count: int, at: datetime) -> list[str]:
    year = timezone.localtime(at).year
    first = sequence_reserve(f"order:{year}", count)
    return [f"DB{year}-{n:06d}" for n in range(first, first + count)]


def orders_issue(
    specs: Sequence[OrderSpec], *, actor: User | None, addressees: Addressees | None = None
) -> list:
    """Create orders in bulk with their audit events and notices; the caller holds the case locks.

    The SLA sweep issues a batch at once, a supervisor one at a time; both come through here.
    """
    if not specs:
        return []
    now = clock.now()
    addressees = addressees or Addressees()
    orders = [
        SupervisionOrder(
            number=number,
            case=spec.case,
            target_role=spec.target_role,
            department_id=addressees.department_for(spec.target_role, spec.case.lead_department_id),
            reason=spec.reason,
            instructions=spec.instructions,
            issued_by=actor,
            rule=spec.rule,
            issued_at=now,
            due_at=spec.due_at,
        )
        for spec, number in zip(specs, _numbers(len(specs), now), strict=True)
    ]
    SupervisionOrder.objects.bulk_create(orders)
    # An escalation step's order is that step's audit event; a supervisor's order has its own.
    Event.objects.bulk_create(
        [
            Event(
                case=o.case,
                action=SystemEvent.SLA_ESCALATED if o.rule else SystemEvent.ORDER_ISSUED,
                actor=actor,
                created_at=now,
                from_status=o.case.status,
                to_status=o.case.status,
                reason=o.reason,
                data={
                    **spec.event_data,
                    "order": o.number,
                    "target_role": o.target_role,
                    "department": addressees.codes.get(o.department_id, ""),
                    "order_due_at": o.due_at.isoformat(),
                    "rule": o.rule.code if o.rule else None,
                },
            )
            for o, spec in zip(orders, specs, strict=True)
        ]
    )
    ids = [o.pk for o in orders]
    # Notices go out after commit, on a worker when there is one: a sweep escalating a thousand
    # cases should not hold its locks while rendering three thousand messages.
    _notices_after_commit(ids, Kind.ESCALATED)
    return orders


def _notices_after_commit(ids: list[int], kind: Kind) -> None:
    from closeloop.supervision.tasks import order_notices_task  # the task module imports this one

    transaction.on_commit(lambda: order_notices_task.delay(ids, kind.value))


def order_notices(*, order_ids: Sequence[int], kind: str) -> int:
    """Tell the addressees of orders about them (issued, or overdue), and the webhooks; safe to
    repeat, as every notice is keyed by its order."""
    orders = list(SupervisionOrder.objects.filter(pk__in=order_ids).select_related("case"))
    if not orders:
        return 0
    addressees = Addressees()
    issued = kind == Kind.ESCALATED
    for o in orders:
        if issued:
            event = SystemEvent.SLA_ESCALATED if o.rule_id else SystemEvent.ORDER_ISSUED
        else:
            event = SystemEvent.ORDER_CHASED
        webhook_emit(
            kind=f"case.{event}",
            payload={
                "case": o.case.number,
                "event": event,
                "at": (o.issued_at if issued else o.due_at).isoformat(),
                "order": o.number,
                "target_role": o.target_role,
                "order_due_at": o.due_at.isoformat(),
            },
            key=f"order:{o.number}:{event}",
        )
    return notify_staff_many(
        [
            StaffMessage(
                recipient=user,
                kind=Kind(kind),
                case=o.case,
                context={"order": o, "case": o.case},
                key=f"order:{o.number}:{'issued' if issued else 'overdue'}",
            )
            for o in orders
            for user in addressees.users(o.target_role, o.department_id)
        ]
    )


def _lock_order(order: SupervisionOrder | str) -> SupervisionOrder:
    number = order if isinstance(order, str) else order.number
    found = SupervisionOrder.objects.select_for_update().select_related("case").filter(number=number).first()
    if found is None:
        raise NotFound(_("No supervision order %(number)s.") % {"number": number})
    return found


def order_issue(
    *,
    case: Case,
    actor: User,
    target_role: str,
    reason: str,
    due_at: datetime | None,
    instructions: str = "",
) -> SupervisionOrder:
    """A supervisor's own order on an open case (督办), beside the automatic escalations."""
    if not user_roles(actor) & ISSUING_ROLES:
        raise Forbidden(_("Your role may not issue supervision orders."))
    errors: dict[str, str] = {}
    if target_role not in {r.value for r in ORDER_ROLES}:
        errors["target_role"] = _("'%(value)s' is not one of: %(choices)s.") % {
            "value": target_role,
            "choices": ", ".join(r.value for r in ORDER_ROLES),
        }
    if not (reason or "").strip():
        errors["reason"] = _("Say why the case is supervised.")
    if due_at is None:
        errors["due_at"] = _("A reply deadline is required.")
    elif problem := clock.deadline_error(due_at):
        errors["due_at"] = problem
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        locked = Case.objects.select_for_update().filter(pk=case.pk).first()
        if locked is None or not visible_cases(actor).filter(pk=locked.pk).exists():
            raise NotFound(_("No case %(number)s.") % {"number": case.number})
        if locked.status in FINAL_STATUSES:
            raise Conflict(
                _("Case %(number)s is finished; supervise open cases.") % {"number": locked.number}
            )
        (order,) = orders_issue(
            [
                OrderSpec(
                    case=locked,
                    target_role=target_role,
                    reason=reason.strip(),
                    due_at=due_at,
                    instructions=instructions.strip(),
                )
            ],
            actor=actor,
        )
    return order


def may_reply(order: SupervisionOrder, user: User) -> bool:
    roles = user_roles(user)
    if Role.ADMIN in roles:
        return True
    if order.target_role not in roles:
        return False
    if order.target_role == Role.EXECUTIVE:
        return True
    return order.department_id in scope_department_ids(user, roles=frozenset({order.target_role}))


def _case_event(order: SupervisionOrder, action: str, actor: User, reason: str = "") -> None:
    # Through the case audit's own writer, so the event also reaches webhook subscribers.
    event_record(
        case=order.case,
        action=action,
        actor=actor,
        from_status=order.case.status,
        reason=reason,
        data={"order": order.number},
    )


def order_reply(*, order: SupervisionOrder | str, actor: User, reply: str) -> SupervisionOrder:
    if not (reply or "").strip():
        raise ValidationFailed({"reply": _("Write what was done and what happens next.")})
    with transaction.atomic():
        locked = _lock_order(order)
        allowed = may_reply(locked, actor)
        if not allowed and not visible_cases(actor).filter(pk=locked.case_id).exists():
            raise NotFound(_("No supervision order %(number)s.") % {"number": locked.number})
        if not allowed:
            raise Forbidden(_("This supervision order is addressed to someone else."))
        if locked.status != OrderStatus.OPEN:
            raise Conflict(
                _("Supervision order %(number)s was already answered.") % {"number": locked.number}
            )
        locked.reply = reply.strip()
        locked.replied_by = actor
        locked.replied_at = clock.now()
        locked.status = OrderStatus.REPLIED
        locked.save()
        _case_event(locked, SystemEvent.ORDER_REPLIED, actor, reason=locked.reply)
        if locked.issued_by_id:
            notify_staff_many(
                [
                    StaffMessage(
                        recipient=locked.issued_by,
                        kind=Kind.SUPERVISION_ORDER_REPLIED,
                        case=locked.case,
                        context={"order": locked, "case": locked.case},
                        key=f"order:{locked.number}:replied",
                    )
                ]
            )
    return locked


def order_close(*, order: SupervisionOrder | str, actor: User, note: str = "") -> SupervisionOrder:
    """Accept the reply and close the order; the one who replied cannot accept their own answer."""
    with transaction.atomic():
        locked = _lock_order(order)
        if not visible_cases(actor).filter(pk=locked.case_id).exists():
            raise NotFound(_("No supervision order %(number)s.") % {"number": locked.number})
        if not user_roles(actor) & ISSUING_ROLES and actor.pk != locked.issued_by_id:
            raise Forbidden(_("Your role may not close supervision orders."))
        if locked.status != OrderStatus.REPLIED:
            raise Conflict(_("Only an answered supervision order can be closed."))
        if actor.pk == locked.replied_by_id:
            raise Forbidden(_("Someone other than the person who replied must accept the reply."))
        locked.status = OrderStatus.CLOSED
        locked.closed_by = actor
        locked.closed_at = clock.now()
        locked.save()
        _case_event(locked, SystemEvent.ORDER_CLOSED, actor, reason=note.strip())
    return locked


def orders_chase_overdue(*, limit: int = 500) -> int:
    """Remind the addressees of open orders past their own deadline, once per order."""
    now = clock.now()
    with transaction.atomic():
        due = list(
            SupervisionOrder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=OrderStatus.OPEN, due_at__lte=now, overdue_notified_at__isnull=True)
            .select_related("case")
            .order_by("due_at")[:limit]
        )
        if not due:
            return 0
        ids = [o.pk for o in due]
        _notices_after_commit(ids, Kind.SUPERVISION_ORDER_OVERDUE)
        SupervisionOrder.objects.filter(pk__in=ids).update(overdue_notified_at=now)
        Event.objects.bulk_create(
            [
                Event(
                    case=o.case,
                    action=SystemEvent.ORDER_CHASED,
                    actor=None,
                    created_at=now,
                    from_status=o.case.status,
                    to_status=o.case.status,
                    data={"order": o.number, "late_by_minutes": clock.minutes_late(o.due_at, now)},
                )
                for o in due
            ]
        )
    return len(due)
