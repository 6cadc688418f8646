"""The workbench: scope per role, tabs, filters and search, the HTMX partial, a flat query count."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from closeloop.cases import services
from closeloop.core import clock

WORKBENCH = reverse("web:workbench")


def listed(response) -> set[str]:
    assert response.status_code == 200, response.content[:500]
    return {case.number for case in response.context["page"].object_list}


@pytest.fixture
def cases(staff, register):
    """An after-sales case by `agent`, a logistics case by `other_agent`, a major logistics case."""
    after_sales = register(title="热水器漏水")
    logistics = register(actor=staff["other_agent"], category="LOGISTICS-DELIVERY-LATE", title="配送延误")
    logistics = services.case_assign(case=logistics, actor=staff["admin"], department="LOG-DELIVERY")
    major = register(actor=staff["other_agent"], category="LOGISTICS-DELIVERY-LATE", grade="major")
    return {"after_sales": after_sales, "logistics": logistics, "major": major}


# role → the cases its workbench lists (the same matrix as tests/cases/test_scope.py).
MATRIX = {
    "agent": {"after_sales"},
    "handler": {"after_sales"},
    "other_handler": {"logistics", "major"},
    "supervisor": {"after_sales"},
    "head": {"after_sales"},
    "executive": {"after_sales", "logistics", "major"},
    "legal": {"major"},
    "auditor": {"after_sales", "logistics", "major"},
    "admin": {"after_sales", "logistics", "major"},
}


@pytest.mark.parametrize(("who", "sees"), MATRIX.items())
def test_workbench_lists_only_cases_in_scope(client, staff, cases, who, sees):
    client.force_login(staff[who])
    response = client.get(WORKBENCH)
    assert listed(response) == {cases[k].number for k in sees}
    hidden = {c.number for k, c in cases.items() if k not in sees}
    assert not any(number.encode() in response.content for number in hidden)


def test_login_is_required(client):
    response = client.get(WORKBENCH)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_filters_and_search_narrow_the_table(client, staff, cases):
    client.force_login(staff["admin"])
    assert listed(client.get(WORKBENCH, {"q": "漏水"})) == {cases["after_sales"].number}
    assert listed(client.get(WORKBENCH, {"status": "assigned"})) == {cases["logistics"].number}
    assert listed(client.get(WORKBENCH, {"grade": "major"})) == {cases["major"].number}
    assert listed(client.get(WORKBENCH, {"category": "LOGISTICS"})) == {
        cases["logistics"].number,
        cases["major"].number,
    }
    # Tomorrow where the organisation is: the filter reads dates in its time zone (UTC+8).
    tomorrow = (timezone.localtime(clock.now()) + timedelta(days=1)).date().isoformat()
    assert listed(client.get(WORKBENCH, {"registered_from": tomorrow})) == set()


def test_status_counts_link_to_the_filtered_table(client, staff, cases):
    client.force_login(staff["admin"])
    response = client.get(WORKBENCH)
    counts = {status.value: n for status, n in response.context["status_counts"]}
    assert counts["registered"] == 2 and counts["assigned"] == 1
    assert b'href="?status=assigned"' in response.content


def test_my_cases_tab_has_first_contact_and_handled_cases(client, staff, register):
    mine = register()
    handled = services.case_assign(
        case=register(actor=staff["other_agent"]),
        actor=staff["supervisor"],
        department="AS",
        handler=staff["handler"].pk,
    )
    client.force_login(staff["handler"])
    assert listed(client.get(WORKBENCH, {"tab": "mine"})) == {handled.number}
    client.force_login(staff["agent"])
    assert listed(client.get(WORKBENCH, {"tab": "mine"})) == {mine.number}


def test_overdue_and_due_soon_tabs(client, staff, register):
    late = register(
        contacted_at=clock.now() - timedelta(days=10), registered_at=clock.now() - timedelta(days=9)
    )
    urgent = register(grade="urgent")  # resolution within 24 h (DESIGN §1 SLA table)
    general = register()
    client.force_login(staff["admin"])
    assert listed(client.get(WORKBENCH, {"tab": "overdue"})) == {late.number}
    due_soon = listed(client.get(WORKBENCH, {"tab": "due_soon"}))
    assert urgent.number in due_soon and late.number not in due_soon
    assert general.number not in due_soon  # three days to resolve


def test_htmx_request_returns_only_the_table(client, staff, cases):
    client.force_login(staff["admin"])
    response = client.get(WORKBENCH, {"q": "漏水"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and 'id="filters"' not in body
    assert cases["after_sales"].number in body and cases["major"].number not in body
    used = {t.name for t in response.templates}
    assert "web/_case_table.html" in used and not used & {"web/workbench.html", "staff_base.html"}


def test_history_restore_gets_the_full_page(client, staff, cases):
    client.force_login(staff["admin"])
    response = client.get(WORKBENCH, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert b"<html" in response.content


def test_sorting_by_number(client, staff, cases):
    client.force_login(staff["admin"])
    ascending = client.get(WORKBENCH, {"ordering": "number"}).context["page"].object_list
    numbers = [c.number for c in ascending]
    assert numbers == sorted(numbers)
    descending = client.get(WORKBENCH, {"ordering": "-number"}).context["page"].object_list
    assert [c.number for c in descending] == sorted(numbers, reverse=True)


@pytest.mark.parametrize("who", ["admin", "handler", "agent", "supervisor"])
def test_workbench_query_count_does_not_grow_with_rows(client, staff, register, who):
    client.force_login(staff[who])
    services.case_assign(
        case=register(), actor=staff["supervisor"], department="AS", handler=staff["handler"].pk
    )
    client.get(WORKBENCH)  # warm-up: sessions, content types
    with CaptureQueriesContext(connection) as few:
        assert len(listed(client.get(WORKBENCH))) == 1
    for _ in range(8):
        services.case_assign(
            case=register(), actor=staff["supervisor"], department="AS", handler=staff["handler"].pk
        )
    with CaptureQueriesContext(connection) as many:
        assert len(listed(client.get(WORKBENCH))) == 9
    assert len(many) == len(few)


def test_a_search_counts_matches_only_up_to_a_cap(client, staff, register, monkeypatch):
    from closeloop.web import views

    monkeypatch.setattr(views, "SEARCH_COUNT_CAP", 2)
    for _ in range(3):
        register(title="热水器漏水")
    client.force_login(staff["admin"])
    capped = client.get(WORKBENCH, {"q": "漏水"})
    assert capped.context["search_capped"] and capped.context["page"].paginator.count == 2
    assert "More than 2 cases match" in capped.content.decode()
    exact = client.get(WORKBENCH, {"q": "不存在的词"})
    assert not exact.context["search_capped"] and exact.context["page"].paginator.count == 0


def test_configuration_pages_carry_the_products_look(client, staff):
    admin = staff["admin"]
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    page = client.get("/admin/").content.decode()
    assert "Closeloop configuration" in page
    assert "closeloop/admin.css" in page
    # The link back to the workbench (Django's own "View site" link also points at "/").
    assert '<a class="to-app" href="/">' in page
