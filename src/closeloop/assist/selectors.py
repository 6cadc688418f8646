"""Reads of the assist: its policy, a case's insight, live accuracy, similar closed cases."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Prefetch, Q, QuerySet

from closeloop.assist.models import CaseInsight, Decision, DecisionKind
from closeloop.cases.choices import CLOSED_STATUSES
from closeloop.cases.models import Case, FollowUp, ResolutionPlan
from closeloop.cases.selectors import visible_cases
from closeloop.core import clock
from closeloop.org.models import User


def insight(case: Case) -> CaseInsight | None:
    """Through the one-to-one accessor, which Django caches on the case (also its absence): the
    case page and its plan form ask for the same case's insight without a second query."""
    try:
        return case.insight
    except CaseInsight.DoesNotExist:
        return None


@dataclass
class Accuracy:
    kind: str
    label: str
    decisions: int
    accepted: int
    in_top3: int

    @property
    def rate(self) -> float | None:
        return self.accepted / self.decisions if self.decisions else None

    @property
    def top3_rate(self) -> float | None:
        return self.in_top3 / self.decisions if self.decisions else None


def accuracy(days: int = 30) -> list[Accuracy]:
    """How often people kept what the assist suggested, per kind, over the last `days` days."""
    since = clock.now() - timedelta(days=days)
    rows = {
        row["kind"]: row
        for row in Decision.objects.filter(decided_at__gte=since)
        .values("kind")
        .annotate(
            n=Count("pk"),
            accepted_n=Count("pk", filter=Q(accepted=True)),
            top3_n=Count("pk", filter=Q(in_top3=True)),
        )
        .order_by()
    }
    return [
        Accuracy(
            kind=kind.value,
            label=str(kind.label),
            decisions=rows.get(kind.value, {}).get("n", 0),
            accepted=rows.get(kind.value, {}).get("accepted_n", 0),
            in_top3=rows.get(kind.value, {}).get("top3_n", 0),
        )
        for kind in DecisionKind
    ]


def similar_cases(user: User | None, ids: list[int]) -> list[Case]:
    """The closed cases among `ids` that `user` may see, in the order given, with what was decided."""
    if not ids:
        return []
    qs: QuerySet[Case] = (visible_cases(user) if user is not None else Case.objects.all()).filter(
        pk__in=ids, status__in=CLOSED_STATUSES
    )
    found = {
        c.pk: c
        for c in qs.select_related("category").prefetch_related(
            Prefetch("plans", queryset=ResolutionPlan.objects.prefetch_related("remedies")),
            Prefetch("follow_ups", queryset=FollowUp.objects.order_by("-pk")),
        )
    }
    return [found[pk] for pk in ids if pk in found]
