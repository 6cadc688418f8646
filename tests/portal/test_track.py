"""Following a complaint with its tracking code: plain language, nothing internal, no oracle."""

import re

import pytest
from django.urls import reverse

from closeloop.cases import services as s
from tests.portal.conftest import PHONE, soon

pytestmark = pytest.mark.django_db

INTERNAL = [
    "INTERNAL-PROGRESS-NOTE",
    "INTERNAL-EVIDENCE",
    "INTERNAL-RATIONALE",
    "INTERNAL-EXTEND-REASON",
    "INTERNAL-TRANSFER-REQUIREMENT",
    "99999",
]


@pytest.fixture
def handled(submitted, people):
    """A portal complaint taken through every internal step, then answered."""
    hd, sv = people["handler"], people["supervisor"]
    case = s.case_assign(case=submitted.case, actor=sv, department="AS", handler=hd)
    case = s.case_start(case=case, actor=hd)
    case = s.case_progress(case=case, actor=hd, note="INTERNAL-PROGRESS-NOTE")
    case = s.case_add_evidence(case=case, actor=hd, kind="document", description="INTERNAL-EVIDENCE")
    case = s.case_determine_responsibility(
        case=case,
        actor=hd,
        rationale="INTERNAL-RATIONALE",
        parties=[{"party_type": "employee", "share": "primary"}],
    )
    case = s.case_extend(case=case, actor=hd, reason="INTERNAL-EXTEND-REASON")
    case = s.case_transfer(
        case=case,
        actor=hd,
        department="AS-REPAIR",
        requirements="INTERNAL-TRANSFER-REQUIREMENT",
        due_at=soon(),
    )
    case = s.case_start(case=case, actor=sv)
    case = s.case_propose_plan(
        case=case, actor=sv, summary="INTERNAL-PLAN", remedies=[{"kind": "compensation", "amount": "99999"}]
    )
    case = s.case_approve_plan(case=case, actor=people["head"])
    case = s.case_resolve(case=case, actor=sv)
    return s.case_give_feedback(
        case=case, actor=sv, content="CUSTOMER-FACING-ANSWER", basis="CUSTOMER-FACING-BASIS"
    )


def track(client, code: str, contact: str, **extra):
    return client.post(reverse("portal:track"), {"code": code, "contact": contact}, **extra)


def test_right_code_and_phone_digits_show_the_plain_timeline_and_answer(client, submitted, handled, people):
    # Typed the way people copy codes: lower case, with a space and a dash.
    typed = f"{submitted.code[:5].lower()} -{submitted.code[5:]}"

    response = track(client, typed, PHONE[-4:])

    assert response.status_code == 200
    page = response.content.decode()
    assert handled.number in page
    assert "Answered, awaiting your feedback" in page
    assert "CUSTOMER-FACING-ANSWER" in page and "CUSTOMER-FACING-BASIS" in page
    steps = [
        "We received your complaint.",
        "Your complaint was passed to the department responsible for it.",
        "We started handling your complaint.",
        "We made progress on your complaint.",
        "The time limit for handling your complaint was extended.",
        "Your complaint was passed to another department for handling.",
        "The solution was carried out.",
        "We told you the result of our handling.",
    ]
    positions = [page.index(step) for step in steps]
    assert positions == sorted(positions)
    assert "We will ask for your feedback by" in page
    for secret in INTERNAL:
        assert secret not in page, secret
    for user in people.values():
        assert user.username not in page and user.display_name not in page
    assert "客户自助门户" not in page


def test_email_works_instead_of_phone_digits(client, submitted):
    response = track(client, submitted.code, "ZHOU@example.com")

    assert response.status_code == 200
    assert "We received your complaint." in response.content.decode()
    assert '<span class="badge">Received</span>' in response.content.decode()


def _without_echoes(response) -> str:
    # The masked CSRF token and the re-filled inputs differ by request; everything else must not.
    return re.sub(r'value="[^"]*"', "", response.content.decode())


def test_wrong_combinations_all_get_the_same_not_found_answer(client, submitted):
    unknown_code = track(client, "ABCDEFGHJK", PHONE[-4:])
    wrong_digits = track(client, submitted.code, "0000")
    wrong_email = track(client, submitted.code, "someone@example.com")
    whole_phone = track(client, submitted.code, PHONE)

    answers = {_without_echoes(r) for r in [unknown_code, wrong_digits, wrong_email, whole_phone]}
    assert len(answers) == 1
    assert unknown_code.status_code == wrong_digits.status_code == 200
    assert "We found no complaint with this tracking code and contact." in answers.pop()
    assert submitted.case.number not in wrong_digits.content.decode()


def test_too_many_wrong_tries_lock_the_address_out_even_with_the_right_code(client, submitted, settings):
    settings.PORTAL_TRACK_TRIES_PER_HOUR = 3
    for _ in range(3):
        assert track(client, submitted.code, "0000").status_code == 200

    locked = track(client, submitted.code, PHONE[-4:])
    elsewhere = track(client, submitted.code, PHONE[-4:], REMOTE_ADDR="10.1.2.3")

    assert locked.status_code == 429
    assert submitted.case.number not in locked.content.decode()
    assert elsewhere.status_code == 200


def test_right_answers_do_not_use_up_the_tries(client, submitted, settings):
    settings.PORTAL_TRACK_TRIES_PER_HOUR = 2
    statuses = [track(client, submitted.code, PHONE[-4:]).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 200]
