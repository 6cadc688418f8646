"""The intake form: registers a complaint, keeps the input on errors, looks customers up."""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from closeloop.cases.models import Case, Evidence
from closeloop.core import clock
from tests.conftest import LEAF

INTAKE = reverse("web:intake")
LOOKUP = reverse("web:customer-lookup")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def form_data(**overrides) -> dict:
    data = {
        "channel": "phone",
        "contacted_at": local_input(clock.now() - timedelta(minutes=20)),
        "complainant_name": "周女士",
        "complainant_phone": "13800138000",
        "complainant_email": "",
        "preferred_channel": "phone",
        "category": LEAF,
        "grade": "general",
        "emotion": "angry",
        "title": "热水器漏水",
        "description": "安装第二天开始漏水，地板泡坏。",
        "demand": "退货并赔偿地板",
        "occurred_at": "",
        "location": "上海市浦东新区",
        "amount": "2399.00",
        "order_ref": "JD-2026-0001",
    }
    data.update(overrides)
    return data


def test_form_opens_with_now_and_focus_on_the_first_field(client, staff):
    client.force_login(staff["agent"])
    moment = datetime(2026, 11, 20, 10, 5, 42, tzinfo=SHANGHAI)
    with clock.frozen_at(moment):
        response = client.get(INTAKE)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<select name="channel"[^>]* autofocus', html)
    assert 'name="contacted_at" value="2026-11-20T10:05"' in html
    assert 'data-guide="' in html  # the leaf categories carry their classification guide


def test_register_creates_the_case_with_attachments_and_redirects(client, staff):
    client.force_login(staff["agent"])
    files = [
        SimpleUploadedFile("发票.txt", "发票号 123".encode(), content_type="text/plain"),
        SimpleUploadedFile("照片.png", b"\x89PNG fake", content_type="image/png"),
    ]
    data = form_data(contacted_at="2026-11-20T09:30")
    with clock.frozen_at(datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)):
        response = client.post(INTAKE, {**data, "attachments": files})
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("web:case", args=[case.number])
    # datetime-local is read in the active time zone: 09:30 in Shanghai is 01:30 UTC.
    assert case.contacted_at.astimezone(UTC).strftime("%H:%M") == "01:30"
    assert (case.complainant_name, case.category.code, case.order_ref) == ("周女士", LEAF, "JD-2026-0001")
    assert case.first_contact_owner == staff["agent"]
    assert set(Evidence.objects.filter(case=case).values_list("original_name", "kind")) == {
        ("照片.png", "photo"),
        ("发票.txt", "document"),
    }
    assert case.events.get().action == "register"
    page = client.get(response["Location"])
    assert case.number in page.content.decode()
    assert any(case.number in str(m) for m in page.context["messages"])


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"complainant_phone": "call me maybe"}, "complainant_phone"),
        ({"category": "NO-SUCH-LEAF"}, "category"),
        # A service rule (ValidationFailed "complainant.email"), shown next to the e-mail input.
        ({"preferred_channel": "email"}, "complainant_email"),
        ({"contacted_at": local_input(clock.now() + timedelta(days=1))}, "contacted_at"),
    ],
)
def test_errors_show_next_to_the_input_and_nothing_is_created(client, staff, overrides, field):
    client.force_login(staff["agent"])
    response = client.post(INTAKE, form_data(**overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[field], form.errors
    assert set(form.errors) == {field}
    html = response.content.decode()
    assert f'id="id_{field}_errors"' in html
    # Nothing typed is lost.
    assert "热水器漏水" in html and "安装第二天开始漏水，地板泡坏。" in html and "JD-2026-0001" in html
    assert not Case.objects.exists()


def test_roles_that_cannot_register_get_403(client, staff):
    client.force_login(staff["auditor"])
    assert client.get(INTAKE).status_code == 403
    assert client.post(INTAKE, form_data()).status_code == 403
    assert not Case.objects.exists()


def test_customer_lookup_shows_matches_with_their_visible_cases(client, staff, register):
    earlier = register(title="上次的投诉")
    client.force_login(staff["agent"])
    response = client.get(LOOKUP, {"q": "138 0013 8000"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "周女士" in html and earlier.number in html and "data-fill" in html
    assert earlier.number in client.get(LOOKUP, {"q": "周"}).content.decode()


def test_customer_lookup_is_limited_for_handlers_like_the_api(client, staff, register):
    register()  # an after-sales case: `other_handler` (logistics) cannot see it or its customer
    client.force_login(staff["other_handler"])
    html = client.get(LOOKUP, {"q": "13800138000"}).content.decode()
    assert "周女士" not in html
    client.force_login(staff["handler"])
    assert "周女士" in client.get(LOOKUP, {"q": "13800138000"}).content.decode()
