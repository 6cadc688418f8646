"""The SLA engine with a controlled clock: deadlines per policy, every escalation step, pauses."""

from datetime import datetime, timedelta

import pytest

from closeloop.cases import services
from closeloop.cases.choices import SystemEvent
from closeloop.core import clock
from closeloop.core.errors import TransitionNotAllowed
from closeloop.notify.models import Delivery, Notification
from closeloop.org.choices import Role
from closeloop.policy.models import SlaPolicy
from closeloop.sla.models import SlaStep
from closeloop.sla.services import sla_sweep
from closeloop.supervision.models import SupervisionOrder
from tests.conftest import at

# A Tuesday morning in an ordinary working week (no holiday near).
TUESDAY = at("2026-03-10T10:00:00+08:00")


@pytest.fixture
def sweep_at(django_capture_on_commit_callbacks):
    """One sweep pass at `moment`, with the notices it queues after commit sent as well."""

    def run(moment: datetime):
        with clock.frozen_at(moment), django_capture_on_commit_callbacks(execute=True):
            return sla_sweep()

    return run


def steps(case, action: str, deadline: str | None = None):
    qs = case.events.filter(action=action)
    return [e for e in qs if deadline is None or e.data.get("deadline") == deadline]


@pytest.fixture
def assigned(staff, register):
    """A general complaint registered on TUESDAY, assigned to the handler and answered at once."""
    with clock.frozen_at(TUESDAY):
        case = register()
        case = services.case_assign(case=case, actor=staff["supervisor"], department="AS", handler="handler")
        case = services.case_respond(case=case, actor=staff["handler"], note="已致电客户")
    return case


def test_general_complaint_runs_on_the_business_calendar(assigned):
    # Contacted Tue 09:50: a first response by the end of the next working day, resolution in
    # three working days counted from Wednesday.
    assert assigned.sla_clock == "business"
    assert assigned.response_due_at == at("2026-03-11T18:00:00+08:00")
    assert assigned.resolution_due_at == at("2026-03-13T18:00:00+08:00")
    assert assigned.progress_due_at == at("2026-03-11T18:00:00+08:00")


def test_urgent_complaint_runs_day_and_night(register):
    saturday_night = at("2026-03-14T22:00:00+08:00")
    with clock.frozen_at(saturday_night):
        case = register(grade="urgent", contacted_at=saturday_night)
    assert case.sla_clock == "calendar"
    assert case.response_due_at == at("2026-03-15T02:00:00+08:00")
    assert case.resolution_due_at == at("2026-03-15T22:00:00+08:00")


def test_regrading_moves_the_deadlines_to_the_new_policy(assigned, staff):
    with clock.frozen_at(TUESDAY + timedelta(hours=1)):
        case = services.case_classify(case=assigned, actor=staff["supervisor"], grade="urgent")
    assert case.sla_clock == "calendar"
    assert case.resolution_due_at == case.contacted_at + timedelta(hours=24)


def test_a_tier_row_wins_over_the_grade_row(staff, register):
    SlaPolicy.objects.create(
        grade="general", customer_tier="potential_risk", clock="calendar", resolution="6h"
    )
    case = register()
    case.customer.tier = "potential_risk"
    case.customer.save()
    with clock.frozen_at(TUESDAY):
        again = register()
    assert again.customer_tier == "potential_risk"
    assert again.sla_clock == "calendar"
    assert again.resolution_due_at == again.contacted_at + timedelta(hours=6)


