"""The periodic public report (白皮书, seed 003): what came in, how fast it was handled, how satisfied
customers were, and what changed because of it, for a period, from the data alone.

Only counts, rates and already desensitised publication texts reach it: no case number, name or
free text of a complaint. Charts are SVG drawn here, so the web page and the PDF (WeasyPrint, which
runs no JavaScript) show the same figures.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Avg, Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from closeloop.cases.choices import Channel, Status
from closeloop.cases.models import Case, FollowUp
from closeloop.core import clock
from closeloop.disclosure.selectors import public_views, published
from closeloop.policy.models import Category

# ISO 10004 / DESIGN §1: a rating of 8 or more out of 10 counts as satisfied.
SATISFIED_FROM = 8
# The longest period one report covers: a year and a bit, so a calendar year always fits.
MAX_DAYS = 400
# A report reads every case of its period (1–2 s at 100,000 on SQLite); readers of the same period
# within this many seconds get the same figures, with the time they were made.
CACHE_SECONDS = 600
# Effect of an improvement: complaints of its category in this many days before and after it.
EFFECT_DAYS = 90


@dataclass
class Bar:
    label: str
    value: float
    text: str = ""


@dataclass
class Chart:
    title: str
    bars: list[Bar]
    unit: str = ""

    @property
    def peak(self) -> float:
        return max((b.value for b in self.bars), default=0) or 1

    def svg_rows(self) -> list[dict]:
        """Bar geometry for the template: one row per bar, widths as percentages of the peak."""
        return [
            {
                "label": b.label,
                "text": b.text or f"{b.value:g}{self.unit}",
                "width": round(100 * b.value / self.peak, 1),
                "y": 26 * i,
            }
            for i, b in enumerate(self.bars)
        ]

    @property
    def height(self) -> int:
        return 26 * len(self.bars) + 4


@dataclass
class Improvement:
    title: str
    category: str
    measures: str
    owner: str
    deadline: date | None
    before: int
    after: int | None

    @property
    def change(self) -> float | None:
        if self.after is None or not self.before:
            return None
        return (self.after - self.before) / self.before


@dataclass
class Report:
    start: date
    end: date
    received: int
    closed: int
    response_on_time: float | None
    resolution_on_time: float | None
    satisfaction_mean: float | None
    satisfied_share: float | None
    rated: int
    charts: list[Chart] = field(default_factory=list)
    improvements: list[Improvement] = field(default_factory=list)
    generated_at: datetime | None = None
    effect_days: int = EFFECT_DAYS

    @property
    def figures(self) -> list[tuple[str, str]]:
        mean = "—" if self.satisfaction_mean is None else f"{self.satisfaction_mean:.1f} / 10"
        return [
            (_("Complaints received"), str(self.received)),
            (_("Complaints closed"), str(self.closed)),
            (_("First response on time"), percent(self.response_on_time)),
            (_("Resolution on time"), percent(self.resolution_on_time)),
            (_("Average satisfaction"), mean),
            (_("Satisfied (8–10 of 10)"), percent(self.satisfied_share)),
            (_("Follow-up ratings"), str(self.rated)),
        ]


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    )


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _root_names() -> dict[int, str]:
    """Each category's first-level name: the report speaks of kinds, not of 100 leaves."""
    english = (translation.get_language() or "").startswith("en")
    nodes = {c.pk: c for c in Category.objects.all()}
    roots = {}
    for pk, node in nodes.items():
        top = node
        while top.parent_id:
            top = nodes[top.parent_id]
        roots[pk] = (top.name_en or top.name) if english else top.name
    return roots


def report_cached(start: date, end: date) -> Report:
    key = f"whitepaper:{translation.get_language()}:{start}:{end}"
    return cache.get_or_set(key, lambda: report_build(start, end), CACHE_SECONDS)


