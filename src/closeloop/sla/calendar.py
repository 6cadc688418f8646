"""Business time: the only place that knows working hours, working days and the holiday schedule.

Working days are Chinese working days (DESIGN.md §1): CalendarDay rows hold the statutory holidays
and make-up working days (调休), loaded from chinesecalendar for the years it knows and entered by
administrators for the rest; a date without a row follows the Monday–Friday week. Working hours
are the first BusinessHours row in settings.TIME_ZONE.

This runs in request paths and in SLA sweeps over thousands of cases, so a year's rows are read
with one query and kept in process for at most a minute; saving or deleting a row in this process
clears the cache at once (receivers in apps.py).
"""

import logging
import re
import time as monotonic_time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from closeloop.sla.models import DEFAULT_DAY_END, DEFAULT_DAY_START, BusinessHours, CalendarDay

logger = logging.getLogger(__name__)

# Every loop over days stops here: a limit of ten years is a configuration error, not a deadline.
MAX_DAYS = 3660
# An administrator's change in another process takes effect within this many seconds.
CACHE_SECONDS = 60.0

_UNIT_MINUTES = {"m": 1, "h": 60, "d": 24 * 60}
_SPAN_PATTERN = re.compile(r"([0-9]+)([mhd])")
_MINUTE = timedelta(minutes=1)
_UNKNOWN_YEAR_LOG = (
    "no holiday schedule for %d; enter the State Council schedule in Configuration → Calendar days"
)


class Clock(models.TextChoices):
    BUSINESS = "business", _("Business hours")
    CALENDAR = "calendar", _("Calendar time")


@dataclass(frozen=True)
class Span:
    """A configured time limit such as "15m", "4h" or "3d" ("d" is working days on a business clock)."""

    amount: int
    unit: str

    def __post_init__(self) -> None:
        if self.unit not in _UNIT_MINUTES:
            raise ValueError(f"unknown time unit {self.unit!r}: use m (minutes), h (hours) or d (days)")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 0:
            raise ValueError(f"a time limit needs a whole number of at least 0, got {self.amount!r}")
        if self.amount * _UNIT_MINUTES[self.unit] > MAX_DAYS * _UNIT_MINUTES["d"]:
            raise ValueError(f"a time limit of {self.amount}{self.unit} is longer than {MAX_DAYS} days")

    @classmethod
    def parse(cls, text: str) -> "Span":
        match = _SPAN_PATTERN.fullmatch(text.strip())
        if match is None:
            raise ValueError(
                f"{text!r} is not a time limit: use a whole number and a unit m, h or d, e.g. 15m, 4h or 3d"
            )
        return cls(int(match[1]), match[2])

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


def validate_span(value: str) -> None:
    try:
        Span.parse(value)
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is not a time limit: use a whole number and a unit, e.g. 15m, 4h or 3d."),
            code="invalid_span",
            params={"value": value},
        ) from None


@dataclass
class _Year:
    loaded_at: float
    working: dict[date, bool]  # the dates whose row departs from the Monday–Friday week
    known: bool


@dataclass
class _Cache:
    years: dict[int, _Year] = field(default_factory=dict)
    hours: tuple[float, time, time] | None = None
    # Once per process per year, however often the cache is cleared: the log is for administrators.
    warned_years: set[int] = field(default_factory=set)


_cache = _Cache()


def cache_clear() -> None:
    """Forget the loaded calendar and working hours; the next computation reads the database."""
    _cache.years.clear()
    _cache.hours = None


def _expired(loaded_at: float) -> bool:
    return monotonic_time.monotonic() - loaded_at > CACHE_SECONDS


def _year(year: int) -> _Year:
    entry = _cache.years.get(year)
    if entry is None or _expired(entry.loaded_at):
        rows = CalendarDay.objects.filter(date__year=year).values_list("date", "kind")
        working = {day: kind == CalendarDay.Kind.WORKDAY for day, kind in rows}
        entry = _Year(loaded_at=monotonic_time.monotonic(), working=working, known=bool(working))
        _cache.years[year] = entry
        if not entry.known and year not in _cache.warned_years:
            _cache.warned_years.add(year)
            logger.warning(_UNKNOWN_YEAR_LOG, year)
    return entry


def _business_hours() -> tuple[time, time]:
    # One read of the shared slot: another thread may clear the cache meanwhile.
    hours = _cache.hours
    if hours is None or _expired(hours[0]):
        row = BusinessHours.objects.order_by("pk").values_list("day_start", "day_end").first()
        day_start, day_end = row or (DEFAULT_DAY_START, DEFAULT_DAY_END)
        hours = _cache.hours = (monotonic_time.monotonic(), day_start, day_end)
    return hours[1], hours[2]


