from django.db.models import Q, QuerySet

from closeloop.cases.selectors import visible_cases
from closeloop.org.choices import Role
from closeloop.org.models import User
from closeloop.org.selectors import scope_department_ids, user_roles
from closeloop.supervision.models import ORDER_ROLES, OrderStatus, SupervisionOrder
from closeloop.supervision.services import may_reply


def orders_visible(user: User) -> QuerySet[SupervisionOrder]:
    """Orders on cases the user may see: the same object scope as the cases themselves."""
    return SupervisionOrder.objects.filter(case__in=visible_cases(user)).select_related(
        "case", "department", "issued_by", "replied_by", "closed_by", "rule"
    )


def case_orders(user: User, case_id: int) -> list[SupervisionOrder]:
    """A case's orders, each marked with whether `user` may answer it."""
    orders = list(orders_visible(user).filter(case_id=case_id).order_by("issued_at", "id"))
    for order in orders:
        order.user_may_reply = order.status == OrderStatus.OPEN and may_reply(order, user)
    return orders


def orders_addressed_to(user: User) -> QuerySet[SupervisionOrder]:
    """Orders the user must answer: their role, in a department their role reaches."""
    roles = user_roles(user) & {r.value for r in ORDER_ROLES}
    condition = Q(pk__in=[])
    for role in roles:
        if role == Role.EXECUTIVE:
            condition |= Q(target_role=role)
        else:
            condition |= Q(
                target_role=role, department_id__in=scope_department_ids(user, roles=frozenset({role}))
            )
    return orders_visible(user).filter(condition)
