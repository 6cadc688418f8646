"""The business calendar: Chinese working days, working hours and the deadlines computed on them."""

import logging
import random
from datetime import date, datetime, time, timedelta
from io import StringIO

import chinese_calendar
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from closeloop.sla import calendar
from closeloop.sla.calendar import (
    Clock,
    Span,
    add,
    add_minutes,
    is_working_day,
    minutes_between,
    point_at,
    unknown_years,
    validate_span,
)
from closeloop.sla.models import BusinessHours, CalendarDay
from closeloop.sla.services import calendar_load_package

BUSINESS, CALENDAR = Clock.BUSINESS, Clock.CALENDAR
PACKAGE_DATES = len(chinese_calendar.constants.holidays) + len(chinese_calendar.constants.workdays)


def local(text: str) -> datetime:
    """A wall-clock time in the organisation's time zone (settings.TIME_ZONE, Asia/Shanghai)."""
    return timezone.make_aware(datetime.fromisoformat(text), timezone.get_default_timezone())


def day(text: str) -> date:
    return date.fromisoformat(text)


def admin_row(text: str, kind: str, name: str = "") -> CalendarDay:
    """An administrator's decision for a date, replacing a package row the way the admin does."""
    row = CalendarDay.objects.filter(date=day(text)).first() or CalendarDay(date=day(text))
    row.kind, row.name, row.source = kind, name, CalendarDay.Source.ADMIN
    row.save()
    return row


def days_off(first: str, last: str, name: str) -> list:
    return [
        pytest.param(first, False, id=f"{name} first day off"),
        pytest.param(last, False, id=f"{name} last day off"),
    ]


def make_up(text: str, name: str) -> list:
    return [pytest.param(text, True, id=f"{name} make-up working day {day(text):%a}")]


# 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12), checked against the
# Xinhua text and against chinesecalendar 1.11.
OFFICIAL_2025 = [
    pytest.param("2025-01-01", False, id="元旦 2025 the one day off"),
    *days_off("2025-01-28", "2025-02-04", "春节 2025"),
    *make_up("2025-01-26", "春节 2025"),
    *make_up("2025-02-08", "春节 2025"),
    *days_off("2025-04-04", "2025-04-06", "清明 2025"),
    *days_off("2025-05-01", "2025-05-05", "劳动节 2025"),
    *make_up("2025-04-27", "劳动节 2025"),
    *days_off("2025-05-31", "2025-06-02", "端午 2025"),
    *days_off("2025-10-01", "2025-10-08", "国庆·中秋 2025"),
    pytest.param("2025-10-06", False, id="中秋 2025 inside the National Day break"),
    *make_up("2025-09-28", "国庆 2025"),
    *make_up("2025-10-11", "国庆 2025"),
    pytest.param("2025-01-27", True, id="2025 Monday before Spring Festival"),
    pytest.param("2025-02-05", True, id="2025 first working day after Spring Festival"),
    pytest.param("2025-03-12", True, id="2025 ordinary Wednesday"),
    pytest.param("2025-03-15", False, id="2025 ordinary Saturday"),
    pytest.param("2025-03-16", False, id="2025 ordinary Sunday"),
]

# 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04), checked the same way.
OFFICIAL_2026 = [
    *days_off("2026-01-01", "2026-01-03", "元旦 2026"),
    *make_up("2026-01-04", "元旦 2026"),
    *days_off("2026-02-15", "2026-02-23", "春节 2026"),
    *make_up("2026-02-14", "春节 2026"),
    *make_up("2026-02-28", "春节 2026"),
    *days_off("2026-04-04", "2026-04-06", "清明 2026"),
    *days_off("2026-05-01", "2026-05-05", "劳动节 2026"),
    *make_up("2026-05-09", "劳动节 2026"),
    *days_off("2026-06-19", "2026-06-21", "端午 2026"),
    *days_off("2026-09-25", "2026-09-27", "中秋 2026"),
    *days_off("2026-10-01", "2026-10-07", "国庆 2026"),
    *make_up("2026-09-20", "国庆 2026"),
    *make_up("2026-10-10", "国庆 2026"),
    pytest.param("2026-02-24", True, id="2026 first working day after Spring Festival"),
    pytest.param("2026-10-08", True, id="2026 first working day after National Day"),
    pytest.param("2026-03-10", True, id="2026 ordinary Tuesday"),
    pytest.param("2026-03-14", False, id="2026 ordinary Saturday"),
    pytest.param("2026-03-15", False, id="2026 ordinary Sunday"),
]


