"""After intake: the insight is stored, an angry customer goes to a supervisor at once, the grade of
unattended intake follows its risk phrases, and people's choices are counted."""

import pytest

from closeloop.assist.models import CaseInsight, Decision, DecisionKind
from closeloop.assist.services import case_screen
from closeloop.cases import services
from closeloop.cases.choices import Action
from closeloop.org.choices import Role
from closeloop.policy.models import AssistPolicy
from closeloop.supervision.models import SupervisionOrder
from tests.conftest import intake

pytestmark = pytest.mark.django_db

ANGRY = "你们太过分了！气死我了，简直是骗子，再不退款我就去消协投诉，还要找媒体曝光！"
CALM = "您好，想咨询一下热水器的安装时间，麻烦安排一下，谢谢。"


def registered(register, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return register(**overrides)


def test_an_angry_customer_is_escalated_to_a_supervisor_at_once(register, django_capture_on_commit_callbacks):
    case = registered(register, django_capture_on_commit_callbacks, description=ANGRY, emotion="calm")
    insight = CaseInsight.objects.get(case=case)
    assert insight.escalated
    assert float(insight.anger) >= float(AssistPolicy().anger_threshold)
    assert insight.emotion_phrases, "the score names the phrases that drove it"
    order = SupervisionOrder.objects.get(case=case)
    assert order.target_role == Role.SUPERVISOR
    assert order.issued_by is None
    event = case.events.get(action="supervision_order_issued")
    assert event.data["trigger"] == "anger"
    assert event.data["phrases"]


def test_a_calm_complaint_is_not_escalated(register, django_capture_on_commit_callbacks):
    case = registered(register, django_capture_on_commit_callbacks, description=CALM, emotion="calm")
    insight = CaseInsight.objects.get(case=case)
    assert not insight.escalated
    assert not SupervisionOrder.objects.filter(case=case).exists()


def test_the_threshold_is_the_organisations(register, django_capture_on_commit_callbacks):
    AssistPolicy.objects.create(anger_threshold="1.00")
    case = registered(register, django_capture_on_commit_callbacks, description=ANGRY)
    assert not CaseInsight.objects.get(case=case).escalated
    assert not SupervisionOrder.objects.filter(case=case).exists()


def test_screening_twice_changes_nothing(register, django_capture_on_commit_callbacks):
    case = registered(register, django_capture_on_commit_callbacks, description=ANGRY)
    assert case_screen(case.pk) is None
    assert SupervisionOrder.objects.filter(case=case).count() == 1


def test_unattended_intake_takes_the_grade_of_its_risk_phrases(staff):
    case = services.case_register(
        actor=staff["agent"], **intake(grade=None, description="孩子用了你们的电暖器被烫伤，我要起诉你们。")
    )
    assert case.grade == "major"
    event = case.events.get(action=Action.REGISTER)
    assert event.data["grade_source"] == "risk_phrases"
    assert "起诉" in "".join(event.data["risk_phrases"])


def test_a_grade_chosen_by_a_person_is_never_changed(staff):
    case = services.case_register(
        actor=staff["agent"], **intake(grade="general", description="孩子被烫伤，我要起诉你们。")
    )
    assert case.grade == "general"
    assert case.events.get(action=Action.REGISTER).data["grade_source"] == "person"


def test_the_policy_can_leave_unattended_grades_alone(staff):
    AssistPolicy.objects.create(raise_unset_grade=False)
    case = services.case_register(actor=staff["agent"], **intake(grade=None, description="我要起诉你们。"))
    assert case.grade == "general"


def test_the_first_assignment_records_whether_dispatch_was_followed(
    register, staff, django_capture_on_commit_callbacks
):
    case = registered(register, django_capture_on_commit_callbacks, description=CALM)
    suggested = CaseInsight.objects.get(case=case).dispatch
    assert suggested["department"] == "AS", "the leaf's default department, without history"
    services.case_assign(case=case, actor=staff["supervisor"], department="AS", handler=staff["handler"].pk)
    department = Decision.objects.get(case=case, kind=DecisionKind.DEPARTMENT)
    assert department.accepted
    assert department.actor == staff["supervisor"]
    handler = Decision.objects.get(case=case, kind=DecisionKind.HANDLER)
    assert handler.suggested == "handler" and handler.accepted
    # A later reassignment is not a decision about the intake's suggestion.
    services.case_assign(case=case, actor=staff["supervisor"], department="LOG-DELIVERY")
    assert Decision.objects.filter(case=case, kind=DecisionKind.DEPARTMENT).count() == 1
