"""Who sees which case: the permission matrix by role and object scope."""

import pytest

from closeloop.cases import services
from closeloop.cases.selectors import visible_cases
from closeloop.org.choices import Role
from tests.conftest import drive


@pytest.fixture
def cases(staff, register):
    """An after-sales case registered by `agent`, a logistics case by `other_agent`, a major one."""
    after_sales = register()
    logistics = register(actor=staff["other_agent"], category="LOGISTICS-DELIVERY-LATE")
    logistics = services.case_assign(case=logistics, actor=staff["admin"], department="LOG-DELIVERY")
    major = register(actor=staff["other_agent"], category="LOGISTICS-DELIVERY-LATE", grade="major")
    return {"after_sales": after_sales, "logistics": logistics, "major": major}


# role → the cases it sees, by the keys of the `cases` fixture.
MATRIX = {
    "agent": {"after_sales"},
    "other_agent": {"logistics", "major"},
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
def test_visibility_matrix(staff, cases, who, sees):
    visible = set(visible_cases(staff[who]).values_list("number", flat=True))
    assert visible == {cases[k].number for k in sees}


@pytest.mark.parametrize(("who", "sees"), MATRIX.items())
def test_list_endpoint_applies_scope(api, staff, cases, who, sees):
    results = api(staff[who]).get("/api/v1/complaints/?page_size=100").json()["results"]
    assert {r["number"] for r in results} == {cases[k].number for k in sees}


def test_supervisor_sees_the_subtree(make_staff, register, staff):
    cs_supervisor = make_staff("cs_sup", (Role.SUPERVISOR, "CS"))
    case = services.case_assign(case=register(), actor=staff["admin"], department="CS-HOTLINE")
    assert visible_cases(cs_supervisor).filter(pk=case.pk).exists()


def test_cooperating_department_sees_the_case(staff, register):
    case = services.case_assign(
        case=register(), actor=staff["supervisor"], department="AS", cooperating=["LOG-DELIVERY"]
    )
    assert visible_cases(staff["other_handler"]).filter(pk=case.pk).exists()


def test_disputed_responsibility_brings_in_legal(staff, register):
    case = drive(register(), staff, "in_progress")
    assert not visible_cases(staff["legal"]).filter(pk=case.pk).exists()
    services.case_determine_responsibility(
        case=case,
        actor=staff["handler"],
        rationale="客户不认可",
        disputed=True,
        parties=[{"party_type": "employee", "share": "primary"}],
    )
    assert visible_cases(staff["legal"]).filter(pk=case.pk).exists()


def test_auditor_reads_but_cannot_act(api, staff, cases):
    client = api(staff["auditor"])
    number = cases["after_sales"].number
    assert client.get(f"/api/v1/complaints/{number}/").status_code == 200
    assert client.get(f"/api/v1/complaints/{number}/").json()["allowed_actions"] == []
    assert client.post(f"/api/v1/complaints/{number}/respond/", {}, format="json").status_code == 403


def test_handler_sees_only_customers_of_their_cases(api, staff, cases):
    names = {c["id"] for c in api(staff["other_handler"]).get("/api/v1/customers/").json()["results"]}
    assert names == {cases["logistics"].customer_id, cases["major"].customer_id}
    everyone = api(staff["agent"]).get("/api/v1/customers/").json()["count"]
    assert everyone >= len(names)
