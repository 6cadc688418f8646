from decimal import Decimal

from django.db.models import QuerySet

from closeloop.core.memo import Expiring
from closeloop.policy.choices import RemedyKind
from closeloop.policy.defaults import SHIPPED_SLA
from closeloop.policy.models import (
    AssistPolicy,
    Category,
    CompensationStandard,
    DuplicatePolicy,
    EscalationRule,
    SlaPolicy,
)

# An apology or an improvement promise never needs approval; only money does.
NON_MONETARY = frozenset({RemedyKind.APOLOGY, RemedyKind.SERVICE_IMPROVEMENT})


# Read on every case action and for every case in a sweep; cleared on save (PolicyConfig.ready).
_policies = Expiring(lambda: {(p.grade, p.customer_tier): p for p in SlaPolicy.objects.all()})
_rules = Expiring(lambda: list(EscalationRule.objects.filter(active=True)))
# Read on every intake; the shipped defaults (an unsaved row) until an administrator saves one.
_duplicates = Expiring(lambda: DuplicatePolicy.objects.filter(pk=1).first() or DuplicatePolicy())
_assist = Expiring(lambda: AssistPolicy.objects.filter(pk=1).first() or AssistPolicy())

# Read on every intake: the leaves with what a new case shows of them (path, default department).
_leaves = Expiring(
    lambda: {
        c.code: c
        for c in Category.objects.filter(level=3, active=True).select_related(
            "default_department", "parent__parent"
        )
    }
)


def cache_clear() -> None:
    _policies.clear()
    _rules.clear()
    _duplicates.clear()
    _assist.clear()
    _leaves.clear()


def duplicate_policy() -> DuplicatePolicy:
    return _duplicates.get()


def assist_policy() -> AssistPolicy:
    return _assist.get()


def sla_policy(*, grade: str, customer_tier: str) -> SlaPolicy:
    """The policy for a grade and tier: the tier's own row, else the grade's row for every tier."""
    rows = _policies.get()
    policy = rows.get((grade, customer_tier)) or rows.get((grade, ""))
    if policy is None:
        # An administrator deleted every row for the grade: fall back to the shipped values unsaved.
        shipped = next(r for r in SHIPPED_SLA if r["grade"] == grade and not r.get("customer_tier"))
        policy = SlaPolicy(**shipped)
    return policy


def escalation_rules() -> list[EscalationRule]:
    return _rules.get()


def category_path(category: Category | None) -> list[str]:
    """一级 › 二级 › 三级 names, top first."""
    path = []
    while category is not None:
        path.insert(0, category.name)
        category = category.parent
    return path


def leaf_category(code: str) -> Category | None:
    return _leaves.get().get(code)


def category_tree() -> QuerySet[Category]:
    return Category.objects.filter(active=True).select_related("parent", "default_department")


def compensation_standards(*, category: Category, grade: str) -> dict[str, CompensationStandard]:
    """The standard per remedy for a category and grade: the category's own, else its ancestors'."""
    lineage = [category.pk]
    node = category
    while node.parent_id:
        node = node.parent
        lineage.append(node.pk)
    standards = CompensationStandard.objects.filter(category_id__in=lineage, grade=grade, active=True)
    # The most specific category wins: order the lineage from leaf to root.
    by_kind: dict[str, CompensationStandard] = {}
    for standard in sorted(standards, key=lambda s: lineage.index(s.category_id)):
        by_kind.setdefault(standard.remedy, standard)
    return by_kind


def compensation_breaches(
    *, category: Category, grade: str, remedies: list[tuple[str, Decimal]]
) -> list[str]:
    """Why each remedy falls outside the standard for the category (or its ancestors) and grade."""
    by_kind = compensation_standards(category=category, grade=grade)
    reasons = []
    for kind, amount in remedies:
        if kind in NON_MONETARY and amount == 0:
            continue
        standard = by_kind.get(kind)
        if standard is None:
            reasons.append(f"{kind}: no compensation standard for this category and grade")
        elif not standard.min_amount <= amount <= standard.max_amount:
            reasons.append(
                f"{kind}: {amount} outside the standard {standard.min_amount}–{standard.max_amount}"
            )
    return reasons
