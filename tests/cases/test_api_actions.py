"""Workflow actions through the API: error mapping, guards, evidence, the audit trail of a lifecycle."""

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile

from closeloop.cases.models import Case
from tests.conftest import drive


def act(client, case, action, data=None, **kwargs):
    return client.post(f"/api/v1/complaints/{case.number}/{action}/", data or {}, format="json", **kwargs)


def test_illegal_transition_is_409_naming_state_and_allowed_actions(api, staff, register):
    case = register()
    response = act(api(staff["handler"]), case, "resolve")
    assert response.status_code == 409
    body = response.json()
    assert body["status"] == "registered"
    assert "resolve" not in body["allowed_actions"]
    assert "respond" in body["allowed_actions"]


def test_role_without_the_action_is_403(api, staff, register):
    case = register()
    response = act(api(staff["handler"]), case, "assign", {"department": "AS"})
    assert response.status_code == 403


def test_case_out_of_scope_is_404_like_an_unknown_one(api, staff, register):
    case = register()
    client = api(staff["other_handler"])
    assert client.get(f"/api/v1/complaints/{case.number}/").status_code == 404
    assert act(client, case, "start").status_code == 404
    assert client.get("/api/v1/complaints/TS19990101-000001/").status_code == 404


def test_stale_version_is_409_and_changes_nothing(api, staff, register):
    case = register()
    client = api(staff["supervisor"])
    assert act(client, case, "assign", {"department": "AS", "version": case.version}).status_code == 200
    response = act(client, case, "classify", {"grade": "urgent", "version": case.version})
    assert response.status_code == 409
    assert response.json()["current_version"] == case.version + 1
    case.refresh_from_db()
    assert case.grade == "general"
    response = act(client, case, "classify", {"grade": "urgent"}, HTTP_IF_MATCH=f'"{case.version - 1}"')
    assert response.status_code == 409


def test_satisfaction_out_of_range_is_400(api, staff, register):
    case = drive(register(), staff, "awaiting_follow_up")
    response = act(
        api(staff["agent"]), case, "follow_up", {"method": "phone", "resolved": True, "satisfaction": 11}
    )
    assert response.status_code == 400
    assert "satisfaction" in response.json()["errors"]
    assert case.follow_ups.count() == 0


