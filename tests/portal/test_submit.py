"""Submitting a complaint through the public form."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from closeloop.cases.models import Case
from closeloop.org.choices import Role
from closeloop.portal.models import Tracking
from closeloop.portal.services import TRACKING_ALPHABET
from tests.conftest import LEAF

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "name": "周女士",
        "phone": "139 1234 5678",
        "email": "",
        "preferred_channel": "phone",
        "category": LEAF,
        "title": "热水器到货无法启动",
        "description": "收到热水器后无法点火。",
        "occurred_at": "2026-11-20T10:30",
        "demand": "退货退款",
        "website": "",
    }
    data.update(overrides)
    return data


def test_form_labels_every_input_and_groups_leaf_categories(client, defaults):
    page = client.get(reverse("portal:new")).content.decode()
    assert '<optgroup label="Product quality">' in page
    assert f'<option value="{LEAF}">Damaged or dead on arrival</option>' in page
    for name in ["name", "phone", "email", "category", "title", "description", "occurred_at", "demand"]:
        assert f'<label for="id_{name}"' in page, name
    assert '<label for="id_attachments"' in page
    assert re.search(r'<input type="file" name="attachments"[^>]*multiple', page)
    assert "width=device-width" in page


def test_submission_registers_web_case_with_evidence_and_tracking_code(client, defaults):
    photo = SimpleUploadedFile("破损.jpg", b"\xff\xd8\xff fake jpeg", content_type="image/jpeg")

    response = client.post(reverse("portal:new"), {**form_data(), "attachments": [photo]})

    assert response.status_code == 302
    case = Case.objects.get()
    assert case.channel == "web"
    assert case.registered_by.username == "portal"
    assert case.first_contact_owner.username == "portal"
    assert case.complainant_phone == "139 1234 5678"
    assert case.occurred_at is not None
    evidence = case.evidence.get()
    assert evidence.kind == "photo" and evidence.original_name == "破损.jpg" and len(evidence.sha256) == 64
    assert case.events.get(action="register").data["attachments"] == [evidence.sha256]
    code = Tracking.objects.get(case=case).code
    assert len(code) == 10 and set(code) <= set(TRACKING_ALPHABET)
    assert not set(code) & set("0O1I")

    confirmation = client.get(response["Location"]).content.decode()
    assert case.number in confirmation and code in confirmation
    assert "keep this tracking code" in confirmation


def test_portal_account_is_a_portal_member_of_online_service_without_password(client, defaults):
    client.post(reverse("portal:new"), form_data())

    portal = Case.objects.get().registered_by
    assert portal.display_name == "客户自助门户"
    assert not portal.has_usable_password()
    assert list(portal.memberships.values_list("role", "department__code")) == [(Role.PORTAL, "CS-ONLINE")]


def test_filled_honeypot_registers_nothing(client, defaults):
    response = client.post(reverse("portal:new"), form_data(website="http://spam.example"))

    assert response.status_code == 400
    assert "could not be accepted" in response.content.decode()
    assert not Case.objects.exists()


def test_submissions_over_the_hourly_limit_get_429(client, defaults, settings):
    settings.PORTAL_SUBMISSIONS_PER_HOUR = 2
    statuses = [client.post(reverse("portal:new"), form_data()).status_code for _ in range(3)]

    assert statuses == [302, 302, 429]
    assert Case.objects.count() == 2
    refused = client.post(reverse("portal:new"), form_data())
    assert refused.status_code == 429 and "try again later" in refused.content.decode()
    elsewhere = client.post(reverse("portal:new"), form_data(), REMOTE_ADDR="10.9.8.7")
    assert elsewhere.status_code == 302


def test_limit_counts_the_address_from_the_trusted_proxy_header(client, defaults, settings):
    settings.PORTAL_SUBMISSIONS_PER_HOUR = 1
    settings.PORTAL_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"

    first = client.post(reverse("portal:new"), form_data(), HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5")
    spoofed = client.post(reverse("portal:new"), form_data(), HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.5")
    other = client.post(reverse("portal:new"), form_data(), HTTP_X_FORWARDED_FOR="203.0.113.6")

    assert [first.status_code, spoofed.status_code, other.status_code] == [302, 429, 302]


def test_form_errors_keep_the_input(client, defaults):
    response = client.post(reverse("portal:new"), form_data(title="", description="仍然保留的描述"))

    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert 'value="周女士"' in page and "仍然保留的描述" in page
    assert not Case.objects.exists()


def test_service_errors_are_shown_on_their_fields(client, defaults):
    # The rule "an e-mail reply needs an e-mail address" lives in the case service.
    response = client.post(reverse("portal:new"), form_data(preferred_channel="email"))

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["email"] == ["An e-mail address is needed to reply by e-mail."]
    assert 'value="139 1234 5678"' in response.content.decode()
    assert not Case.objects.exists()


def test_too_many_or_too_large_attachments_are_refused(client, defaults, settings):
    settings.PORTAL_ATTACHMENT_MAX_BYTES = 10
    files = [SimpleUploadedFile(f"f{i}.txt", b"x") for i in range(6)]
    too_many = client.post(reverse("portal:new"), {**form_data(), "attachments": files})
    big = SimpleUploadedFile("big.txt", b"x" * 11)
    too_big = client.post(reverse("portal:new"), {**form_data(), "attachments": [big]})

    assert too_many.context["form"].errors["attachments"] == ["Attach at most 5 files."]
    assert "big.txt" in too_big.context["form"].errors["attachments"][0]
    assert not Case.objects.exists()


def test_the_acknowledgement_carries_the_tracking_code(client, defaults):
    from closeloop.notify.models import Delivery

    client.post(
        reverse("portal:new"), form_data(email="zhou@example.com", preferred_channel="email", phone="")
    )
    case = Case.objects.get()
    code = Tracking.objects.get(case=case).code
    acknowledgement = Delivery.objects.get(case=case, kind="case_registered")
    assert acknowledgement.channel == "email" and acknowledgement.address == "zhou@example.com"
    assert code in acknowledgement.body and case.number in acknowledgement.body
