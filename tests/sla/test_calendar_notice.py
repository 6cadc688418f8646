"""Administrators are told, on every staff page, when a year has no holiday schedule (DESIGN §4)."""

from datetime import date

from closeloop.core import clock
from closeloop.sla.models import CalendarDay
from tests.conftest import at

WARNING = "No holiday schedule for"


def test_staff_managers_see_the_missing_year_until_it_is_entered(client, staff):
    admin = staff["admin"]
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    # In November 2026 the package knows 2026; 2027 has no schedule yet.
    with clock.frozen_at(at("2026-11-23T10:00:00+08:00")):
        page = client.get("/").content.decode()
        assert WARNING in page and "2027" in page
        CalendarDay.objects.create(date=date(2027, 1, 1), kind="holiday", name="元旦", source="admin")
        assert WARNING not in client.get("/").content.decode()


def test_other_staff_are_not_shown_the_notice(client, staff):
    client.force_login(staff["handler"])
    assert WARNING not in client.get("/").content.decode()
