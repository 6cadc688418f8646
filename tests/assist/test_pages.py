"""The assist on the staff pages: the intake panel, the case page card, the plan form's remedy."""

from decimal import Decimal

import pytest
from django.test import Client

from closeloop.policy.models import AssistPolicy
from tests.conftest import drive

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_intake_panel_suggests_and_highlights(staff):
    response = signed_in(staff["agent"]).post(
        "/assist/panel/",
        {
            "title": "电暖器烫伤",
            "description": "孩子被烫伤了，气死我了，太过分了，简直是骗子，我要起诉你们",
            "category": "PRODUCT-DEFECT-DOA",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-assist-grade="major"' in html
    assert "<mark" in html and "起诉" in html
    assert "Angry customer" in html
    assert 'id="assist-anger" min="0" max="1" high="0.70"' in html  # the shipped escalation threshold


def test_the_meters_turn_red_where_the_organisation_escalates(register, staff):
    AssistPolicy.objects.create(anger_threshold=Decimal("0.45"))
    panel = signed_in(staff["agent"]).post("/assist/panel/", {"description": "气死我了，太过分了，我要投诉"})
    assert 'id="assist-anger" min="0" max="1" high="0.45"' in panel.content.decode()


def test_the_panel_waits_for_a_text_and_is_for_intake_staff(staff):
    assert (
        "once the title and description"
        in signed_in(staff["agent"]).post("/assist/panel/", {}).content.decode()
    )
    assert (
        signed_in(staff["auditor"]).post("/assist/panel/", {"description": "热水器坏了"}).status_code == 403
    )
    assert Client().post("/assist/panel/", {"description": "热水器坏了"}).status_code == 302


def test_the_case_page_shows_what_intake_found(register, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = register(description="孩子被烫伤了，我要起诉你们")
    html = signed_in(staff["supervisor"]).get(f"/cases/{case.number}/").content.decode()
    assert 'id="assist"' in html
    assert "<mark>起诉</mark>" in html


def test_an_angry_customer_gets_a_substantive_remedy_proposed(register, staff):
    case = drive(register(emotion="angry"), staff, "in_progress")
    html = signed_in(staff["handler"]).get(f"/cases/{case.number}/").content.decode()
    assert "The customer is angry: consider Refund up to 5000.00 yuan" in html
    assert '<option value="refund" selected>' in html


def test_a_calm_customer_gets_no_remedy_proposed(register, staff):
    case = drive(register(emotion="calm", description="想问一下安装时间"), staff, "in_progress")
    html = signed_in(staff["handler"]).get(f"/cases/{case.number}/").content.decode()
    assert "The customer is angry" not in html
    assert '<option value="refund" selected>' not in html
