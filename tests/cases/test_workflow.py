"""Every cell of the transition table: each action from each state, allowed or refused."""

from datetime import timedelta

import pytest

from closeloop.cases import services, workflow
from closeloop.cases.choices import Action, Status
from closeloop.cases.models import Case
from closeloop.core import clock
from closeloop.core.errors import Forbidden, TransitionNotAllowed
from tests.conftest import drive, intake

S = services


def _in_state(register, staff, state: str) -> Case:
    case = register()
    if state == Status.WITHDRAWN:
        return S.case_withdraw(case=case, actor=staff["agent"], reason="客户撤诉")
    if state == Status.MERGED:
        survivor = register(title="同一事项另一渠道来电")
        return S.case_merge(case=case, actor=staff["agent"], into=survivor.number)
    return drive(case, staff, state)


def _over_standard_plan(case, staff):
    return S.case_propose_plan(
        case=case,
        actor=staff["handler"],
        summary="超标准赔偿",
        remedies=[{"kind": "compensation", "amount": "99999"}],
    )


def _plan(case, staff):
    return S.case_propose_plan(
        case=case, actor=staff["handler"], summary="退款", remedies=[{"kind": "refund", "amount": "0"}]
    )


def _disputed(case, staff):
    return S.case_determine_responsibility(
        case=case,
        actor=staff["handler"],
        rationale="有争议",
        disputed=True,
        parties=[{"party_type": "supplier", "share": "primary"}],
    )


def _unreachable_thrice(case, staff):
    for _ in range(3):
        case = S.case_follow_up(case=case, actor=staff["agent"], method="phone", reached=False)
    return case


def _waiting(case, staff):
    return S.case_await_customer(case=case, actor=staff["admin"], reason="等客户补充发票")


# action → (prepare the guard's precondition, perform the action), both as the admin.
CALLS = {
    Action.CLASSIFY: (None, lambda c, st: S.case_classify(case=c, actor=st["admin"], grade="urgent")),
    Action.ASSIGN: (None, lambda c, st: S.case_assign(case=c, actor=st["admin"], department="AS")),
    Action.RESPOND: (None, lambda c, st: S.case_respond(case=c, actor=st["admin"], note="已联系")),
    Action.TRANSFER: (
        None,
        lambda c, st: S.case_transfer(
            case=c,
            actor=st["admin"],
            department="LOG",
            requirements="请核实物流环节",
            due_at=clock.now() + timedelta(days=2),
        ),
    ),
    Action.START: (None, lambda c, st: S.case_start(case=c, actor=st["admin"])),
    Action.PROGRESS: (None, lambda c, st: S.case_progress(case=c, actor=st["admin"], note="核实中")),
    Action.ADD_EVIDENCE: (
        None,
        lambda c, st: S.case_add_evidence(
            case=c, actor=st["admin"], kind="document", description="发票复印件"
        ),
    ),
    Action.DETERMINE_RESPONSIBILITY: (
        None,
        lambda c, st: S.case_determine_responsibility(
            case=c,
            actor=st["admin"],
            rationale="供应商出厂缺陷",
            parties=[{"party_type": "supplier", "share": "primary"}],
        ),
    ),
    Action.REVIEW_RESPONSIBILITY: (
        _disputed,
        lambda c, st: S.case_review_responsibility(case=c, actor=st["admin"], decision="upheld"),
    ),
    Action.PROPOSE_PLAN: (None, lambda c, st: _plan(c, st)),
    Action.APPROVE_PLAN: (_over_standard_plan, lambda c, st: S.case_approve_plan(case=c, actor=st["admin"])),
    Action.RECORD_NEGOTIATION: (
        _plan,
        lambda c, st: S.case_record_negotiation(
            case=c, actor=st["admin"], summary="客户同意", outcome="accepted"
        ),
    ),
    Action.RESOLVE: (_plan, lambda c, st: S.case_resolve(case=c, actor=st["admin"])),
    Action.GIVE_FEEDBACK: (
        None,
        lambda c, st: S.case_give_feedback(case=c, actor=st["admin"], content="已处理"),
    ),
    Action.FOLLOW_UP: (
        None,
        lambda c, st: S.case_follow_up(
            case=c, actor=st["admin"], method="phone", resolved=True, satisfaction=9
        ),
    ),
    Action.REOPEN: (None, lambda c, st: S.case_reopen(case=c, actor=st["admin"], reason="客户再次来电")),
    Action.EXTEND: (None, lambda c, st: S.case_extend(case=c, actor=st["admin"], reason="需第三方检测")),
    Action.AWAIT_CUSTOMER: (
        None,
        lambda c, st: S.case_await_customer(case=c, actor=st["admin"], reason="等客户补充发票"),
    ),
    Action.RESUME: (_waiting, lambda c, st: S.case_resume(case=c, actor=st["admin"], note="发票已收到")),
    Action.CLOSE: (_unreachable_thrice, lambda c, st: S.case_close(case=c, actor=st["admin"])),
    Action.ARCHIVE: (None, lambda c, st: S.case_archive(case=c, actor=st["admin"])),
    Action.WITHDRAW: (None, lambda c, st: S.case_withdraw(case=c, actor=st["admin"], reason="撤诉")),
    Action.MERGE: (
        None,
        lambda c, st: S.case_merge(
            case=c,
            actor=st["admin"],
            into=S.case_register(actor=st["agent"], **intake(title="另一渠道的同一投诉")).number,
        ),
    ),
}


def test_every_action_has_a_call():
    assert set(CALLS) == set(workflow.TABLE)


CELLS = [(action, state) for action in workflow.TABLE for state in Status]


@pytest.mark.parametrize(("action", "state"), CELLS, ids=[f"{a.value}-from-{s.value}" for a, s in CELLS])
def test_transition_cell(register, staff, action, state):
    transition = workflow.TABLE[action]
    case = _in_state(register, staff, state)
    prepare, perform = CALLS[action]
    if state in transition.sources:
        if prepare:
            case = prepare(case, staff)
        before_events = case.events.count()
        result = perform(case, staff)
        expected = transition.targets or (state,)
        assert result.status in expected
        assert result.events.count() == before_events + 1
        assert result.events.order_by("-id").first().action == action.value
    else:
        with pytest.raises(TransitionNotAllowed) as refused:
            perform(case, staff)
        assert refused.value.detail["status"] == state
        assert action.value not in refused.value.detail["allowed_actions"]
        case.refresh_from_db()
        assert case.status == state


@pytest.mark.parametrize("action", list(workflow.TABLE), ids=lambda a: a.value)
def test_auditor_may_perform_no_action(register, staff, action):
    case = register()
    with pytest.raises(Forbidden):
        workflow.check(case, frozenset({"auditor"}), action)


@pytest.mark.parametrize(
    ("action", "role"),
    [
        (action, role)
        for action, t in workflow.TABLE.items()
        for role in ["agent", "handler", "supervisor", "head", "executive", "legal"]
    ],
    ids=str,
)
def test_role_matrix_matches_table(register, staff, action, role):
    case = Case(status=next(iter(workflow.TABLE[action].sources)))
    if role in workflow.TABLE[action].roles:
        assert action.value in workflow.allowed_actions(case, frozenset({role}))
    else:
        with pytest.raises(Forbidden):
            workflow.check(case, frozenset({role}), action)