def test_the_escalation_ladder_of_seed_002(assigned, staff, sweep_at):
    case = assigned
    due = case.resolution_due_at  # Fri 2026-03-13 18:00

    # Before 80 % of the working time has gone, nothing fires.
    sweep_at(at("2026-03-13T09:30:00+08:00"))
    assert steps(case, SystemEvent.SLA_WARNING, "resolution") == []

    # 80 % of 2,110 working minutes from Tue 09:50 is Fri 10:58.
    result = sweep_at(at("2026-03-13T11:00:00+08:00"))
    assert result.warnings >= 1
    assert len(steps(case, SystemEvent.SLA_WARNING, "resolution")) == 1
    warned = Notification.objects.filter(case=case, kind="sla_warning")
    assert {n.recipient.username for n in warned} == {"handler", "agent"}

    # Running the same pass again changes nothing.
    again = sweep_at(at("2026-03-13T11:00:00+08:00"))
    assert again.warnings == 0
    assert len(steps(case, SystemEvent.SLA_WARNING, "resolution")) == 1
    assert Notification.objects.filter(case=case, kind="sla_warning").count() == warned.count()

    # On breach: an event with how late, and the handler and first-contact owner hear of it.
    sweep_at(due + timedelta(minutes=5))
    [breach] = steps(case, SystemEvent.SLA_BREACHED, "resolution")
    assert breach.data["late_by_minutes"] == 5
    assert {n.recipient.username for n in Notification.objects.filter(case=case, kind="sla_breached")} >= {
        "handler",
        "agent",
    }
    assert not SupervisionOrder.objects.filter(case=case).exists()

    # 48 h past due: a supervision order to the department's supervisor.
    sweep_at(due + timedelta(hours=47, minutes=59))
    assert not SupervisionOrder.objects.filter(case=case).exists()
    sweep_at(due + timedelta(hours=48))
    [order] = SupervisionOrder.objects.filter(case=case)
    assert order.target_role == Role.SUPERVISOR
    assert order.department.code == "AS"
    assert order.due_at > due + timedelta(hours=48)
    assert steps(case, SystemEvent.SLA_ESCALATED, "resolution")[0].data["late_by_minutes"] == 48 * 60
    assert case.events.filter(action=SystemEvent.SLA_ESCALATED, data__order=order.number).exists()
    assert Notification.objects.filter(recipient=staff["supervisor"], kind="escalated", case=case).exists()

    # 72 h past due: the department head.
    sweep_at(due + timedelta(hours=72, minutes=1))
    targets = sorted(SupervisionOrder.objects.filter(case=case).values_list("target_role", flat=True))
    assert targets == [Role.HEAD, Role.SUPERVISOR]
    assert Notification.objects.filter(recipient=staff["head"], kind="escalated", case=case).exists()

    # Nothing is left to fire on this deadline: the sweep no longer reads the case.
    case.refresh_from_db()
    assert case.sla_next_check_at is None or case.sla_next_check_at > due + timedelta(hours=72)
    final = sweep_at(due + timedelta(hours=100))
    assert final.escalations == 0


def test_a_major_complaint_goes_to_the_executive_task_group_at_once(staff, register, sweep_at):
    with clock.frozen_at(TUESDAY):
        case = register(grade="major")
    result = sweep_at(TUESDAY)
    assert result.escalations == 1
    [order] = SupervisionOrder.objects.filter(case=case)
    assert order.target_role == Role.EXECUTIVE
    assert order.department is None
    assert order.due_at == TUESDAY + timedelta(hours=24)
    assert Notification.objects.filter(recipient=staff["executive"], kind="escalated").exists()


def test_the_sweep_reads_only_cases_whose_time_has_come(staff, register, sweep_at):
    with clock.frozen_at(TUESDAY):
        register()
        register()
        late = register(contacted_at=TUESDAY - timedelta(days=10))
    result = sweep_at(TUESDAY)
    assert result.cases == 1
    assert {s.case_id for s in SlaStep.objects.all()} == {late.pk}


def test_responding_late_records_how_late(staff, register):
    with clock.frozen_at(TUESDAY):
        case = register()
    with clock.frozen_at(case.response_due_at + timedelta(minutes=30)):
        case = services.case_respond(case=case, actor=staff["agent"])
    assert case.events.get(action="respond").data["late_by_minutes"] == 30


def test_waiting_for_the_customer_pauses_the_clocks(assigned, staff, sweep_at):
    with clock.frozen_at(at("2026-03-10T11:00:00+08:00")):
        case = services.case_await_customer(case=assigned, actor=staff["handler"], reason="等客户提供发票")
    assert case.paused_at is not None
    assert case.sla_next_check_at is None
    assert sweep_at(at("2026-03-20T10:00:00+08:00")).cases == 0

    # Resumed the next Monday 11:00: the 2,160 working minutes spent waiting are added back.
    with clock.frozen_at(at("2026-03-16T11:00:00+08:00")):
        case = services.case_resume(case=case, actor=staff["handler"], note="发票已收到")
    assert case.paused_at is None
    assert case.resolution_due_at == at("2026-03-19T18:00:00+08:00")
    assert case.events.get(action="resume").data["paused_minutes"] == 2160
    assert case.sla_next_check_at is not None


def test_a_policy_may_keep_the_clocks_running_while_waiting(staff, register):
    policy = SlaPolicy.objects.get(grade="general", customer_tier="")
    policy.pause_while_waiting = False
    policy.save()
    with clock.frozen_at(TUESDAY):
        case = register()
        due = case.resolution_due_at
        case = services.case_await_customer(case=case, actor=staff["agent"], reason="等客户回电")
    assert case.sla_next_check_at is not None
    with clock.frozen_at(TUESDAY + timedelta(days=1)):
        case = services.case_resume(case=case, actor=staff["agent"])
    assert case.resolution_due_at == due


