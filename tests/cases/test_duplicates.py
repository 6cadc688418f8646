"""Duplicates and repeat complaints at intake (DESIGN §1 intake; seed 002: no complaint handled twice)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command

from closeloop.cases import duplicates, services
from closeloop.cases.choices import DuplicateReason, SuggestionStatus
from closeloop.cases.models import Case, CaseSignature, DuplicateSuggestion
from closeloop.cases.tasks import screening_sweep_task, signatures_prune_task
from closeloop.core import clock
from closeloop.org.models import Customer
from closeloop.policy.models import DuplicatePolicy
from tests.conftest import drive, intake


@pytest.fixture(name="register")
def _register(register_screened):
    """Every case here is screened as after a committed intake."""
    return register_screened


HEATER = {
    "title": "新买的热水器到货无法启动",
    "description": "上周三收到热水器，安装后无法点火，客服一直推脱。",
}
# The same matter told again on another channel: reworded, other punctuation, a clause added.
HEATER_AGAIN = {
    "title": "热水器到货后无法启动",
    "description": "上周三收到的热水器安装后无法点火，客服一直在推脱！要求退货。",
}
PARCEL = {
    "title": "快递三天没送到",
    "description": "包裹显示已到达站点，但三天了都没有派送，快递员电话也打不通。",
}
OTHER = {"complainant": {"name": "王先生", "phone": "13911112222", "preferred_channel": "phone"}}


def suggestions(case: Case) -> dict[str, DuplicateSuggestion]:
    return {s.candidate.number: s for s in case.duplicate_suggestions.select_related("candidate")}


def screening_event(case: Case):
    return case.events.get(action="screened")


def test_same_customer_open_case_is_suggested(register):
    first = register(**PARCEL)
    second = register(**HEATER)  # the same phone, another matter told in other words

    found = suggestions(second)
    assert list(found) == [first.number]
    assert found[first.number].reason == DuplicateReason.SAME_CUSTOMER
    assert found[first.number].status == SuggestionStatus.OPEN
    assert screening_event(second).data["possible_duplicates"] == [
        {"case": first.number, "reason": "same_customer", "score": 0.0}
    ]
    assert not suggestions(first)  # suggestions belong to the newer case


def test_same_email_on_another_customer_record_counts_as_same_customer(register):
    first = register(complainant={"name": "李女士", "email": "li@example.com", "preferred_channel": "email"})
    # A second customer record with her phone number (entered before we knew it was her).
    Customer.objects.create(name="李女士", phone="13700001111")
    second = register(
        complainant={
            "name": "李女士",
            "phone": "13700001111",
            "email": "LI@example.com",
            "preferred_channel": "phone",
        }
    )
    assert first.customer_id != second.customer_id
    assert suggestions(second)[first.number].reason == DuplicateReason.SAME_CUSTOMER


def test_near_identical_chinese_text_by_another_customer_is_suggested(register):
    first = register(**HEATER)
    second = register(**HEATER_AGAIN, **OTHER)

    assert first.customer_id != second.customer_id
    suggestion = suggestions(second)[first.number]
    assert suggestion.reason == DuplicateReason.SIMILAR_TEXT
    assert Decimal("0.5") <= suggestion.score < 1
    assert CaseSignature.objects.filter(case=second).count() == duplicates.BANDS


def test_unrelated_text_of_another_customer_is_not_suggested(register):
    register(**HEATER)
    second = register(**PARCEL, **OTHER)
    assert not suggestions(second)
    assert not second.events.filter(action="screened").exists()  # nothing found, nothing to audit


def test_text_threshold_is_configuration(register):
    register(**HEATER)
    DuplicatePolicy.objects.create(text_threshold=Decimal("0.90"))
    second = register(**HEATER_AGAIN, **OTHER)
    assert not suggestions(second)


def test_window_is_respected_and_configurable(register):
    long_ago = clock.now() - timedelta(days=40)
    old = register(**HEATER, contacted_at=long_ago, registered_at=long_ago + timedelta(minutes=5))

    assert not suggestions(register(**HEATER_AGAIN, **OTHER))
    DuplicatePolicy.objects.create(window_days=60)
    assert old.number in suggestions(register(**HEATER_AGAIN, **OTHER))


def test_closed_case_is_not_a_duplicate_but_makes_a_repeat(register, staff):
    earlier = drive(register(**HEATER), staff, "closed")
    again = register(**HEATER_AGAIN)

    assert not suggestions(again)
    again.refresh_from_db()
    assert again.repeat_of == earlier
    assert screening_event(again).data["repeat_of"] == earlier.number
    assert duplicates.repeat_rate(Case.objects.all()) == {"cases": 2, "repeats": 1, "rate": 0.5}


def test_repeat_needs_same_category_or_alike_text(register, staff):
    drive(register(**HEATER), staff, "archived")
    other_matter = register(**PARCEL, category="LOGISTICS-DELIVERY-LATE")
    assert other_matter.repeat_of is None
    same_category = register(**PARCEL)
    assert same_category.repeat_of is not None


def test_repeat_window_is_respected(register, staff):
    long_ago = clock.now() - timedelta(days=200)
    with clock.frozen_at(long_ago + timedelta(minutes=10)):
        drive(register(**HEATER, contacted_at=long_ago), staff, "closed")
    assert register(**HEATER_AGAIN).repeat_of is None
    DuplicatePolicy.objects.create(repeat_window_days=365)
    assert register(**HEATER_AGAIN).repeat_of is not None


def test_a_merged_or_withdrawn_case_is_no_candidate(register, staff):
    first = register(**HEATER)
    services.case_withdraw(case=first, actor=staff["agent"], reason="客户撤回")
    second = register(**HEATER_AGAIN)
    assert not suggestions(second)
    assert second.repeat_of is None  # withdrawn is not a handled matter


def test_merging_into_the_candidate_accepts_the_suggestion_and_keeps_both_histories(register, staff):
    first = register(**HEATER)
    second = register(**HEATER_AGAIN, **OTHER)
    suggestion = suggestions(second)[first.number]

    services.case_merge(case=second, actor=staff["agent"], into=first.number, reason="同一事项")

    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.MERGED
    assert suggestion.decided_by == staff["agent"]
    second.refresh_from_db()
    assert second.status == "merged" and second.merged_into == first
    assert list(second.events.values_list("action", flat=True)) == ["register", "screened", "merge"]
    assert list(first.events.values_list("action", flat=True)) == [
        "register",
        "merge",
    ]  # the first found nothing
    assert list(first.merged_cases.all()) == [second]


def test_dismiss_closes_the_suggestion_with_an_event(register, staff):
    first = register(**HEATER)
    second = register(**HEATER_AGAIN, **OTHER)
    suggestion = suggestions(second)[first.number]

    duplicates.duplicate_dismiss(
        case=second, actor=staff["agent"], suggestion_id=suggestion.pk, reason="不同订单"
    )

    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DISMISSED
    assert suggestion.decided_by == staff["agent"] and suggestion.decided_at is not None
    event = second.events.get(action="duplicate_dismissed")
    assert event.data["candidate"] == first.number and event.reason == "不同订单"


def test_signatures_rebuild_gives_an_existing_database_duplicate_detection(register):
    first = register(**HEATER)
    CaseSignature.objects.all().delete()
    assert not suggestions(register(**HEATER_AGAIN, **OTHER))

    call_command("signatures_rebuild", "--batch", "1")

    assert CaseSignature.objects.filter(case=first).count() == duplicates.BANDS
    assert first.number in suggestions(register(**HEATER_AGAIN, **OTHER))


def test_prune_drops_final_cases_and_rebuild_signs_only_cases_that_can_be_candidates(register, staff):
    closed = drive(register(**HEATER), staff, "closed")
    open_case = register(**PARCEL, **OTHER)

    call_command("signatures_rebuild", "--prune")

    assert not CaseSignature.objects.filter(case=closed).exists()
    assert CaseSignature.objects.filter(case=open_case).count() == duplicates.BANDS
    CaseSignature.objects.all().delete()
    call_command("signatures_rebuild")
    assert set(CaseSignature.objects.values_list("case_id", flat=True)) == {open_case.pk}


def test_the_daily_prune_spares_nothing_a_reopened_case_needs(register, staff):
    closed = drive(register(**HEATER), staff, "closed")

    assert signatures_prune_task.apply().get()["pruned"] > 0
    assert not CaseSignature.objects.filter(case=closed).exists()
    services.case_reopen(case=closed, actor=staff["supervisor"], reason="客户再次来电，问题未解决")

    assert CaseSignature.objects.filter(case=closed).exists()
    again = register(**HEATER_AGAIN, **OTHER)
    assert suggestions(again)[closed.number].reason == DuplicateReason.SIMILAR_TEXT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＡＢＣ，热水器！ 坏了", "abc热水器坏了"),
        ("  。。。  ", ""),
    ],
)
def test_normalise_keeps_only_letters_and_digits(text, expected):
    assert duplicates.normalise(text) == expected


def test_similarity_ignores_punctuation_and_width():
    a = duplicates.shingles("热水器无法点火，客服推脱。")
    b = duplicates.shingles("热水器无法点火 客服推脱！")
    assert duplicates.similarity(a, b) == 1.0
    assert duplicates.buckets(a) == duplicates.buckets(b)
    assert duplicates.similarity(a, frozenset()) == 0.0


# --- after the commit ---------------------------------------------------------------------------


def test_screening_waits_for_the_commit_and_then_runs_once(staff, django_capture_on_commit_callbacks):
    first = services.case_register(actor=staff["agent"], **intake(**HEATER))
    with django_capture_on_commit_callbacks() as pending:
        second = services.case_register(actor=staff["agent"], **intake(**HEATER_AGAIN, **OTHER))
    second.refresh_from_db()
    assert second.screened_at is None and not suggestions(second)  # intake answered first

    duplicates.case_screen(first.pk)
    for callback in pending:
        callback()
    second.refresh_from_db()
    assert second.screened_at is not None
    assert list(suggestions(second)) == [first.number]
    assert duplicates.case_screen(second.pk) is False  # a retried task changes nothing
    assert second.duplicate_suggestions.count() == 1
    assert second.events.filter(action="screened").count() == 1


def test_two_alike_cases_screened_out_of_order_are_paired_once(staff):
    first = services.case_register(actor=staff["agent"], **intake(**HEATER))
    second = services.case_register(actor=staff["agent"], **intake(**HEATER_AGAIN, **OTHER))

    duplicates.case_screen(second.pk)  # a second worker got to the newer case first
    duplicates.case_screen(first.pk)

    assert not suggestions(second)
    assert list(suggestions(first)) == [second.number]
    assert DuplicateSuggestion.objects.count() == 1


def test_the_sweep_screens_a_case_whose_task_was_lost(staff, settings):
    settings.SCREENING_GRACE = 600
    case = services.case_register(actor=staff["agent"], **intake(**HEATER))

    assert screening_sweep_task() == {"screened": 0}  # its task may still be queued
    with clock.frozen_at(clock.now() + timedelta(minutes=11)):
        assert screening_sweep_task() == {"screened": 1}
        assert screening_sweep_task() == {"screened": 0}
    case.refresh_from_db()
    assert case.screened_at is not None
    assert CaseSignature.objects.filter(case=case).exists()
    assert case.insight is not None  # the assist read it too


def test_a_screened_case_is_not_left_for_the_sweep(register):
    case = register(**HEATER)
    assert case.screened_at is not None
    assert not duplicates.unscreened(registered_before=clock.now() + timedelta(days=1), limit=10)