def test_unsatisfied_follow_up_reopens_case(api, staff, register):
    case = drive(register(), staff, "awaiting_follow_up")
    response = act(
        api(staff["agent"]),
        case,
        "follow_up",
        {"method": "phone", "resolved": True, "satisfaction": 3, "comment": "还是坏的"},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "in_progress"
    assert data["reopen_count"] == 1
    assert all(p["status"] == "superseded" for p in data["plans"])


def test_close_needs_a_reached_follow_up_or_three_attempts(api, staff, register):
    case = drive(register(), staff, "awaiting_follow_up")
    client = api(staff["agent"])
    refused = act(client, case, "close")
    assert refused.status_code == 409
    assert "follow-up" in refused.json()["detail"]
    for attempt in range(3):
        assert act(client, case, "close").status_code == 409, attempt
        assert act(client, case, "follow_up", {"method": "phone", "reached": False}).status_code == 200
    assert act(client, case, "close").json()["status"] == "closed"


def test_plan_outside_standard_needs_someone_else_to_approve(api, staff, register):
    case = drive(register(), staff, "in_progress")
    handler, head = api(staff["handler"]), api(staff["head"])
    plan = act(
        handler,
        case,
        "propose_plan",
        {"summary": "十倍赔偿", "remedies": [{"kind": "compensation", "amount": "50000"}]},
    )
    assert plan.json()["plans"][-1]["status"] == "awaiting_approval"
    assert plan.json()["plans"][-1]["approval_reasons"]
    assert act(handler, case, "resolve").status_code == 409
    assert act(head, case, "approve_plan", {"note": "特批"}).json()["plans"][-1]["status"] == "ready"
    assert act(handler, case, "resolve").json()["status"] == "resolved"


def test_proposer_cannot_approve_own_plan(api, staff, register):
    case = drive(register(), staff, "in_progress")
    client = api(staff["supervisor"])
    act(
        client,
        case,
        "propose_plan",
        {"summary": "超标", "remedies": [{"kind": "compensation", "amount": "50000"}]},
    )
    assert act(client, case, "approve_plan").status_code == 403


def test_extension_is_allowed_once(api, staff, register):
    case = drive(register(), staff, "in_progress")
    client = api(staff["handler"])
    assert act(client, case, "extend", {}).status_code == 400  # a reason is required
    first = act(client, case, "extend", {"reason": "需第三方质检"})
    assert first.status_code == 200 and first.json()["extension_reason"] == "需第三方质检"
    assert first.json()["resolution_due_at"] > case.resolution_due_at.isoformat()
    assert act(client, case, "extend", {"reason": "再延一次"}).status_code == 409


def test_evidence_upload_is_hashed_and_downloadable(api, staff, register):
    case = drive(register(), staff, "in_progress")
    content = "通话录音文字稿：客户称热水器无法点火。".encode()
    upload = SimpleUploadedFile("录音.txt", content, content_type="text/plain")
    client = api(staff["handler"])
    response = client.post(
        f"/api/v1/complaints/{case.number}/add_evidence/",
        {"kind": "recording", "description": "客服录音", "file": upload},
        format="multipart",
    )
    assert response.status_code == 200, response.data
    item = response.json()["evidence"][0]
    assert item["sha256"] == hashlib.sha256(content).hexdigest()
    assert item["collected_by"]["username"] == "handler"
    download = client.get(item["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert api(staff["other_handler"]).get(item["download_url"]).status_code == 404


def test_transfer_moves_the_case_and_counts(api, staff, register):
    case = drive(register(), staff, "in_progress")
    response = act(
        api(staff["handler"]),
        case,
        "transfer",
        {
            "department": "LOG-DELIVERY",
            "requirements": "请核实配送环节",
            "due_at": "2099-01-01T00:00:00+08:00",
        },
    )
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "assigned" and data["lead_department"]["code"] == "LOG-DELIVERY"
    assert data["handler"] is None and data["transfer_count"] == 1
    assert data["transfers"][0]["to_department"]["code"] == "LOG-DELIVERY"
    # The new department's handler now sees it; the old one no longer does.
    assert api(staff["other_handler"]).get(f"/api/v1/complaints/{case.number}/").status_code == 200
    assert api(staff["handler"]).get(f"/api/v1/complaints/{case.number}/").status_code == 404


def test_merge_points_to_survivor_and_both_keep_history(api, staff, register):
    survivor, duplicate = register(), register(channel="email")
    response = act(api(staff["agent"]), duplicate, "merge", {"into": survivor.number, "reason": "同一事项"})
    assert response.status_code == 200
    assert response.json()["merged_into"] == survivor.number
    assert survivor.events.filter(action="merge", data__merged_case=duplicate.number).exists()
    assert act(api(staff["agent"]), register(), "merge", {"into": duplicate.number}).status_code == 400


def test_full_lifecycle_leaves_an_audit_trail(api, staff, register):
    case = drive(register(), staff, "archived")
    events = api(staff["auditor"]).get(f"/api/v1/complaints/{case.number}/events/").json()["results"]
    assert [e["action"] for e in events] == [
        "register",
        "assign",
        "start",
        "propose_plan",
        "resolve",
        "give_feedback",
        "follow_up",
        "close",
        "archive",
    ]
    assert events[1]["changes"]["status"] == ["registered", "assigned"]
    assert events[1]["changes"]["handler"] == [None, "handler"]
    assert events[-1]["changes"]["archive_number"][1].startswith("DA")
    assert all(e["actor"] for e in events)
    archived = Case.objects.get(pk=case.pk)
    assert archived.retention_until.year == archived.closed_at.year + 5
