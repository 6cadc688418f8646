"""Reads that only the staff pages need: workbench tabs and counts, pickers, the case timeline."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from closeloop.cases.choices import FINAL_STATUSES, OPEN_STATUSES, Action, Status
from closeloop.cases.models import Case, Event, ProgressEntry
from closeloop.cases.selectors import case_events, case_list, customer_directory, overdue_q, visible_cases
from closeloop.core import clock
from closeloop.org.choices import Role
from closeloop.org.models import Customer, User
from closeloop.org.selectors import department_list, staff_list, user_departments
from closeloop.policy.selectors import category_tree

# The workbench's "due soon" horizon: what a handler must finish today or first thing tomorrow.
DUE_SOON = timedelta(hours=24)
# Roles that can be given a case to handle; the handler pickers list only these people.
HANDLING_ROLES = frozenset({Role.HANDLER, Role.SUPERVISOR, Role.HEAD})
LOOKUP_LIMIT = 10


@dataclass(frozen=True)
class Tab:
    key: str
    label: str


TABS = [
    Tab("all", _("All my scope")),
    Tab("mine", _("My cases")),
    Tab("department", _("My department's queue")),
    Tab("due_soon", _("Due within 24 h")),
    Tab("overdue", _("Overdue")),
]
TAB_KEYS = frozenset(t.key for t in TABS)


def _tab_conditions(user: User, now: datetime) -> dict[str, Q]:
    return {
        "all": Q(),
        # 首问负责制: the first-contact owner stays accountable, so their cases are "mine" too.
        "mine": Q(handler=user) | Q(first_contact_owner=user),
        "department": Q(lead_department__in=user_departments(user)) & ~Q(status__in=FINAL_STATUSES),
        "due_soon": Q(
            status__in=OPEN_STATUSES, resolution_due_at__gte=now, resolution_due_at__lt=now + DUE_SOON
        ),
        "overdue": overdue_q(now),
    }


def workbench_cases(user: User, tab: str) -> QuerySet[Case]:
    """The user's cases in a workbench tab, before the shared `CaseFilter` narrows them."""
    return case_list(user).filter(_tab_conditions(user, clock.now())[tab])


def workbench_counts(user: User, tab: str) -> tuple[dict[str, int], dict[str, int]]:
    """Cases per tab and, inside the chosen tab, per status.

    One grouped scan of the user's scope: each tab is a filtered count per status, so the tab totals
    are sums and the chosen tab's column is the per-status breakdown (at 100,000 cases three
    separate counts cost three scans).
    """
    conditions = _tab_conditions(user, clock.now())
    rows = (
        visible_cases(user)
        .values("status")
        .annotate(**{key: Count("pk", filter=q) if q else Count("pk") for key, q in conditions.items()})
        .order_by()
    )
    per_tab = dict.fromkeys(conditions, 0)
    per_status = dict.fromkeys((s.value for s in Status), 0)
    for row in rows:
        for key in conditions:
            per_tab[key] += row[key]
        per_status[row["status"]] = row[tab]
    return per_tab, per_status


class Pickers:
    """Choices for selects, read once per request and only if a form on the page needs them."""

    @cached_property
    def categories(self) -> list:
        return list(category_tree())

    @cached_property
    def leaf_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Leaves grouped under "一级 / 二级", for a <select> with <optgroup>s."""
        groups: dict[int, list] = defaultdict(list)
        for node in self.categories:
            if node.level == 3:
                groups[node.parent_id].append((node.code, node.name))
        return [
            (f"{node.parent.name} / {node.name}", groups[node.pk])
            for node in self.tree
            if node.level == 2 and groups[node.pk]
        ]

    @cached_property
    def leaf_details(self) -> dict[str, dict[str, str]]:
        return {
            node.code: {
                "guide": node.guide,
                "department": node.default_department.name if node.default_department else "",
            }
            for node in self.categories
            if node.level == 3
        }

    @cached_property
    def category_filter(self) -> list[tuple[str, str]]:
        """Every level, indented, because the filter matches a code at any level."""
        return [(n.code, "\u3000" * (n.level - 1) + n.name) for n in self.tree]

    @cached_property
    def tree(self) -> list:
        """Categories depth-first, each parent before its children."""
        children: dict[int | None, list] = defaultdict(list)
        for node in self.categories:
            children[node.parent_id].append(node)
        ordered: list = []

        def walk(parent_id: int | None) -> None:
            for node in children[parent_id]:
                ordered.append(node)
                walk(node.pk)

        walk(None)
        return ordered

    @cached_property
    def departments(self) -> list[tuple[str, str]]:
        return [(str(d.pk), d.name) for d in department_list().filter(active=True)]

    @cached_property
    def handlers(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """People who can handle cases, grouped by department (the service checks membership)."""
        groups: dict[str, list] = defaultdict(list)
        for user in staff_list().order_by("display_name", "username"):
            for membership in user.memberships.all():
                if membership.role in HANDLING_ROLES:
                    groups[membership.department.name].append((str(user.pk), str(user)))
        return [(name, people) for name, people in sorted(groups.items())]


@dataclass
class CustomerMatch:
    customer: Customer
    cases: list[Case] = field(default_factory=list)


def customer_lookup(user: User, term: str) -> list[CustomerMatch]:
    """Customers matching a phone number (exact) or a name, with their cases the user may see.

    The directory rule is `cases.selectors.customer_directory`, the same as the API's.
    """
    term = term.strip()
    if not term:
        return []
    customers = customer_directory(user)
    compact = term.replace(" ", "").replace("-", "")
    looks_like_phone = compact.lstrip("+").isdigit()
    customers = (
        customers.filter(phone=compact) if looks_like_phone else customers.filter(name__icontains=term)
    )
    matches = {c.pk: CustomerMatch(c) for c in customers.order_by("-id")[:LOOKUP_LIMIT]}
    for case in case_list(user).filter(customer_id__in=matches).order_by("-registered_at"):
        matches[case.customer_id].cases.append(case)
    return list(matches.values())


def customer_other_cases(user: User, case: Case) -> QuerySet[Case]:
    return case_list(user).filter(customer_id=case.customer_id).exclude(pk=case.pk)


def is_visible(user: User, case: Case) -> bool:
    return visible_cases(user).filter(pk=case.pk).exists()


@dataclass(frozen=True)
class TimelineItem:
    at: datetime
    actor: User | None
    event: Event | None = None
    progress: ProgressEntry | None = None


def case_timeline(case: Case) -> list[TimelineItem]:
    """Audit events and work-order progress entries in one chronological list.

    A progress event is written with its entry in the same transaction; the entry says more
    (department, note, expected completion), so it stands for both.
    """
    events = case_events(case).exclude(action=Action.PROGRESS)
    items = [TimelineItem(e.created_at, e.actor, event=e) for e in events]
    items += [TimelineItem(p.created_at, p.author, progress=p) for p in case.progress_entries.all()]
    return sorted(items, key=lambda item: item.at)


def events_since(case: Case, version: int) -> list[Event]:
    """What others did after the user loaded `version`.

    Every write bumps the version by one and appends one event (services `_acting`), and
    registration makes version 1 with one event, so the events after the first `version` are theirs.
    """
    return list(case_events(case).order_by("id")[version:])
