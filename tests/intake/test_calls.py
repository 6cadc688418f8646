"""Call-centre intake: the phone system reports calls over the API; a caller with an open case gets the
call on that case, anyone else waits for the agent to register the complaint from the call."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from closeloop.cases.choices import Action, EvidenceKind
from closeloop.cases.models import Case, ProgressEntry
from closeloop.core import clock
from closeloop.intake.choices import CallOutcome
from closeloop.intake.models import Call
from closeloop.notify.choices import Kind
from closeloop.notify.models import Notification
from closeloop.org.choices import Role
from closeloop.org.models import Customer
from tests.conftest import LEAF, drive

pytestmark = pytest.mark.django_db

CALLS = reverse("api-calls")
SHANGHAI = ZoneInfo("Asia/Shanghai")
RECORDING = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(range(200))


def call_body(**overrides) -> dict:
    started = (clock.now() - timedelta(minutes=10)).replace(microsecond=0)
    body = {
        "external_id": "cti-0001",
        "caller_number": "13800138000",
        "called_number": "400-800-1234",
        "started_at": started.isoformat(),
        "ended_at": (started + timedelta(minutes=4, seconds=5)).isoformat(),
        "agent": "agent",
    }
    body.update(overrides)
    return body


def with_recording(body: dict) -> dict:
    return {**body, "recording": SimpleUploadedFile("call.wav", RECORDING, content_type="audio/wav")}


def test_call_from_a_caller_with_an_open_case_is_attached_to_it(api, staff, register):
    older = register()
    case = drive(register(), staff, "in_progress")  # the most recent open case of that number
    version = case.version
    staff["handler"].language = "en"  # notices are written in the recipient's language
    staff["handler"].save(update_fields=["language"])

    response = api(staff["agent"]).post(CALLS, with_recording(call_body()), format="multipart")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["outcome"], body["case"], body["intake_url"]) == ("attached", case.number, None)
    entry = ProgressEntry.objects.get(case=case)
    assert entry.note == "Call from 13800138000 lasting 4:05."
    assert entry.author == staff["agent"]
    evidence = case.evidence.get()
    assert evidence.kind == EvidenceKind.RECORDING
    assert evidence.file.read() == RECORDING
    actions = list(case.events.filter(pk__gt=0).order_by("-id").values_list("action", "actor__username")[:2])
    assert actions == [(Action.ADD_EVIDENCE, "agent"), (Action.PROGRESS, "agent")]
    assert case.events.get(action=Action.PROGRESS).data["call"] == "cti-0001"
    case.refresh_from_db()
    assert case.version == version + 2
    assert not ProgressEntry.objects.filter(case=older).exists()
    call = Call.objects.get()
    # The call's recording is the evidence file itself, stored once.
    assert (call.case, call.recording.name) == (case, evidence.file.name)
    # The handler hears of it at once; the agent who took the call is not told of their own call.
    told = Notification.objects.filter(kind=Kind.CUSTOMER_CONTACTED, case=case)
    assert set(told.values_list("recipient__username", flat=True)) == {"handler"}
    assert told.get().subject == f"The customer called about case {case.number}"


def test_caller_is_recognised_through_the_customer_record_whatever_the_number_format(api, staff, register):
    case = register()
    Customer.objects.filter(pk=case.customer_id).update(phone="13800138000")
    Case.objects.filter(pk=case.pk).update(complainant_phone="")

    response = api(staff["agent"]).post(CALLS, call_body(caller_number="+86 138 0013 8000"), format="json")

    assert response.json()["case"] == case.number
    assert ProgressEntry.objects.filter(case=case).count() == 1


def test_recording_link_is_kept_on_the_call_and_described_as_evidence(api, staff, register):
    case = register()
    url = "https://cti.example.com/recordings/cti-0001.mp3"

    api(staff["agent"]).post(CALLS, call_body(recording_url=url, ended_at=None), format="json")

    assert Call.objects.get().recording_url == url
    assert ProgressEntry.objects.get(case=case).note == "Call from 13800138000 (duration not reported)."
    evidence = case.evidence.get()
    assert (evidence.kind, bool(evidence.file)) == (EvidenceKind.RECORDING, False)
    assert url in evidence.description


def test_call_from_an_unknown_number_waits_for_intake_and_the_form_registers_it(api, client, staff):
    start = datetime(2026, 11, 20, 9, 30, 12, tzinfo=SHANGHAI)
    with clock.frozen_at(start + timedelta(minutes=30)):
        response = api(staff["agent"]).post(
            CALLS,
            with_recording(call_body(caller_number="13900001111", started_at=start.isoformat(), ended_at="")),
            format="multipart",
        )
    assert response.status_code == 201
    body = response.json()
    call = Call.objects.get()
    assert body["outcome"] == "pending_intake" and body["case"] is None
    assert body["intake_url"] == f"/cases/new/?call={call.pk}"
    assert not ProgressEntry.objects.exists()

    client.force_login(staff["agent"])
    form_page = client.get(body["intake_url"])
    assert form_page.status_code == 200
    html = form_page.content.decode()
    assert 'name="complainant_phone" value="13900001111"' in html
    assert 'name="contacted_at" value="2026-11-20T09:30"' in html
    assert '<option value="phone" selected>' in html

    form = {
        "channel": "phone",
        "contacted_at": "2026-11-20T09:30",
        "complainant_name": "王先生",
        "complainant_phone": "13900001111",
        "complainant_email": "",
        "preferred_channel": "phone",
        "category": LEAF,
        "grade": "general",
        "emotion": "calm",
        "title": "电话投诉：送货延误",
        "description": "订单超过承诺时间三天未送达。",
    }
    saved = client.post(body["intake_url"], form)

    assert saved.status_code == 302
    call.refresh_from_db()
    case = Case.objects.get()
    assert (call.case, call.outcome) == (case, CallOutcome.REGISTERED)
    assert case.external_ref == "cti-0001" and case.first_contact_owner == staff["agent"]
    evidence = case.evidence.get()
    assert (evidence.kind, evidence.file.read()) == (EvidenceKind.RECORDING, RECORDING)
    assert list(case.events.order_by("id").values_list("action", flat=True)) == ["register", "add_evidence"]
    # Registered once: the call no longer opens the form.
    assert client.get(body["intake_url"]).status_code == 404


def test_the_form_names_the_known_customer_of_a_caller_without_an_open_case(api, client, staff, register):
    drive(
        register(complainant={"name": "周女士", "phone": "13800138000", "email": "zhou@example.com"}),
        staff,
        "closed",
    )

    body = api(staff["agent"]).post(CALLS, call_body(), format="json").json()

    assert body["outcome"] == "pending_intake"
    client.force_login(staff["agent"])
    html = client.get(body["intake_url"]).content.decode()
    assert 'value="周女士"' in html
    assert 'value="zhou@example.com"' in html


def test_retrying_the_same_call_returns_the_same_call_and_records_it_once(api, staff, register):
    case = register()
    client = api(staff["agent"])

    first = client.post(CALLS, call_body(), format="json")
    again = client.post(CALLS, call_body(), format="json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["outcome"] == "attached" and again.json()["case"] == case.number
    assert Call.objects.count() == 1
    assert ProgressEntry.objects.filter(case=case).count() == 1
    clash = client.post(CALLS, call_body(caller_number="13911112222"), format="json")
    assert clash.status_code == 409


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"ended_at": (clock.now() - timedelta(hours=2)).isoformat()},
            "ended_at",
            "cannot end before it started",
        ),
        ({"agent": "nobody"}, "agent", "Unknown agent 'nobody'"),
        ({"agent": "handler"}, "agent", "does not take calls"),
        ({"caller_number": None}, "caller_number", "required"),
        ({"caller_number": "abc"}, "caller_number", "Digits"),
        ({"started_at": (clock.now() + timedelta(hours=1)).isoformat()}, "started_at", "future"),
        ({"direction": "outbound", "called_number": ""}, "called_number", "number that was called"),
    ],
)
def test_invalid_call_is_refused_with_a_message_on_the_field(api, staff, overrides, field, message):
    body = {k: v for k, v in call_body(**overrides).items() if v is not None}

    response = api(staff["agent"]).post(CALLS, body, format="json")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in errors and message in " ".join(errors[field]), errors
    assert not Call.objects.exists()


def test_a_role_without_intake_rights_may_not_report_calls(api, staff, make_staff):
    response = api(staff["handler"]).post(CALLS, call_body(agent=""), format="json")

    assert response.status_code == 403
    # A phone-system integration account holds the agent role and reports for any agent.
    cti = make_staff("cti", (Role.AGENT, "CS-HOTLINE"))
    reported = api(cti).post(CALLS, call_body(agent="other_agent"), format="json")
    assert reported.status_code == 201
    call = Call.objects.get()
    assert (call.agent, call.reported_by) == (staff["other_agent"], cti)


def test_agents_see_only_their_own_calls(api, client, staff, make_staff):
    cti = api(make_staff("cti", (Role.AGENT, "CS-HOTLINE")))
    cti.post(CALLS, call_body(external_id="a-1", caller_number="13900000001"), format="json")
    cti.post(
        CALLS, call_body(external_id="b-1", caller_number="13900000002", agent="other_agent"), format="json"
    )
    theirs = Call.objects.get(external_id="b-1")

    own = api(staff["agent"]).get(CALLS).json()["results"]
    assert [c["external_id"] for c in own] == ["a-1"]
    everyone = api(staff["supervisor"]).get(CALLS, {"outcome": "pending_intake"}).json()["results"]
    assert {c["external_id"] for c in everyone} == {"a-1", "b-1"}

    client.force_login(staff["agent"])
    assert client.get(f"/cases/new/?call={theirs.pk}").status_code == 404
    assert client.get("/cases/new/?call=99999999999999999999").status_code == 404
    page = client.get(reverse("intake:calls")).content.decode()
    assert "13900000001" in page and "13900000002" not in page
    assert f"/cases/new/?call={Call.objects.get(external_id='a-1').pk}" in page
    client.force_login(staff["supervisor"])
    assert "13900000002" in client.get(reverse("intake:calls")).content.decode()