def test_extension_moves_the_deadline_once_and_tells_the_customer(assigned, staff):
    with clock.frozen_at(TUESDAY + timedelta(hours=2)):
        case = services.case_extend(case=assigned, actor=staff["handler"], reason="需第三方检测机构出具报告")
    # One more resolution period (3 working days) after the old deadline, Fri 18:00 → Wed 18:00.
    assert case.resolution_due_at == at("2026-03-18T18:00:00+08:00")
    told = Delivery.objects.get(case=case, kind="case_extended")
    assert told.channel == "sms"  # the complainant prefers the phone; a text tells them
    with pytest.raises(TransitionNotAllowed):
        services.case_extend(case=case, actor=staff["handler"], reason="再次延期")


def test_extension_gives_the_warning_and_breach_steps_a_new_deadline(assigned, staff, sweep_at):
    sweep_at(assigned.resolution_due_at + timedelta(minutes=1))
    assert len(steps(assigned, SystemEvent.SLA_BREACHED, "resolution")) == 1
    with clock.frozen_at(assigned.resolution_due_at + timedelta(minutes=2)):
        case = services.case_extend(case=assigned, actor=staff["handler"], reason="需第三方检测")
    sweep_at(case.resolution_due_at + timedelta(minutes=1))
    assert len(steps(case, SystemEvent.SLA_BREACHED, "resolution")) == 2


def test_reopening_restarts_the_resolution_clock(staff, register):
    from tests.conftest import drive

    with clock.frozen_at(TUESDAY):
        case = drive(register(), staff, "awaiting_follow_up")
    assert case.follow_up_due_at == at("2026-03-13T18:00:00+08:00")
    with clock.frozen_at(at("2026-03-11T10:00:00+08:00")):
        case = services.case_reopen(case=case, actor=staff["supervisor"], reason="客户反映问题仍在")
    assert case.follow_up_due_at is None
    assert case.sla_started_at == at("2026-03-11T10:00:00+08:00")
    assert case.resolution_due_at == at("2026-03-16T18:00:00+08:00")


def test_feedback_tells_the_customer_and_sends_a_survey_link(staff, register):
    from tests.conftest import drive

    case = drive(
        register(complainant={"name": "林女士", "email": "lin@example.com", "preferred_channel": "email"}),
        staff,
        "awaiting_follow_up",
    )
    kinds = set(Delivery.objects.filter(case=case, channel="email").values_list("kind", flat=True))
    assert {"case_registered", "feedback_given", "follow_up_invitation"} <= kinds
    invitation = Delivery.objects.get(case=case, kind="follow_up_invitation")
    assert "/portal/survey/" in invitation.body


def test_progress_updates_are_chased_and_each_entry_sets_the_next(assigned, staff, sweep_at):
    first_due = assigned.progress_due_at
    sweep_at(first_due + timedelta(minutes=1))
    assert len(steps(assigned, SystemEvent.SLA_BREACHED, "progress")) == 1
    with clock.frozen_at(first_due + timedelta(minutes=30)):
        case = services.case_start(case=assigned, actor=staff["handler"])
    after_start = case.progress_due_at
    with clock.frozen_at(after_start):
        case = services.case_progress(case=case, actor=staff["handler"], note="已联系厂家")
    # The entry, not the start, set the next deadline: it counts from the entry's time.
    assert case.progress_due_at > after_start > first_due


def test_an_unanswered_supervision_order_is_chased_once(staff, register, sweep_at):
    with clock.frozen_at(TUESDAY):
        case = register(grade="major")
    sweep_at(TUESDAY)
    order = SupervisionOrder.objects.get(case=case)
    assert sweep_at(order.due_at + timedelta(minutes=1)).orders_chased == 1
    assert sweep_at(order.due_at + timedelta(minutes=2)).orders_chased == 0
    assert Notification.objects.filter(kind="supervision_order_overdue", case=case).count() == 1
    assert case.events.filter(action=SystemEvent.ORDER_CHASED).count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"deadline": "resolution", "action": "warn", "percent": 80, "after_minutes": 0}, "percent"),
        ({"deadline": "resolution", "action": "warn"}, "percent"),
        ({"deadline": "progress", "action": "warn", "percent": 50}, "percent"),
        ({"deadline": "resolution", "action": "escalate", "after_minutes": 60}, "target_role"),
        (
            {"deadline": "resolution", "action": "breach", "after_minutes": 0, "target_role": "head"},
            "target_role",
        ),
        ({"deadline": "resolution", "action": "breach", "after_minutes": 0, "grades": ["vip"]}, "grades"),
    ],
)
def test_an_escalation_step_must_make_sense(fields, field, db):
    from django.core.exceptions import ValidationError

    from closeloop.policy.models import EscalationRule

    rule = EscalationRule(code="x", name="x", **fields)
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    assert field in refused.value.message_dict