@pytest.mark.parametrize(("when", "working"), OFFICIAL_2025 + OFFICIAL_2026)
def test_working_days_follow_the_state_council_schedule(defaults, when, working):
    assert is_working_day(day(when)) is working


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_day_of_the_year_agrees_with_the_package(defaults, year):
    first = date(year, 1, 1)
    disagreements = [
        first + timedelta(days=n)
        for n in range((date(year + 1, 1, 1) - first).days)
        if is_working_day(first + timedelta(days=n)) != chinese_calendar.is_workday(first + timedelta(days=n))
    ]
    assert disagreements == []


BUSINESS_DEADLINES = [
    pytest.param("2025-03-11 17:30", "1h", "2025-03-12 09:30", id="night: Tue 17:30 + 1h"),
    pytest.param("2025-03-14 17:00", "4h", "2025-03-17 12:00", id="weekend: Fri 17:00 + 4h"),
    pytest.param("2025-03-10 10:00", "3d", "2025-03-13 18:00", id="3d: Mon → Thu at closing"),
    pytest.param(
        "2025-03-15 11:00", "3d", "2025-03-19 18:00", id="3d registered on Saturday: Monday is day 1"
    ),
    pytest.param("2025-03-11 17:59", "1d", "2025-03-12 18:00", id="1d: next working day at closing"),
    pytest.param("2025-03-10 09:00", "24h", "2025-03-12 15:00", id="24 business hours"),
    pytest.param("2025-03-12 07:00", "15m", "2025-03-12 09:15", id="before opening"),
    pytest.param("2025-03-12 19:00", "15m", "2025-03-13 09:15", id="after closing"),
    pytest.param("2025-03-12 18:00", "15m", "2025-03-13 09:15", id="at closing"),
    pytest.param("2025-03-12 14:00", "4h", "2025-03-12 18:00", id="lands exactly at closing"),
    pytest.param("2025-03-12 17:45", "15m", "2025-03-12 18:00", id="15m lands exactly at closing"),
    pytest.param("2025-03-12 10:00", "0h", "2025-03-12 10:00", id="0 within hours: at once"),
    pytest.param("2025-03-15 10:00", "0h", "2025-03-17 09:00", id="0 on a weekend: next opening"),
    pytest.param("2025-03-12 18:00", "0m", "2025-03-13 09:00", id="0 at closing: next opening"),
    pytest.param("2025-10-03 10:00", "4h", "2025-10-09 13:00", id="start on a holiday"),
    pytest.param("2025-01-27 10:00", "3d", "2025-02-07 18:00", id="3d over Spring Festival 2025"),
    pytest.param("2025-01-24 10:00", "3d", "2025-02-05 18:00", id="3d: make-up Sunday 2025-01-26 is day 1"),
    pytest.param("2025-01-27 17:00", "4h", "2025-02-05 12:00", id="4h over Spring Festival 2025"),
    pytest.param("2025-02-07 17:00", "4h", "2025-02-08 12:00", id="4h into make-up Saturday 2025-02-08"),
    pytest.param("2025-02-08 10:00", "1d", "2025-02-10 18:00", id="1d from make-up Saturday"),
    pytest.param("2025-09-27 10:00", "1d", "2025-09-28 18:00", id="1d: make-up Sunday 2025-09-28"),
    pytest.param("2025-09-30 10:00", "3d", "2025-10-11 18:00", id="3d over National Day 2025"),
    pytest.param("2026-02-13 10:00", "3d", "2026-02-25 18:00", id="3d over Spring Festival 2026"),
    pytest.param("2026-02-13 17:00", "24h", "2026-02-25 14:00", id="24h over Spring Festival 2026"),
    pytest.param(
        "2025-12-31 10:00", "3d", "2026-01-06 18:00", id="3d over New Year 2026 and its make-up Sunday"
    ),
]


@pytest.mark.parametrize(("start", "span", "due"), BUSINESS_DEADLINES)
def test_business_deadline(defaults, start, span, due):
    result = add(local(start), Span.parse(span), BUSINESS)
    assert result == local(due)
    assert result.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize(
    ("start", "span", "due"),
    [
        pytest.param("2025-01-24 10:00", "3d", "2025-01-27 10:00", id="3d is 72 h over a weekend"),
        pytest.param("2025-01-28 23:50", "15m", "2025-01-29 00:05", id="15m over midnight on a holiday"),
        pytest.param("2025-03-11 17:30", "1h", "2025-03-11 18:30", id="1h after closing"),
        pytest.param("2025-03-15 10:00", "24h", "2025-03-16 10:00", id="24h on a weekend"),
    ],
)
def test_calendar_deadline_runs_day_and_night(defaults, start, span, due):
    assert add(local(start), Span.parse(span), CALENDAR) == local(due)