def report_build(start: date, end: date) -> Report:
    since, until = period_bounds(start, end)
    # Merged cases are the same complaint counted in their survivor; withdrawn ones were received.
    received = Case.objects.filter(registered_at__gte=since, registered_at__lt=until).exclude(
        status=Status.MERGED
    )
    totals = received.aggregate(
        n=Count("pk"),
        responded=Count("pk", filter=Q(response_due_at__isnull=False, responded_at__isnull=False)),
        responded_on_time=Count("pk", filter=Q(responded_at__lte=F("response_due_at"))),
        resolved=Count("pk", filter=Q(resolution_due_at__isnull=False, resolved_at__isnull=False)),
        resolved_on_time=Count("pk", filter=Q(resolved_at__lte=F("resolution_due_at"))),
    )
    closed = Case.objects.filter(closed_at__gte=since, closed_at__lt=until).count()
    ratings = FollowUp.objects.filter(created_at__gte=since, created_at__lt=until, satisfaction__isnull=False)
    rating = ratings.aggregate(
        n=Count("pk"), mean=Avg("satisfaction"), happy=Count("pk", filter=Q(satisfaction__gte=SATISFIED_FROM))
    )

    roots = _root_names()
    by_kind: dict[str, int] = {}
    for category_id, n in received.values_list("category_id").annotate(n=Count("pk")).order_by():
        name = roots.get(category_id, "")
        by_kind[name] = by_kind.get(name, 0) + n
    channels = dict(Channel.choices)
    by_channel = {
        str(channels.get(ch, ch)): n
        for ch, n in received.values_list("channel").annotate(n=Count("pk")).order_by()
    }
    by_month = {
        month.strftime("%Y-%m"): n
        for month, n in received.annotate(month=TruncMonth("registered_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    }

    charts = [
        Chart(
            _("Complaints by kind"), [Bar(k, v) for k, v in sorted(by_kind.items(), key=lambda kv: -kv[1])]
        ),
        Chart(
            _("Complaints by channel"),
            [Bar(k, v) for k, v in sorted(by_channel.items(), key=lambda kv: -kv[1])],
        ),
        Chart(_("Complaints by month"), [Bar(k, v) for k, v in sorted(by_month.items())]),
    ]
    response_rate = _share(totals["responded_on_time"], totals["responded"])
    resolution_rate = _share(totals["resolved_on_time"], totals["resolved"])
    happy = _share(rating["happy"], rating["n"])
    charts.append(
        Chart(
            _("Time limits and satisfaction"),
            [
                Bar(_("First response on time"), round(100 * (response_rate or 0), 1)),
                Bar(_("Resolution on time"), round(100 * (resolution_rate or 0), 1)),
                Bar(_("Satisfied (8–10 of 10)"), round(100 * (happy or 0), 1)),
            ],
            unit="%",
        )
    )
    return Report(
        start=start,
        end=end,
        received=totals["n"],
        closed=closed,
        response_on_time=response_rate,
        resolution_on_time=resolution_rate,
        satisfaction_mean=float(rating["mean"]) if rating["mean"] is not None else None,
        satisfied_share=happy,
        rated=rating["n"],
        charts=charts,
        improvements=_improvements(since, until),
        generated_at=clock.now(),
    )


def _improvements(since: datetime, until: datetime) -> list[Improvement]:
    """The improvement measures published in the period, each with the complaints of its category in
    the 90 days before its publication and, once that much time has passed, the 90 days after."""
    publications = list(
        published()
        .filter(published_at__gte=since, published_at__lt=until)
        .exclude(improvement="")
        .order_by("published_at")
    )
    now = clock.now()
    rows = []
    for publication, view in zip(publications, public_views(publications), strict=True):
        at = publication.published_at
        window = timedelta(days=EFFECT_DAYS)
        same_kind = Case.objects.filter(category_id=publication.category_id).exclude(status=Status.MERGED)
        before = same_kind.filter(registered_at__gte=at - window, registered_at__lt=at).count()
        after = (
            same_kind.filter(registered_at__gte=at, registered_at__lt=at + window).count()
            if at + window <= now
            else None
        )
        rows.append(
            Improvement(
                title=view.title,
                category=" › ".join(view.category),
                measures=view.improvement,
                owner=view.improvement_owner,
                deadline=view.improvement_deadline,
                before=before,
                after=after,
            )
        )
    return rows


def percent(value: float | None) -> str:
    return "—" if value is None else f"{Decimal(str(100 * value)).quantize(Decimal('0.1'))}%"
