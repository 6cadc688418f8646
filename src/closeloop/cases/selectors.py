"""Reads of cases, always through `visible_cases` so object scope is applied in one place."""

from datetime import datetime

from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q, QuerySet, prefetch_related_objects

from closeloop.cases.choices import OPEN_STATUSES, Status
from closeloop.cases.models import Case, Event, ResolutionPlan, Responsibility
from closeloop.core import clock
from closeloop.core.errors import NotFound
from closeloop.org.choices import Role
from closeloop.org.models import Customer, User
from closeloop.org.selectors import customer_list, scope_department_ids, user_roles
from closeloop.policy.choices import Grade

# Roles that read every case (auditors read-only; admins configure the system; the portal account
# acts only on cases whose signed token it has verified).
READ_ALL_ROLES = frozenset({Role.ADMIN, Role.AUDITOR, Role.PORTAL})
DEPARTMENT_ROLES = frozenset({Role.HANDLER, Role.SUPERVISOR, Role.HEAD, Role.EXECUTIVE, Role.LEGAL})


def scope_filter(user: User) -> Q | None:
    """The Q that limits cases to what `user` may see; None means everything."""
    roles = user_roles(user)
    if roles & READ_ALL_ROLES:
        return None
    condition = Q(pk__in=[])
    if Role.AGENT in roles:
        condition |= Q(registered_by=user) | Q(first_contact_owner=user)
    dept_roles = roles & DEPARTMENT_ROLES
    if dept_roles:
        dept_ids = scope_department_ids(user, roles=frozenset(dept_roles))
        # An IN over the small link table is a hashed semi-join; a correlated EXISTS would be
        # evaluated once per case row.
        cooperating = Case.cooperating_departments.through.objects.filter(department_id__in=dept_ids)
        condition |= (
            Q(lead_department_id__in=dept_ids) | Q(handler=user) | Q(pk__in=cooperating.values("case_id"))
        )
    if Role.LEGAL in roles:
        # Legal reviewers see what may end in a dispute: major cases and those sent for review.
        condition |= Q(grade=Grade.MAJOR) | Q(legal_review_requested=True)
    return condition


def visible_cases(user: User) -> QuerySet[Case]:
    condition = scope_filter(user)
    qs = Case.objects.all()
    return qs if condition is None else qs.filter(condition)


def with_overdue(qs: QuerySet[Case], at: datetime | None = None) -> QuerySet[Case]:
    """Annotate `is_overdue` with the same rule as the `overdue` filter, evaluated by the database."""
    return qs.annotate(is_overdue=ExpressionWrapper(overdue_q(at), output_field=BooleanField()))


def case_list(user: User) -> QuerySet[Case]:
    # Lists never show the long texts; leaving them out keeps sorts and pages narrow at volume.
    return (
        with_overdue(visible_cases(user))
        .select_related("category", "lead_department", "handler", "first_contact_owner")
        .defer("description", "demand")
    )


def overdue_q(at: datetime | None = None) -> Q:
    at = at or clock.now()
    return (
        Q(status__in=OPEN_STATUSES, resolution_due_at__lt=at)
        | Q(status__in=OPEN_STATUSES, responded_at__isnull=True, response_due_at__lt=at)
        | Q(status=Status.AWAITING_FOLLOW_UP, follow_up_due_at__lt=at)
    )


def is_overdue(case: Case, at: datetime | None = None) -> bool:
    """`overdue_q` for one case in memory; the two must agree (tests/cases/test_api_intake.py)."""
    at = at or clock.now()
    open_ = case.status in OPEN_STATUSES

    def past(due: datetime | None) -> bool:
        return due is not None and due < at

    return (
        (open_ and past(case.resolution_due_at))
        or (open_ and case.responded_at is None and past(case.response_due_at))
        or (case.status == Status.AWAITING_FOLLOW_UP and past(case.follow_up_due_at))
    )


def _detailed(qs: QuerySet[Case]) -> QuerySet[Case]:
    return (
        with_overdue(qs)
        .select_related(
            "category__parent__parent",
            "lead_department",
            "handler",
            "first_contact_owner",
            "registered_by",
            "customer",
            "merged_into",
            "repeat_of",
        )
        .prefetch_related(
            "cooperating_departments",
            "transfers__from_department",
            "transfers__to_department",
            "transfers__transferred_by",
            "progress_entries__author",
            "progress_entries__department",
            "evidence__collected_by",
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.prefetch_related("parties").select_related(
                    "determined_by", "reviewed_by"
                ),
            ),
            Prefetch(
                "plans",
                queryset=ResolutionPlan.objects.prefetch_related("remedies").select_related(
                    "owner", "proposed_by", "approved_by"
                ),
            ),
            "negotiations__recorded_by",
            "feedback__given_by",
            "follow_ups__recorded_by",
        )
    )


def case_get(user: User, number: str, *, detailed: bool = False) -> Case:
    qs = visible_cases(user)
    qs = _detailed(qs) if detailed else qs.select_related("category", "lead_department", "handler")
    try:
        return qs.get(number=number)
    except Case.DoesNotExist:
        raise NotFound(f"No case {number}.") from None


def case_after_action(case: Case) -> Case:
    """The whole record of a case the user has just acted on.

    Not scoped: an action such as a transfer may move the case out of the actor's view, and the
    actor is still owed the result of what they did.
    """
    return _detailed(Case.objects.filter(pk=case.pk)).get()


# The child records a case cannot have yet when it has just been registered (attachments arrive
# as evidence, which is read).
EMPTY_AT_REGISTRATION = (
    "cooperating_departments",
    "transfers",
    "progress_entries",
    "responsibilities",
    "plans",
    "negotiations",
    "feedback",
    "follow_ups",
)


def case_registered(case: Case) -> Case:
    """The whole record of the case `case_register` has just returned, with its attachments,
    without reading the rest back (a twelve-table join and ten prefetches): the instance already
    holds its category, department, customer and registering user, and every other list is empty.
    """
    prefetch_related_objects([case], "evidence__collected_by")
    cache = case._prefetched_objects_cache
    for name in EMPTY_AT_REGISTRATION:
        known = getattr(case, name).none()
        # Filled as `prefetch_related_objects` fills its querysets: an unevaluated `none()` would
        # still compile its SQL each time the serializer iterates it (0.7 ms a list).
        known._result_cache, known._prefetch_done = [], True
        cache[name] = known
    case.is_overdue = is_overdue(case)
    return case


def case_events(case: Case) -> QuerySet[Event]:
    return case.events.select_related("actor").order_by("created_at", "id")


# Roles that look customers up across the organisation (intake needs history; supervisors profiles).
CUSTOMER_DIRECTORY_ROLES = frozenset(
    {Role.AGENT, Role.SUPERVISOR, Role.HEAD, Role.EXECUTIVE, Role.AUDITOR, Role.ADMIN}
)


def customer_directory(user: User) -> QuerySet[Customer]:
    """Customers the user may look up: everyone for directory roles, otherwise only the customers of
    cases the user can already see (least privilege, PIPL)."""
    customers = customer_list()
    if user_roles(user) & CUSTOMER_DIRECTORY_ROLES:
        return customers
    return customers.filter(pk__in=visible_cases(user).values("customer_id"))