def test_result_is_in_the_current_time_zone_while_hours_stay_in_the_organisations(defaults):
    with timezone.override("UTC"):
        due = add(local("2025-03-11 17:30"), Span.parse("1h"), BUSINESS)
    assert due.utcoffset() == timedelta(0)
    assert due == local("2025-03-12 09:30")


@pytest.mark.parametrize(
    ("start", "end", "clock", "minutes"),
    [
        pytest.param("2025-03-11 17:30", "2025-03-12 09:30", BUSINESS, 60, id="business over a night"),
        pytest.param("2025-03-12 09:30", "2025-03-11 17:30", BUSINESS, -60, id="business backwards"),
        pytest.param(
            "2025-01-27 17:00", "2025-02-05 10:00", BUSINESS, 120, id="business over Spring Festival"
        ),
        pytest.param("2025-03-15 08:00", "2025-03-16 20:00", BUSINESS, 0, id="business on a weekend"),
        pytest.param("2025-03-10 09:00", "2025-03-14 18:00", BUSINESS, 5 * 9 * 60, id="a business week"),
        pytest.param("2025-03-11 17:30", "2025-03-12 09:30", CALENDAR, 16 * 60, id="calendar over a night"),
        pytest.param("2025-03-12 09:30", "2025-03-11 17:30", CALENDAR, -16 * 60, id="calendar backwards"),
    ],
)
def test_minutes_between(defaults, start, end, clock, minutes):
    assert minutes_between(local(start), local(end), clock) == minutes


def test_minutes_between_undoes_add_minutes_across_2025_and_2026(defaults):
    generator = random.Random(20250101)
    for _ in range(300):
        start = local("2025-01-01 00:00") + timedelta(
            days=generator.randrange(730), minutes=generator.randrange(24 * 60)
        )
        minutes = generator.randrange(3 * 9 * 60)
        due = add_minutes(start, minutes, BUSINESS)
        assert minutes_between(start, due, BUSINESS) == minutes, (start, minutes)
        if minutes:
            assert is_working_day(due.date()) and time(9) < due.time() <= time(18), (start, minutes, due)


@pytest.mark.parametrize(
    ("start", "span", "clock", "fraction", "expected"),
    [
        pytest.param(
            "2025-03-10 09:00", "3d", BUSINESS, 0.8, "2025-03-13 10:48", id="80 % of 3 working days"
        ),
        pytest.param(
            "2025-03-14 17:00", "4h", BUSINESS, 0.5, "2025-03-17 10:00", id="half of 4h over a weekend"
        ),
        pytest.param(
            "2025-03-14 10:00", "10h", CALENDAR, 0.8, "2025-03-14 18:00", id="80 % of 10 calendar hours"
        ),
        pytest.param(
            "2025-03-14 17:00", "3d", BUSINESS, 1.0, "2025-03-19 18:00", id="all of 3d is the deadline"
        ),
    ],
)
def test_point_at(defaults, start, span, clock, fraction, expected):
    due = add(local(start), Span.parse(span), clock)
    assert point_at(local(start), due, fraction, clock) == local(expected)


def test_business_hours_row_replaces_the_default_at_once(defaults):
    assert add(local("2025-03-11 17:30"), Span.parse("1h"), BUSINESS) == local("2025-03-12 09:30")
    BusinessHours.objects.create(name="Call centre", day_start=time(8), day_end=time(20))
    assert add(local("2025-03-11 17:30"), Span.parse("1h"), BUSINESS) == local("2025-03-11 18:30")
    assert add(local("2025-03-10 10:00"), Span.parse("3d"), BUSINESS) == local("2025-03-13 20:00")


