"""The duplicates API: suggestions scoped to what the user sees, dismiss, merge to accept, repeat rate."""

from datetime import timedelta

import pytest

from closeloop.cases.choices import SuggestionStatus
from closeloop.cases.models import DuplicateSuggestion
from closeloop.core import clock
from tests.cases.test_duplicates import HEATER, HEATER_AGAIN, OTHER
from tests.conftest import drive


@pytest.fixture(name="register")
def _register(register_screened):
    """Every case here is screened as after a committed intake."""
    return register_screened


def url(number: str, tail: str = "") -> str:
    return f"/api/v1/complaints/{number}/duplicates/{tail}"


def test_list_shows_candidate_number_title_status_reason_and_score(api, staff, register):
    first = register(**HEATER)
    second = register(**HEATER_AGAIN, **OTHER)

    response = api(staff["agent"]).get(url(second.number))

    assert response.status_code == 200
    [row] = response.json()
    assert row["candidate"] == {
        "number": first.number,
        "title": HEATER["title"],
        "status": "registered",
        "registered_at": row["candidate"]["registered_at"],
    }
    assert row["reason"] == "similar_text" and 0.5 <= row["score"] < 1 and row["status"] == "open"


def test_a_candidate_outside_the_users_scope_is_not_listed(api, staff, register):
    # Agents see the cases they registered; the first complaint was taken by a colleague.
    first = register(actor=staff["other_agent"], **HEATER)
    second = register(**HEATER)
    assert DuplicateSuggestion.objects.filter(case=second, candidate=first).exists()

    assert api(staff["agent"]).get(url(second.number)).json() == []
    assert [r["candidate"]["number"] for r in api(staff["supervisor"]).get(url(second.number)).json()] == [
        first.number
    ]
    suggestion = DuplicateSuggestion.objects.get(case=second)
    response = api(staff["agent"]).post(url(second.number, f"{suggestion.pk}/dismiss/"), {}, format="json")
    assert response.status_code == 404


def test_a_case_the_user_cannot_see_has_no_suggestions_for_them(api, staff, register):
    second = register(actor=staff["other_agent"], **HEATER)
    assert api(staff["agent"]).get(url(second.number)).status_code == 404


def test_dismiss_then_a_second_dismiss_conflicts(api, staff, register):
    first = register(**HEATER)
    second = register(**HEATER_AGAIN, **OTHER)
    suggestion = DuplicateSuggestion.objects.get(case=second, candidate=first)
    client = api(staff["agent"])

    response = client.post(
        url(second.number, f"{suggestion.pk}/dismiss/"), {"reason": "另一订单"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == "dismissed"
    assert response.json()["decided_by"]["username"] == "agent"
    again = client.post(url(second.number, f"{suggestion.pk}/dismiss/"), {}, format="json")
    assert again.status_code == 409


def test_a_role_that_may_not_merge_may_not_dismiss(api, staff, register):
    register(**HEATER)
    second = register(**HEATER_AGAIN, **OTHER)
    suggestion = DuplicateSuggestion.objects.get(case=second)
    response = api(staff["auditor"]).post(url(second.number, f"{suggestion.pk}/dismiss/"), {}, format="json")
    assert response.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.OPEN


def test_accepting_is_the_merge_action_into_the_candidate(api, staff, register):
    first = register(**HEATER)
    second = register(**HEATER_AGAIN, **OTHER)
    client = api(staff["agent"])

    response = client.post(
        f"/api/v1/complaints/{second.number}/merge/", {"into": first.number}, format="json"
    )

    assert response.status_code == 200 and response.json()["merged_into"] == first.number
    [row] = client.get(url(second.number)).json()
    assert row["status"] == "merged" and row["decided_by"]["username"] == "agent"
    events = client.get(f"/api/v1/complaints/{first.number}/events/").json()["results"]
    assert [e["action"] for e in events] == ["register", "merge"]


def test_detail_shows_repeat_of(api, staff, register):
    earlier = drive(register(**HEATER), staff, "closed")
    again = register(**HEATER_AGAIN)
    assert (
        api(staff["agent"]).get(f"/api/v1/complaints/{again.number}/").json()["repeat_of"] == earlier.number
    )


def test_repeat_rate_over_the_visible_cases_and_a_period(api, staff, register):
    drive(register(**HEATER), staff, "closed")
    register(**HEATER_AGAIN)  # a repeat
    register(**HEATER_AGAIN, **OTHER)  # another customer: no repeat
    rate = api(staff["supervisor"]).get("/api/v1/complaints/stats/repeat-rate/").json()
    assert rate == {"cases": 3, "repeats": 1, "rate": 0.3333}

    later = (clock.now() + timedelta(hours=1)).isoformat()
    empty = api(staff["supervisor"]).get("/api/v1/complaints/stats/repeat-rate/", {"registered_after": later})
    assert empty.json() == {"cases": 0, "repeats": 0, "rate": None}
    # The other agent registered none of them: their rate covers no case.
    assert api(staff["other_agent"]).get("/api/v1/complaints/stats/repeat-rate/").json()["cases"] == 0
