"""Intake through the API: the contract's fields, and a specific 400 for each kind of bad input."""

from datetime import timedelta

import pytest

from closeloop.cases.models import Case, Event
from closeloop.core import clock
from closeloop.org.models import Customer
from tests.conftest import LEAF, intake


def body(**overrides) -> dict:
    data = intake(**overrides)
    for key in ("contacted_at", "registered_at", "occurred_at"):
        if hasattr(data.get(key), "isoformat"):
            data[key] = data[key].isoformat()
    if "amount" in data and data["amount"] is not None:
        data["amount"] = str(data["amount"])
    return data


def test_intake_returns_the_contract_fields(api, staff):
    response = api(staff["agent"]).post("/api/v1/complaints/", body(), format="json")
    assert response.status_code == 201, response.data
    data = response.json()
    assert data["number"].startswith("TS") and len(data["number"]) == len("TS20261123-000001")
    assert data["status"] == "registered"
    assert data["grade"] == "general"
    assert data["category"]["code"] == LEAF
    assert data["first_contact_owner"]["username"] == "agent"
    assert data["registered_at"] >= data["contacted_at"]
    case = Case.objects.get(number=data["number"])
    assert case.lead_department.code == case.category.default_department.code
    assert case.response_due_at and case.resolution_due_at > case.response_due_at
    assert list(Event.objects.filter(case=case).values_list("action", flat=True)) == ["register"]


@pytest.mark.parametrize(
    "days_ago, extra",
    [
        (0, {}),
        (10, {}),
        (
            1,
            {
                "amount": "1234.5",
                "occurred_at": (clock.now() - timedelta(days=2)).isoformat(),
                "location": "上海市徐汇区",
                "order_ref": "SO-778",
                "external_ref": "12315-99",
                "grade": "urgent",
                "emotion": "angry",
                "complainant": {"name": "Ann Lee", "email": "ann@example.com", "preferred_channel": "email"},
            },
        ),
    ],
)
def test_the_intake_answer_is_the_record_as_read_back(api, staff, days_ago, extra):
    """The 201 body is written out from the case in memory (serializers.registered_case_body); it
    must say what a later GET says through the serializer, overdue flag included (a complaint
    entered ten days late is already past its deadlines)."""
    client = api(staff["agent"])
    contacted = clock.now() - timedelta(days=days_ago, minutes=10)
    created = client.post("/api/v1/complaints/", {**body(contacted_at=contacted), **extra}, format="json")
    assert created.status_code == 201, created.data

    read = client.get(f"/api/v1/complaints/{created.json()['number']}/")

    assert created.json() == read.json()
    assert created.json()["overdue"] is (days_ago > 0)


def test_case_numbers_count_up_within_a_day(register):
    first, second = register(), register()
    assert first.number[:10] == second.number[:10]
    assert int(second.number[-6:]) == int(first.number[-6:]) + 1


def test_known_customer_is_matched_by_phone(register):
    first = register()
    second = register(complainant={"name": "周女士", "phone": "13800138000", "email": "zhou@example.com"})
    assert first.customer_id == second.customer_id
    assert Customer.objects.get(pk=first.customer_id).email == "zhou@example.com"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"category": "NO-SUCH-LEAF"}, "category"),
        ({"category": "PRODUCT"}, "category"),
        ({"complainant": {"name": "周女士"}}, "complainant"),
        ({"complainant": {"phone": "13800138000"}}, "complainant.name"),
        ({"complainant": {"name": "周", "phone": "not a phone"}}, "complainant.phone"),
        (
            {"complainant": {"name": "周", "phone": "13800138000", "preferred_channel": "email"}},
            "complainant.email",
        ),
        ({"channel": "pigeon"}, "channel"),
        ({"grade": "catastrophic"}, "grade"),
        ({"emotion": "furious"}, "emotion"),
        ({"title": ""}, "title"),
        ({"amount": "-5"}, "amount"),
        ({"contacted_at": "yesterday"}, "contacted_at"),
    ],
)
def test_bad_intake_is_a_400_naming_the_field(api, staff, overrides, field):
    data = body()
    data.update(overrides)
    response = api(staff["agent"]).post("/api/v1/complaints/", data, format="json")
    assert response.status_code == 400, response.data
    assert field in response.json()["errors"], response.json()
    assert Case.objects.count() == 0


def test_future_contact_time_is_refused(api, staff):
    data = body(contacted_at=clock.now() + timedelta(hours=2))
    response = api(staff["agent"]).post("/api/v1/complaints/", data, format="json")
    assert response.status_code == 400
    assert "future" in response.json()["errors"]["contacted_at"][0]


def test_registration_before_contact_is_refused(api, staff):
    now = clock.now()
    data = body(contacted_at=now - timedelta(hours=1), registered_at=now - timedelta(hours=2))
    response = api(staff["agent"]).post("/api/v1/complaints/", data, format="json")
    assert response.status_code == 400
    assert "registered_at" in response.json()["errors"]
    assert Case.objects.count() == 0 and Customer.objects.count() == 0


def test_anonymous_sees_nothing(api, register):
    case = register()
    client = api(None)
    for url in [
        "/api/v1/complaints/",
        f"/api/v1/complaints/{case.number}/",
        "/api/v1/me/",
        "/api/v1/departments/",
        "/api/v1/categories/",
        "/api/v1/workflow/",
    ]:
        assert client.get(url).status_code in (401, 403), url
    assert client.post("/api/v1/complaints/", body(), format="json").status_code in (401, 403)


def test_auditor_cannot_register(api, staff):
    response = api(staff["auditor"]).post("/api/v1/complaints/", body(), format="json")
    assert response.status_code == 403


def test_token_login_and_me(client, staff):
    response = client.post(
        "/api/v1/auth/token/", {"username": "handler", "password": "pw"}, content_type="application/json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").json()
    assert me["username"] == "handler"
    assert me["roles"] == ["handler"]
    assert [d["code"] for d in me["departments"]] == ["AS"]


def test_wrong_password_gets_no_token(client, staff):
    response = client.post(
        "/api/v1/auth/token/", {"username": "handler", "password": "nope"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "token" not in response.json()


def test_intake_attachments_become_evidence(register, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    photo = SimpleUploadedFile("破损.jpg", b"\xff\xd8\xff fake jpeg", content_type="image/jpeg")
    case = register(attachments=[photo])
    item = case.evidence.get()
    assert item.kind == "photo" and item.size == len(b"\xff\xd8\xff fake jpeg") and len(item.sha256) == 64
    assert case.events.get(action="register").data["attachments"] == [item.sha256]
