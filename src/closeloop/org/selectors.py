from collections.abc import Iterable

from django.db.models import Q, QuerySet

from closeloop.org.choices import Role
from closeloop.org.models import Customer, Department, Membership, User

# Roles whose scope is the whole subtree below their departments, not only the departments.
SUBTREE_ROLES = frozenset({Role.SUPERVISOR, Role.HEAD, Role.EXECUTIVE})


def user_roles(user: User) -> frozenset[str]:
    """Roles of a signed-in user, cached on the instance for the request."""
    cached = getattr(user, "_closeloop_roles", None)
    if cached is None:
        if not user.is_authenticated:
            cached = user._closeloop_roles = frozenset()
        else:
            cached = roles_known(user, Membership.objects.filter(user=user).values_list("role", flat=True))
    return cached


def roles_known(user: User, memberships: Iterable[str]) -> frozenset[str]:
    """Cache on the instance the roles read with the user (the roles of their memberships)."""
    roles = set(memberships)
    if user.is_superuser:
        roles.add(Role.ADMIN)
    user._closeloop_roles = frozenset(roles)
    return user._closeloop_roles


def user_departments(user: User, *, roles: frozenset[str] | None = None) -> QuerySet[Department]:
    memberships = Membership.objects.filter(user=user)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return Department.objects.filter(pk__in=memberships.values("department_id"))


def scope_department_ids(user: User, *, roles: frozenset[str]) -> list[int]:
    """Departments a user's `roles` reach: their own, plus subtrees for supervisory roles.

    Cached on the user instance, like `user_roles`: it is asked on every scoped read of a request.
    """
    cache = user.__dict__.setdefault("_closeloop_scope", {})
    if roles not in cache:
        own = list(Membership.objects.filter(user=user, role__in=roles).select_related("department"))
        if not own:
            cache[roles] = []
        else:
            condition = Q(pk__in=[m.department_id for m in own])
            for m in own:
                if m.role in SUBTREE_ROLES:
                    condition |= Q(path__startswith=m.department.path)
            cache[roles] = list(Department.objects.filter(condition).values_list("pk", flat=True))
    return cache[roles]


def staff_list() -> QuerySet[User]:
    return User.objects.filter(is_active=True).prefetch_related("memberships__department", "skills")


def department_list() -> QuerySet[Department]:
    return Department.objects.select_related("parent").all()


def customer_list() -> QuerySet[Customer]:
    return Customer.objects.select_related("dedicated_agent")


def customer_find(*, phone: str = "", email: str = "") -> Customer | None:
    if phone:
        found = Customer.objects.filter(phone=phone).order_by("id").first()
        if found:
            return found
    if email:
        return Customer.objects.filter(email__iexact=email).order_by("id").first()
    return None