def test_business_hours_must_open_before_they_close(db):
    with pytest.raises(ValidationError) as raised:
        BusinessHours(name="Backwards", day_start=time(18), day_end=time(9)).full_clean()
    assert "day_end" in raised.value.message_dict


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: add(datetime(2025, 3, 12, 10), Span.parse("1h"), BUSINESS), id="add"),  # noqa: DTZ001
        pytest.param(lambda: add_minutes(datetime(2025, 3, 12, 10), 5, CALENDAR), id="add_minutes"),  # noqa: DTZ001
        pytest.param(
            lambda: minutes_between(local("2025-03-12 10:00"), datetime(2025, 3, 13), BUSINESS),  # noqa: DTZ001
            id="minutes_between",
        ),
        pytest.param(lambda: add_minutes(local("2025-03-12 10:00"), -1, BUSINESS), id="negative minutes"),
        pytest.param(
            lambda: add_minutes(local("2025-03-12 10:00"), 5_000_000, BUSINESS), id="beyond ten years"
        ),
        pytest.param(
            lambda: minutes_between(local("2025-03-12 10:00"), local("2036-03-12 10:00"), BUSINESS),
            id="between beyond ten years",
        ),
        pytest.param(lambda: add(local("2025-03-12 10:00"), Span.parse("1d"), "weekly"), id="unknown clock"),
    ],
)
def test_invalid_input_is_refused(defaults, call):
    with pytest.raises(ValueError):
        call()


def test_is_working_day_refuses_a_datetime(defaults):
    with pytest.raises(TypeError):
        is_working_day(local("2025-03-12 10:00"))


@pytest.fixture
def fresh_warnings(monkeypatch):
    monkeypatch.setattr(calendar._cache, "warned_years", set())


def test_unknown_year_falls_back_to_weekends_and_warns_once(defaults, fresh_warnings, caplog):
    with caplog.at_level(logging.WARNING, logger="closeloop.sla.calendar"):
        assert is_working_day(day("2027-10-01")) is True  # National Day, but nobody entered 2027 yet
        assert is_working_day(day("2027-10-02")) is False
        assert add(local("2026-12-31 10:00"), Span.parse("3d"), BUSINESS) == local("2027-01-05 18:00")
        calendar.cache_clear()
        assert is_working_day(day("2027-10-04")) is True
    warnings = [r for r in caplog.records if r.name == "closeloop.sla.calendar"]
    assert [(r.levelno, r.getMessage()) for r in warnings] == [
        (
            logging.WARNING,
            "no holiday schedule for 2027; enter the State Council schedule in Configuration → Calendar days",
        )
    ]


def test_unknown_years_are_those_without_rows(defaults, fresh_warnings):
    assert unknown_years([2026, 2027]) == [2027]
    assert unknown_years([2003, 2004, 2028, 2027]) == [2003, 2027, 2028]


def test_admin_rows_in_an_unknown_year_are_honoured(defaults, fresh_warnings):
    admin_row("2027-02-08", CalendarDay.Kind.HOLIDAY, "春节")
    admin_row("2027-02-20", CalendarDay.Kind.WORKDAY, "春节调休")
    assert is_working_day(day("2027-02-08")) is False
    assert is_working_day(day("2027-02-20")) is True
    assert add(local("2027-02-05 10:00"), Span.parse("1d"), BUSINESS) == local("2027-02-09 18:00")
    assert add(local("2027-02-19 10:00"), Span.parse("1d"), BUSINESS) == local("2027-02-20 18:00")


def test_admin_rows_override_the_package(defaults):
    assert add(local("2026-03-09 10:00"), Span.parse("3d"), BUSINESS) == local("2026-03-12 18:00")
    admin_row("2026-03-10", CalendarDay.Kind.HOLIDAY, "停电检修")
    admin_row("2026-10-05", CalendarDay.Kind.WORKDAY, "值班")
    assert is_working_day(day("2026-03-10")) is False
    assert is_working_day(day("2026-10-05")) is True
    assert add(local("2026-03-09 10:00"), Span.parse("3d"), BUSINESS) == local("2026-03-13 18:00")


def test_deleting_an_admin_row_takes_effect_at_once(defaults):
    closure = admin_row("2026-03-10", CalendarDay.Kind.HOLIDAY, "停电检修")
    assert is_working_day(day("2026-03-10")) is False
    closure.delete()
    assert is_working_day(day("2026-03-10")) is True


def test_loading_the_package_is_idempotent(defaults):
    assert CalendarDay.objects.count() == PACKAGE_DATES
    assert calendar_load_package() == 0
    assert calendar_load_package() == 0
    assert CalendarDay.objects.count() == PACKAGE_DATES
    assert CalendarDay.objects.get(date=day("2025-01-28")).name == "春节"


