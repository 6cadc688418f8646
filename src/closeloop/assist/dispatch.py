"""Smart dispatch (智能分派): which department leads a case and who handles it, with the reason.

The department comes from what people did: the lead departments of recently closed cases of the
category, after every transfer and override, so an override teaches the next suggestion. Failing
history, the category's default department. The handler is scored on the skills the category
needs, the open cases already on their desk and how many of those are overdue; a high-value
customer goes to their dedicated agent.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count
from django.utils.translation import gettext as _

from closeloop.cases.choices import CLOSED_STATUSES, FINAL_STATUSES, Status
from closeloop.cases.models import Case
from closeloop.cases.selectors import overdue_q
from closeloop.core import clock
from closeloop.core.memo import Expiring
from closeloop.org.choices import CustomerTier, Role
from closeloop.org.models import Customer, Department, Membership, Skill, User
from closeloop.policy.models import Category
from closeloop.policy.selectors import assist_policy

DISPATCH_ROLES = (Role.HANDLER,)
# How much one open case or one overdue case on a desk weighs against a full skill match.
LOAD_WEIGHT = 0.1
OVERDUE_WEIGHT = 0.3
HISTORY_SECONDS = 600.0


@dataclass
class HandlerScore:
    user: User
    skills: list[str]
    open_cases: int
    overdue: int
    score: float


@dataclass
class DispatchHint:
    department: Department | None
    handler: User | None
    reason: str

    def as_dict(self) -> dict:
        return {
            "department": self.department.code if self.department else None,
            "department_id": self.department.pk if self.department else None,
            "handler": self.handler.username if self.handler else None,
            "handler_id": self.handler.pk if self.handler else None,
            "reason": self.reason,
        }


def _history() -> dict[int, Counter]:
    """Lead departments of closed cases per category, over the policy's window."""
    since = clock.now() - timedelta(days=assist_policy().history_days)
    counts: dict[int, Counter] = defaultdict(Counter)
    rows = (
        Case.objects.filter(status__in=CLOSED_STATUSES, closed_at__gte=since)
        .exclude(lead_department=None)
        .values_list("category_id", "lead_department_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for category_id, department_id, n in rows:
        counts[category_id][department_id] += n
    return counts


# One grouped scan every ten minutes instead of one per intake; a new habit shows within that.
history = Expiring(_history, seconds=HISTORY_SECONDS)


def department_for(category: Category) -> tuple[Department | None, str]:
    seen = history.get().get(category.pk)
    if seen:
        department_id, n = seen.most_common(1)[0]
        department = Department.objects.filter(pk=department_id, active=True).first()
        if department is not None:
            total = sum(seen.values())
            return department, _(
                "%(department)s led %(n)d of the %(total)d recently closed cases of this category."
            ) % {"department": department.name, "n": n, "total": total}
    if category.default_department_id:
        return category.default_department, _("%(department)s is the category's default department.") % {
            "department": category.default_department.name
        }
    return None, _("No department handles this category yet.")


def needed_skills(category: Category) -> set[int]:
    """The skills of the nearest category up the tree that names any (the leaf's, else its parents')."""
    lineage = [category.pk]
    node = category
    while node.parent_id:
        node = node.parent  # leaves come from the policy cache with their parents joined
        lineage.append(node.pk)
    by_category: dict[int, set[int]] = defaultdict(set)
    for skill_id, category_id in Skill.objects.filter(categories__in=lineage).values_list("pk", "categories"):
        by_category[category_id].add(skill_id)
    return next((by_category[pk] for pk in lineage if by_category[pk]), set())


def handler_scores(department: Department, category: Category) -> list[HandlerScore]:
    needed = needed_skills(category)
    people = list(
        User.objects.filter(
            is_active=True, memberships__department=department, memberships__role__in=DISPATCH_ROLES
        )
        .distinct()
        .prefetch_related("skills")
    )
    desks = {
        row["handler"]: row
        for row in Case.objects.filter(handler__in=people)
        .exclude(status__in=(*FINAL_STATUSES, Status.RESOLVED))
        .values("handler")
        .annotate(open_cases=Count("pk"), overdue=Count("pk", filter=overdue_q()))
        .order_by()
    }
    scores = []
    for user in people:
        has = {s.pk: s.name for s in user.skills.all()}
        matched = [has[pk] for pk in needed if pk in has]
        desk = desks.get(user.pk, {"open_cases": 0, "overdue": 0})
        fit = len(matched) / len(needed) if needed else 1.0
        scores.append(
            HandlerScore(
                user=user,
                skills=matched,
                open_cases=desk["open_cases"],
                overdue=desk["overdue"],
                score=fit - LOAD_WEIGHT * desk["open_cases"] - OVERDUE_WEIGHT * desk["overdue"],
            )
        )
    # Ties go to the lighter desk, then to the longer-serving account, so the order is stable.
    scores.sort(key=lambda s: (-s.score, s.open_cases, s.user.pk))
    return scores


def suggest(category: Category, customer: Customer | None = None) -> DispatchHint:
    if customer is not None and customer.tier == CustomerTier.HIGH_VALUE and customer.dedicated_agent_id:
        agent = customer.dedicated_agent
        home = (
            Membership.objects.filter(user=agent, department__active=True)
            .select_related("department")
            .order_by("pk")
            .first()
        )
        if agent.is_active and home is not None:
            return DispatchHint(
                department=home.department,
                handler=agent,
                reason=_("High-value customer: their dedicated agent %(agent)s handles it.")
                % {"agent": agent},
            )
    department, why = department_for(category)
    if department is None:
        return DispatchHint(department=None, handler=None, reason=why)
    scores = handler_scores(department, category)
    if not scores:
        return DispatchHint(department=department, handler=None, reason=why)
    best = scores[0]
    detail = _("%(user)s: %(open)d open cases, %(overdue)d overdue") % {
        "user": best.user,
        "open": best.open_cases,
        "overdue": best.overdue,
    }
    if best.skills:
        detail += _(", skilled in %(skills)s") % {"skills": "、".join(best.skills)}
    return DispatchHint(department=department, handler=best.user, reason=f"{why} {detail}.")
