"""The case page's possible duplicates: merge and dismiss buttons for roles that may merge, the
repeat badge, and the survivor listing the cases merged into it."""

import pytest
from django.urls import reverse

from closeloop.cases import duplicates, services
from closeloop.cases.choices import SuggestionStatus
from closeloop.cases.models import Case, DuplicateSuggestion
from tests.cases.test_duplicates import HEATER, HEATER_AGAIN, OTHER
from tests.conftest import drive, intake


@pytest.fixture(name="register")
def _register(register_screened):
    """Every case here is screened as after a committed intake."""
    return register_screened


def page(case: Case) -> str:
    return reverse("web:case", args=[case.number])


def test_possible_duplicates_with_merge_and_dismiss_buttons(client, staff, register):
    first = register(**HEATER)
    second = register(**HEATER_AGAIN, **OTHER)
    client.force_login(staff["agent"])

    html = client.get(page(second)).content.decode()

    assert "Possible duplicates" in html and first.number in html
    assert f'name="merge-into" value="{first.number}"' in html
    suggestion = DuplicateSuggestion.objects.get(case=second)
    assert reverse("web:duplicate-dismiss", args=[second.number, suggestion.pk]) in html


def test_a_role_that_may_not_merge_sees_the_suggestion_without_buttons(client, staff, register):
    first = register(**HEATER)
    second = register(**HEATER_AGAIN, **OTHER)
    client.force_login(staff["auditor"])
    html = client.get(page(second)).content.decode()
    assert first.number in html and 'name="merge-into"' not in html and "/dismiss/" not in html


def test_merge_button_merges_and_the_survivor_lists_the_merged_case(client, staff, register):
    first = register(**HEATER)
    second = register(**HEATER_AGAIN, **OTHER)
    client.force_login(staff["agent"])

    response = client.post(
        reverse("web:case-action", args=[second.number, "merge"]),
        {"merge-version": second.version, "merge-into": first.number, "merge-reason": "同一事项"},
    )

    assert response.status_code == 302
    assert DuplicateSuggestion.objects.get(case=second).status == SuggestionStatus.MERGED
    survivor = client.get(page(first)).content.decode()
    assert "Merged into this case" in survivor and second.number in survivor
    merged = client.get(page(second)).content.decode()
    assert "Possible duplicates" not in merged  # decided


def test_dismiss_button_hides_the_suggestion(client, staff, register):
    register(**HEATER)
    second = register(**HEATER_AGAIN, **OTHER)
    suggestion = DuplicateSuggestion.objects.get(case=second)
    client.force_login(staff["agent"])

    response = client.post(reverse("web:duplicate-dismiss", args=[second.number, suggestion.pk]))

    assert response.status_code == 302 and response["Location"] == page(second)
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DISMISSED
    assert "Possible duplicates" not in client.get(page(second)).content.decode()
    client.force_login(staff["auditor"])
    refused = client.post(reverse("web:duplicate-dismiss", args=[second.number, suggestion.pk]))
    assert refused.status_code == 403


def test_repeat_badge_links_the_earlier_case(client, staff, register):
    earlier = drive(register(**HEATER), staff, "closed")
    again = register(**HEATER_AGAIN)
    client.force_login(staff["agent"])
    html = client.get(page(again)).content.decode()
    assert f"repeat of {earlier.number}" in html and page(earlier) in html


def test_a_case_not_yet_screened_says_so_until_it_is(client, staff):
    case = services.case_register(actor=staff["agent"], **intake(**HEATER))  # its task not run yet
    client.force_login(staff["agent"])
    assert "Not yet compared with other cases" in client.get(page(case)).content.decode()

    duplicates.case_screen(case.pk)
    assert "Not yet compared with other cases" not in client.get(page(case)).content.decode()
