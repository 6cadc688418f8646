"""`POST /api/v1/assist/analyze/` and the live accuracy."""

import pytest

from closeloop.assist.models import Decision, DecisionKind
from closeloop.core import clock
from closeloop.org.choices import Role

pytestmark = pytest.mark.django_db

URL = "/api/v1/assist/analyze/"


def test_every_suggestion_with_its_reason(api, staff):
    text = "我家孩子用了你们的电暖器被烫伤了，气死我了，太过分了，简直是骗子，我要起诉你们！"
    response = api(staff["agent"]).post(URL, {"text": text, "category": "PRODUCT-DEFECT-DOA"}, format="json")
    assert response.status_code == 200, response.data
    body = response.json()
    assert body["text"] == text
    assert body["grade"]["suggested"] == "major"
    kinds = {r["kind"] for r in body["grade"]["risks"]}
    assert {"injury", "lawsuit"} <= kinds
    for risk in body["grade"]["risks"]:
        assert body["text"][risk["start"] : risk["end"]] == risk["phrase"]
    assert body["emotion"]["anger"] > 0.5
    assert body["dispatch"]["department"] == "AS"
    assert body["dispatch"]["reason"]


def test_traditional_characters_and_english_are_read_too(api, staff):
    text = "我要投訴！退款還沒到賬，我會找律師起訴你們。Refund NOW."
    body = api(staff["agent"]).post(URL, {"text": text}, format="json").json()
    assert body["grade"]["suggested"] == "major"
    for risk in body["grade"]["risks"]:
        # Offsets point into the text as sent, traditional characters and all.
        assert body["text"][risk["start"] : risk["end"]] == risk["phrase"]


def test_bad_input_is_named(api, staff):
    response = api(staff["agent"]).post(URL, {"text": "", "category": "NOPE"}, format="json")
    assert response.status_code == 400
    assert "text" in response.json()["errors"]
    response = api(staff["agent"]).post(URL, {"text": "热水器坏了", "category": "NOPE"}, format="json")
    assert response.status_code == 400
    assert "category" in response.json()["errors"]


def test_only_staff_may_ask(api, make_staff):
    portal = make_staff("portal-bot", (Role.PORTAL, "CS-HOTLINE"))
    assert api(portal).post(URL, {"text": "热水器坏了"}, format="json").status_code == 403
    assert api(None).post(URL, {"text": "热水器坏了"}, format="json").status_code in (401, 403)


def test_accuracy_counts_what_people_kept(api, staff, register):
    case = register()
    now = clock.now()
    Decision.objects.bulk_create(
        Decision.made(
            case=case,
            kind=DecisionKind.CATEGORY,
            suggested="A",
            alternatives=alternatives,
            chosen=chosen,
            actor=None,
            decided_at=now,
        )
        for alternatives, chosen in [(["B", "C"], "A"), (["B", "C"], "C"), (["B"], "Z")]
    )
    rows = {r["kind"]: r for r in api(staff["supervisor"]).get("/api/v1/assist/accuracy/").json()}
    assert rows["category"]["decisions"] == 3
    assert rows["category"]["accepted"] == 1
    assert rows["category"]["in_top3"] == 2
    assert rows["department"]["rate"] is None
    assert api(staff["supervisor"]).get("/api/v1/assist/accuracy/?days=0").status_code == 400
