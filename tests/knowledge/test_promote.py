"""A closed case becomes a draft handling-experience article: the matter and its outcome, never
the person; the case's audit trail records the promotion."""

import pytest

from closeloop.cases import services as case_services
from closeloop.cases.models import Case
from closeloop.core.errors import Conflict, Forbidden, NotFound
from closeloop.knowledge import services
from closeloop.knowledge.choices import CASE_PROMOTED_EVENT
from tests.conftest import drive

DESCRIPTION = (
    "我是周晓梅，电话13800138000，家里座机021-64881234，住在上海市徐汇区幸福路8号。上周三收到热水器"
    "（订单号SO20261123-8841），安装后无法点火，客服一直推脱。周晓梅要求退货退款，邮箱 zhou@example.com，"
    "身份证110101199003071234。"
)
COMPLAINANT = {
    "name": "周晓梅",
    "phone": "13800138000",
    "email": "zhou@example.com",
    "preferred_channel": "phone",
}


def closed_case(register, staff) -> Case:
    """A case handled to the end: determination, a plan with its legal basis, feedback, follow-up."""
    s = case_services
    case = drive(
        register(
            description=DESCRIPTION,
            complainant=COMPLAINANT,
            location="上海市徐汇区幸福路8号",
            order_ref="SO20261123-8841",
        ),
        staff,
        "in_progress",
    )
    case = s.case_determine_responsibility(
        case=case,
        actor=staff["handler"],
        parties=[
            {"party_type": "supplier", "name": "华热电器有限公司", "share": "primary", "percentage": 70},
            {"party_type": "employee", "name": "王小明", "share": "secondary", "percentage": 30},
        ],
        rationale="点火器批次缺陷，客服王小明未按首问负责制跟进。",
    )
    case = s.case_propose_plan(
        case=case,
        actor=staff["handler"],
        summary="七日内质量问题，办理退货退款并致歉",
        remedies=[
            {"kind": "refund", "amount": "0", "description": "全额退款"},
            {"kind": "apology", "description": "书面致歉"},
        ],
        legal_basis="《消费者权益保护法》第二十四条",
    )
    case = s.case_resolve(case=case, actor=staff["handler"])
    case = s.case_give_feedback(
        case=case,
        actor=staff["agent"],
        content="周晓梅女士您好，退款已原路退回。",
        basis="《消费者权益保护法》第二十四条",
    )
    case = s.case_follow_up(
        case=case,
        actor=staff["agent"],
        method="phone",
        resolved=True,
        satisfaction=9,
        comment="满意，请改进客服",
    )
    return s.case_close(case=case, actor=staff["agent"])


def test_a_closed_case_becomes_a_draft_with_plan_legal_basis_and_satisfaction(register, staff):
    case = closed_case(register, staff)

    article = services.case_promote(case=case, actor=staff["supervisor"])

    assert (article.kind, article.status, article.version) == ("handling_guide", "draft", 1)
    assert article.source_case == case and article.category == case.category
    assert article.legal_basis == "《消费者权益保护法》第二十四条"
    assert article.title == "Handling experience: 新买的热水器到货无法启动"
    body = article.body
    for expected in [
        "安装后无法点火",  # the complaint
        "Supplier · 华热电器有限公司 · Primary · 70%",  # the determination, an organisation named
        "点火器批次缺陷",
        "七日内质量问题，办理退货退款并致歉",  # the plan and its remedies
        "Refund · 全额退款",
        "Apology · 书面致歉",
        "Legal basis: 《消费者权益保护法》第二十四条",
        "退款已原路退回",  # the feedback
        "solved · satisfaction 9/10",
        f"Promoted from case {case.number}.",
    ]:
        assert expected in body, expected
    for personal in [
        "周晓梅",
        "13800138000",
        "64881234",
        "zhou@example.com",
        "110101199003071234",
        "幸福路",
        "SO20261123-8841",
        "王小明",
    ]:
        assert personal not in body and personal not in article.title, personal
    # As a public notice shows them (seed 003): the surname with a title, masked numbers.
    assert "周女士您好" in body and "138****8000" in body and "退款已原路退回" in body
    assert "上海市徐汇区***" in body  # the address down to its district
    assert article.versions.get().note == f"Promoted from case {case.number}."


def test_promotion_is_recorded_on_the_case(register, staff):
    case = closed_case(register, staff)
    version = case.version

    article = services.case_promote(case=case, actor=staff["head"], kind="reply_template")

    event = case.events.latest("id")
    assert (event.action, event.actor, event.from_status, event.to_status) == (
        CASE_PROMOTED_EVENT,
        staff["head"],
        "closed",
        "closed",
    )
    assert event.data["article"] == article.pk and article.kind == "reply_template"
    case.refresh_from_db()
    assert case.version == version  # the case itself did not change


def test_an_archived_case_may_be_promoted_once(register, staff):
    case = drive(register(), staff, "archived")
    first = services.case_promote(case=case, actor=staff["admin"])
    with pytest.raises(Conflict) as error:
        services.case_promote(case=case, actor=staff["admin"])
    assert error.value.detail == {"article": first.pk}


@pytest.mark.parametrize("status", ["registered", "in_progress", "awaiting_follow_up"])
def test_an_open_case_is_not_promoted(register, staff, status):
    case = drive(register(), staff, status)
    with pytest.raises(Conflict):
        services.case_promote(case=case, actor=staff["supervisor"])
    assert not case.knowledge_articles.exists()
    assert not case.events.filter(action=CASE_PROMOTED_EVENT).exists()


@pytest.mark.parametrize("role", ["handler", "agent", "legal", "executive", "auditor"])
def test_only_supervisors_heads_and_admins_promote(register, staff, role):
    case = drive(register(), staff, "closed")
    with pytest.raises(Forbidden):
        services.case_promote(case=case, actor=staff[role])


def test_a_case_out_of_the_promoters_scope_is_not_found(register, staff, make_staff):
    case = drive(register(), staff, "closed")
    outsider = make_staff("log_supervisor", ("supervisor", "LOG"))
    with pytest.raises(NotFound):
        services.case_promote(case=case, actor=outsider)