def is_working_day(day: date) -> bool:
    # A datetime is a date too, but as a dictionary key it never matches a date.
    if isinstance(day, datetime):
        raise TypeError("is_working_day takes a date; use timezone.localdate() for a datetime")
    # A date's row decides (the loader never overwrites an administrator's row, so it wins);
    # without a row, and in a year nobody entered, the week decides.
    return _year(day.year).working.get(day, day.weekday() < 5)


def unknown_years(years: Iterable[int]) -> list[int]:
    """The years without any calendar row, for which only weekends are days off."""
    return sorted({year for year in years if not _year(year).known})


def _utc(value: datetime) -> datetime:
    if timezone.is_naive(value):
        raise ValueError(f"business time needs an aware datetime, got naive {value.isoformat()}")
    return value.astimezone(UTC)


def _organisation_date(value: datetime) -> date:
    return value.astimezone(timezone.get_default_timezone()).date()


def _working_hours(first: date, days: int) -> Iterator[tuple[datetime, datetime]]:
    """Opening and closing (UTC) of each working day among `days` days from `first`."""
    day_start, day_end = _business_hours()
    zone = timezone.get_default_timezone()
    for offset in range(days):
        day = first + timedelta(days=offset)
        if is_working_day(day):
            yield (
                datetime.combine(day, day_start, tzinfo=zone).astimezone(UTC),
                datetime.combine(day, day_end, tzinfo=zone).astimezone(UTC),
            )


def _too_far(first: date) -> ValueError:
    return ValueError(f"business time reaches more than {MAX_DAYS} days beyond {first}")


def add_minutes(start: datetime, minutes: int, clock: Clock) -> datetime:
    begin = _utc(start)
    if minutes < 0:
        raise ValueError(f"cannot add a negative time ({minutes} minutes)")
    if Clock(clock) == Clock.CALENDAR:
        if minutes > MAX_DAYS * _UNIT_MINUTES["d"]:
            raise ValueError(f"{minutes} minutes is more than {MAX_DAYS} days")
        return timezone.localtime(begin + timedelta(minutes=minutes))
    remaining = timedelta(minutes=minutes)
    first = _organisation_date(begin)
    for opening, closing in _working_hours(first, MAX_DAYS):
        counted_from = max(begin, opening)
        if counted_from >= closing:
            continue
        # `<=`: a deadline landing exactly at closing stays at closing, not at the next opening.
        if remaining <= closing - counted_from:
            return timezone.localtime(counted_from + remaining)
        remaining -= closing - counted_from
    raise _too_far(first)


def add(start: datetime, span: Span, clock: Clock) -> datetime:
    """The deadline `span` after `start`. "d" on a business clock counts working days; 0 of any unit
    means at once (on a business clock: `start` if within working hours, else the next opening)."""
    if Clock(clock) == Clock.BUSINESS and span.unit == "d" and span.amount:
        return _add_working_days(start, span.amount)
    return add_minutes(start, span.amount * _UNIT_MINUTES[span.unit], clock)


def _add_working_days(start: datetime, days: int) -> datetime:
    # 民法典 第二百零一条: the day on which a period starts is not counted; it runs from the next day.
    # 第二百零三条: it ends at the close of business of its last day (停止业务活动的时间), and a last
    # day that is a holiday moves to the next working day — counting working days only gives both.
    first = _organisation_date(_utc(start)) + timedelta(days=1)
    for counted, (_opening, closing) in enumerate(_working_hours(first, MAX_DAYS), start=1):
        if counted == days:
            return timezone.localtime(closing)
    raise _too_far(first)


def minutes_between(start: datetime, end: datetime, clock: Clock) -> int:
    """Minutes from `start` to `end` on the clock (whole minutes; negative if `end` is earlier)."""
    begin, finish = _utc(start), _utc(end)
    if finish < begin:
        return -minutes_between(end, start, clock)
    if Clock(clock) == Clock.CALENDAR:
        return (finish - begin) // _MINUTE
    first, last = _organisation_date(begin), _organisation_date(finish)
    if (last - first).days >= MAX_DAYS:
        raise _too_far(first)
    total = timedelta()
    for opening, closing in _working_hours(first, (last - first).days + 1):
        total += max(timedelta(), min(closing, finish) - max(opening, begin))
    return total // _MINUTE


def point_at(start: datetime, due: datetime, fraction: float, clock: Clock) -> datetime:
    """The moment a `fraction` of the time from `start` to `due` has run, e.g. 0.8 for a warning."""
    return add_minutes(start, round(fraction * minutes_between(start, due, clock)), clock)
