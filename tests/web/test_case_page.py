"""The case page: scope, allowed actions as forms, action POSTs, stale versions, evidence downloads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse

from closeloop.cases import services
from closeloop.cases.models import Case, Event
from tests.conftest import drive


def page(case: Case) -> str:
    return reverse("web:case", args=[case.number])


def do(case: Case, action: str) -> str:
    return reverse("web:case-action", args=[case.number, action])


def offered(response) -> list[str]:
    assert response.status_code == 200, response.content[:500]
    return [action.value for action, _form in response.context["action_forms"]]


def test_case_page_shows_the_whole_record(client, staff, register):
    case = drive(register(title="热水器漏水"), staff, "in_progress")
    services.case_progress(case=case, actor=staff["handler"], note="已联系厂家上门检测")
    client.force_login(staff["handler"])
    response = client.get(page(case))
    html = response.content.decode()
    for text in ["热水器漏水", "周女士", "要求退货退款", "已联系厂家上门检测", "退货退款", "handler"]:
        assert text in html, text
    kinds = [("event" if item.event else "progress") for item in response.context["timeline"]]
    assert kinds.count("progress") == 1 and "progress" not in [
        item.event.action for item in response.context["timeline"] if item.event
    ]


def test_handler_and_auditor_see_different_actions(client, staff, register):
    case = drive(register(), staff, "in_progress")
    client.force_login(staff["handler"])
    handler_actions = offered(client.get(page(case)))
    assert {"progress", "propose_plan", "resolve", "add_evidence"} <= set(handler_actions)
    assert "assign" not in handler_actions and "archive" not in handler_actions
    client.force_login(staff["auditor"])
    response = client.get(page(case))
    assert offered(response) == []
    assert "/do/" not in response.content.decode()


def test_action_post_advances_the_case_and_writes_an_event(client, staff, register):
    case = drive(register(), staff, "assigned")
    client.force_login(staff["handler"])
    response = client.post(do(case, "start"), {"start-version": case.version})
    assert response.status_code == 302 and response["Location"] == page(case)
    case.refresh_from_db()
    assert case.status == "in_progress"
    event = case.events.latest("id")
    assert (event.action, event.actor, event.to_status) == ("start", staff["handler"], "in_progress")


def test_plan_rows_left_empty_are_ignored(client, staff, register):
    case = drive(register(), staff, "in_progress")
    client.force_login(staff["handler"])
    response = client.post(
        do(case, "propose_plan"),
        {
            "propose_plan-version": case.version,
            "propose_plan-summary": "换新并致歉",
            "propose_plan-remedy_0_kind": "",
            "propose_plan-remedy_1_kind": "apology",
            "propose_plan-remedy_1_description": "书面致歉",
        },
    )
    assert response.status_code == 302
    plan = case.plans.get()
    assert [(r.kind, r.description) for r in plan.remedies.all()] == [("apology", "书面致歉")]


def test_invalid_input_rerenders_with_errors_and_input_kept(client, staff, register):
    case = drive(register(), staff, "in_progress")
    client.force_login(staff["handler"])
    response = client.post(
        do(case, "determine_responsibility"),
        {
            "determine_responsibility-version": case.version,
            "determine_responsibility-rationale": "出厂缺陷，经检测确认",
            "determine_responsibility-party_0_party_type": "supplier",
            "determine_responsibility-party_0_share": "secondary",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "One party must bear primary responsibility." in html
    assert "出厂缺陷，经检测确认" in html
    assert response.context["open_action"] == "determine_responsibility"
    assert not case.responsibilities.exists()


def test_stale_version_shows_the_conflict_and_changes_nothing(client, staff, register):
    case = drive(register(), staff, "in_progress")
    client.force_login(staff["handler"])
    seen = case.version
    services.case_progress(case=case, actor=staff["supervisor"], note="主管补充：客户已再次来电")
    case.refresh_from_db()
    events = Event.objects.filter(case=case).count()
    response = client.post(do(case, "extend"), {"extend-version": seen, "extend-reason": "需第三方质检"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this case" in html
    assert [e.action for e in response.context["conflict"]["changes"]] == ["progress"]
    assert "需第三方质检" in html  # the input is kept
    case.refresh_from_db()
    assert (case.extended_at, case.version) == (None, seen + 1)
    assert Event.objects.filter(case=case).count() == events


def test_guard_refusal_is_shown_as_not_possible_now(client, staff, register):
    case = drive(register(), staff, "in_progress")
    client.force_login(staff["handler"])
    response = client.post(do(case, "resolve"), {"resolve-version": case.version})
    assert response.status_code == 409
    assert "Propose a resolution plan first." in response.content.decode()
    case.refresh_from_db()
    assert case.status == "in_progress"


def test_role_without_the_action_gets_403(client, staff, register):
    case = register()
    client.force_login(staff["handler"])
    response = client.post(do(case, "assign"), {"assign-version": case.version, "assign-department": "1"})
    assert response.status_code == 403


def test_other_department_gets_404_for_case_actions_and_evidence(client, staff, register):
    case = drive(register(), staff, "in_progress")
    upload = SimpleUploadedFile("录音.txt", "客服录音".encode(), content_type="text/plain")
    case = services.case_add_evidence(case=case, actor=staff["handler"], kind="recording", upload=upload)
    item = case.evidence.get()
    download = reverse("web:evidence", args=[case.number, item.pk])

    client.force_login(staff["handler"])
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == "客服录音".encode()
    assert download in client.get(page(case)).content.decode()

    client.force_login(staff["other_handler"])
    assert client.get(page(case)).status_code == 404
    assert client.get(download).status_code == 404
    assert client.post(do(case, "progress"), {"progress-version": case.version}).status_code == 404
    assert client.get(reverse("web:case", args=["TS19990101-000001"])).status_code == 404


def test_awaiting_follow_up_offers_a_survey_link(client, staff, register):
    case = drive(register(), staff, "awaiting_follow_up")
    client.force_login(staff["agent"])
    html = client.get(page(case)).content.decode()
    try:
        survey = reverse("portal:survey-link", args=[case.number])
    except NoReverseMatch:
        pytest.skip("the portal's survey-link URL is not there yet")
    assert f'action="{survey}"' in html


def test_timeline_shows_audited_times_in_local_format(client, staff, register):
    case = drive(register(), staff, "resolved")
    client.force_login(staff["supervisor"])
    page = client.get(f"/cases/{case.number}/").content.decode()
    assert case.events.get(action="resolve").changes["resolved_at"][1] not in page  # no raw ISO text


def test_closed_case_without_first_response_shows_no_clock(client, staff, register):
    case = drive(register(), staff, "closed")
    assert case.responded_at is None
    client.force_login(staff["supervisor"])
    page = client.get(f"/cases/{case.number}/").content.decode()
    assert "not recorded before the case ended" in page
    assert " left</span>" not in page


def test_wait_and_resume_are_offered_one_at_a_time(client, staff, register):
    case = register()
    client.force_login(staff["agent"])
    page = client.get(f"/cases/{case.number}/").content.decode()
    assert 'id="action-await_customer"' in page and 'id="action-resume"' not in page
    services.case_await_customer(case=case, actor=staff["agent"], reason="等客户补充照片")
    page = client.get(f"/cases/{case.number}/").content.decode()
    assert 'id="action-resume"' in page and 'id="action-await_customer"' not in page
    assert "waiting for the customer since" in page
