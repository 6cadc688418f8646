"""The complaint list: filters, pagination, and a query count that does not grow with rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from closeloop.cases import services
from closeloop.core import clock
from tests.conftest import drive


def numbers(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {r["number"] for r in response.json()["results"]}


def test_filters(api, staff, register):
    phone = register(title="热水器漏水")
    email = register(channel="email", grade="urgent", title="配送延误", category="LOGISTICS-DELIVERY-LATE")
    services.case_assign(case=email, actor=staff["admin"], department="LOG", handler=None)
    client = api(staff["admin"])
    assert numbers(client.get("/api/v1/complaints/?channel=email")) == {email.number}
    assert numbers(client.get("/api/v1/complaints/?grade=urgent")) == {email.number}
    assert numbers(client.get("/api/v1/complaints/?status=assigned")) == {email.number}
    assert numbers(client.get("/api/v1/complaints/?status=registered,assigned")) == {
        phone.number,
        email.number,
    }
    assert numbers(client.get("/api/v1/complaints/?department=LOG")) == {email.number}
    assert numbers(client.get("/api/v1/complaints/?category=LOGISTICS")) == {email.number}
    assert numbers(client.get("/api/v1/complaints/?q=漏水")) == {phone.number}
    assert numbers(client.get(f"/api/v1/complaints/?q={phone.number}")) == {phone.number}
    future = (clock.now() + timedelta(days=1)).isoformat()
    assert numbers(client.get("/api/v1/complaints/", {"registered_from": future})) == set()


def test_overdue_filter(api, staff, register):
    late = register(
        contacted_at=clock.now() - timedelta(days=10), registered_at=clock.now() - timedelta(days=9)
    )
    fresh = register()
    client = api(staff["admin"])
    assert numbers(client.get("/api/v1/complaints/?overdue=true")) == {late.number}
    assert numbers(client.get("/api/v1/complaints/?overdue=false")) == {fresh.number}
    listed = {r["number"]: r["overdue"] for r in client.get("/api/v1/complaints/").json()["results"]}
    assert listed == {late.number: True, fresh.number: False}


@pytest.mark.parametrize("who", ["admin", "handler", "agent", "supervisor"])
def test_list_query_count_does_not_grow_with_rows(api, staff, register, who):
    client = api(staff[who])
    register()
    client.get("/api/v1/complaints/")  # the first request also loads the user's roles
    with CaptureQueriesContext(connection) as few:
        assert client.get("/api/v1/complaints/").status_code == 200
    for _ in range(8):
        services.case_assign(
            case=register(), actor=staff["supervisor"], department="AS", handler=staff["handler"].pk
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get("/api/v1/complaints/")
    assert response.json()["count"] >= 9
    assert len(many) == len(few)


def test_detail_query_count_is_bounded(api, staff, register):
    case = drive(register(), staff, "closed")
    with CaptureQueriesContext(connection) as queries:
        assert api(staff["admin"]).get(f"/api/v1/complaints/{case.number}/").status_code == 200
    assert len(queries) <= 30


def test_pagination(api, staff, register):
    for _ in range(3):
        register()
    page = api(staff["admin"]).get("/api/v1/complaints/?page_size=2").json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]
