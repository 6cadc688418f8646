from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import QuerySet

from closeloop.policy.choices import Grade, RemedyKind
from closeloop.policy.models import Category, CompensationStandard, SlaPolicy

# Used only when an administrator deleted every policy row for a grade: DESIGN §1 shipped values.
_FALLBACK_MINUTES = {
    Grade.GENERAL: (24 * 60, 72 * 60),
    Grade.URGENT: (4 * 60, 24 * 60),
    Grade.MAJOR: (60, 24 * 60),
}


# An apology or an improvement promise never needs approval; only money does.
NON_MONETARY = frozenset({RemedyKind.APOLOGY, RemedyKind.SERVICE_IMPROVEMENT})


@dataclass(frozen=True)
class SlaTerms:
    first_response: timedelta
    resolution: timedelta
    follow_up: timedelta


def sla_terms(*, grade: str, customer_tier: str) -> SlaTerms:
    rows = {
        p.customer_tier: p
        for p in SlaPolicy.objects.filter(grade=grade, customer_tier__in=[customer_tier, ""])
    }
    policy = rows.get(customer_tier) or rows.get("")
    if policy is None:
        response, resolution = _FALLBACK_MINUTES[Grade(grade)]
        return SlaTerms(timedelta(minutes=response), timedelta(minutes=resolution), timedelta(days=3))
    return SlaTerms(
        timedelta(minutes=policy.first_response_minutes),
        timedelta(minutes=policy.resolution_minutes),
        timedelta(days=policy.follow_up_days),
    )


def leaf_category(code: str) -> Category | None:
    return (
        Category.objects.filter(code=code, level=3, active=True).select_related("default_department").first()
    )


def category_tree() -> QuerySet[Category]:
    return Category.objects.filter(active=True).select_related("parent", "default_department")


def compensation_breaches(
    *, category: Category, grade: str, remedies: list[tuple[str, Decimal]]
) -> list[str]:
    """Why each remedy falls outside the standard for the category (or its ancestors) and grade."""
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