def test_loading_the_package_keeps_admin_rows(defaults):
    admin_row("2025-10-06", CalendarDay.Kind.WORKDAY, "值班")
    assert calendar_load_package() == 0
    row = CalendarDay.objects.get(date=day("2025-10-06"))
    assert (row.kind, row.name, row.source) == (CalendarDay.Kind.WORKDAY, "值班", CalendarDay.Source.ADMIN)
    assert is_working_day(day("2025-10-06")) is True


def test_loading_one_year_restores_it_and_drops_dates_the_package_no_longer_lists(defaults):
    CalendarDay.objects.filter(date__year=2025).delete()
    CalendarDay.objects.create(
        date=day("2025-03-12"), kind=CalendarDay.Kind.HOLIDAY, source=CalendarDay.Source.PACKAGE
    )
    assert is_working_day(day("2025-03-12")) is False
    assert calendar_load_package(years=[2025]) == 28 + 5 + 1  # 2025: 28 days off, 5 make-up days, 1 stale
    assert CalendarDay.objects.count() == PACKAGE_DATES
    assert is_working_day(day("2025-03-12")) is True
    assert is_working_day(day("2025-01-26")) is True


def test_calendar_load_command_reports_rows_and_unknown_years(defaults, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 6, 1))
    out, err = StringIO(), StringIO()
    call_command("calendar_load", stdout=out, stderr=err)
    assert "0 rows written" in out.getvalue()
    assert "No holiday schedule for 2027, 2028" in err.getvalue()


def test_warm_cache_computes_deadlines_without_queries(defaults, django_assert_num_queries):
    with django_assert_num_queries(2):  # working hours and the year's calendar rows
        add(local("2025-03-10 10:00"), Span.parse("3d"), BUSINESS)
    with django_assert_num_queries(0):
        assert add(local("2025-03-11 10:00"), Span.parse("3d"), BUSINESS) == local("2025-03-14 18:00")
        assert (
            minutes_between(local("2025-03-11 10:00"), local("2025-03-14 18:00"), BUSINESS) == 4 * 9 * 60 - 60
        )


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("15m", 15, "m"),
        (" 4h ", 4, "h"),
        ("3d", 3, "d"),
        ("0h", 0, "h"),
        ("120m", 120, "m"),
        ("3660d", 3660, "d"),
    ],
)
def test_span_parses_a_number_and_a_unit(text, amount, unit):
    span = Span.parse(text)
    assert (span.amount, span.unit) == (amount, unit)
    assert str(span) == text.strip()
    validate_span(text)


@pytest.mark.parametrize(
    "text", ["", "  ", "-1h", "3x", "1.5h", "h", "4", "4 h", "4H", "+4h", "３d", "3661d"]
)
def test_span_refuses_anything_else(text):
    with pytest.raises(ValueError):
        Span.parse(text)
    with pytest.raises(ValidationError) as raised:
        validate_span(text)
    assert raised.value.code == "invalid_span"


class TestAdmin:
    @pytest.fixture
    def admin_page(self, client, defaults, django_user_model, monkeypatch):
        monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 6, 1))
        client.force_login(
            django_user_model.objects.create_superuser(username="calendar-admin", password="pw")
        )
        return client

    def test_changelist_warns_about_the_coming_year_without_a_schedule(self, admin_page, fresh_warnings):
        response = admin_page.get("/admin/sla/calendarday/")
        assert response.status_code == 200
        assert [str(m) for m in response.context["messages"]] == [
            "No holiday schedule for 2027: only weekends count as days off. Enter the State Council schedule "
            "(holidays and make-up working days) as calendar days."
        ]

    def test_rows_saved_in_the_admin_are_admin_rows(self, admin_page):
        response = admin_page.post(
            "/admin/sla/calendarday/add/", {"date": "2027-02-08", "kind": "holiday", "name": "春节"}
        )
        assert response.status_code == 302
        assert CalendarDay.objects.get(date=day("2027-02-08")).source == CalendarDay.Source.ADMIN
        package_row = CalendarDay.objects.get(date=day("2026-10-05"))
        admin_page.post(
            f"/admin/sla/calendarday/{package_row.pk}/change/",
            {"date": "2026-10-05", "kind": "workday", "name": "值班"},
        )
        package_row.refresh_from_db()
        assert (package_row.kind, package_row.source) == (CalendarDay.Kind.WORKDAY, CalendarDay.Source.ADMIN)
        assert is_working_day(day("2026-10-05")) is True
