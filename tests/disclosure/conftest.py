"""A closed case with a whole record (evidence, responsibility, plan, negotiation, feedback, follow-up)
and helpers that take a publication of it through the workflow."""

import tempfile
from datetime import date
from pathlib import Path

import pytest
from django.core.cache import cache
from hypothesis.configuration import set_hypothesis_home_dir

from closeloop.cases import services as case_services
from closeloop.cases.models import Case
from closeloop.cases.workflow import current_plan
from closeloop.disclosure import services
from closeloop.disclosure.models import Publication
from closeloop.org.choices import Role

# Hypothesis caches constants it finds in the source under ./.hypothesis even without an example
# database; the work tree stays clean.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "closeloop-hypothesis")

HANDLER_NAME = "李志强"
COMPLAINANT = {
    "name": "王晓燕",
    "phone": "13912345678",
    "email": "wxy1988@example.cn",
    "preferred_channel": "phone",
}
DESCRIPTION = "王晓燕反映：热水器安装后无法点火，师傅李志强上门两次未修好。联系电话13912345678。"
COMPLETE = {
    "improvement": "加强安装人员培训，上门前核对配件。",
    "improvement_deadline": date(2030, 6, 30),
    "improvement_owner": "售后服务部",
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rendered publications, view counts and rate limits live in the cache: start each test clean."""
    cache.clear()
    yield
    cache.clear()


def close_case(case: Case, staff: dict, *, texts: dict[str, str] | None = None) -> Case:
    """Handle a registered case to closure, writing `texts` (or defaults) into every record."""
    t = {
        "evidence": f"通话录音：{HANDLER_NAME}承认配件缺失。",
        "rationale": "安装配件缺失，责任在售后服务部。",
        "plan": "退货退款并致歉",
        "improvement": "完善安装前配件核对",
        "negotiation": "客户同意退款方案",
        "feedback": "已为您办理退款，款项三个工作日内到账。",
        **(texts or {}),
    }
    s = case_services
    handler = staff["handler"]
    # The administrator sees every case, whatever department its category sends it to first.
    case = s.case_assign(case=case, actor=staff["admin"], department="AS", handler=handler.pk)
    case = s.case_start(case=case, actor=handler)
    case = s.case_add_evidence(
        case=case, actor=handler, kind="recording", method="timeline", description=t["evidence"]
    )
    case = s.case_determine_responsibility(
        case=case,
        actor=handler,
        parties=[{"party_type": "department", "name": "售后服务部", "share": "primary", "percentage": 100}],
        rationale=t["rationale"],
    )
    case = s.case_propose_plan(
        case=case,
        actor=handler,
        summary=t["plan"],
        remedies=[
            {"kind": "refund", "amount": "0"},
            {"kind": "apology", "description": "书面致歉"},
            {"kind": "service_improvement", "description": t["improvement"]},
        ],
    )
    if current_plan(case).status == "awaiting_approval":  # no compensation standard for some categories
        case = s.case_approve_plan(case=case, actor=staff["admin"])
    case = s.case_record_negotiation(case=case, actor=handler, summary=t["negotiation"], outcome="accepted")
    case = s.case_resolve(case=case, actor=handler)
    case = s.case_give_feedback(case=case, actor=staff["agent"], content=t["feedback"])
    case = s.case_follow_up(case=case, actor=staff["agent"], method="phone", resolved=True, satisfaction=9)
    return s.case_close(case=case, actor=staff["agent"])


@pytest.fixture
def people(staff, make_staff):
    """The staff of `conftest.staff`, the handler with a Chinese name, and a checker from elsewhere."""
    staff["handler"].display_name = HANDLER_NAME
    staff["handler"].save(update_fields=["display_name"])
    staff["far_supervisor"] = make_staff("far_supervisor", (Role.SUPERVISOR, "LOG-DELIVERY"))
    return staff


@pytest.fixture
def closed_case(register, people) -> Case:
    case = register(
        complainant=COMPLAINANT, description=DESCRIPTION, location="浙江省杭州市西湖区文三路100号"
    )
    return close_case(case, people)


@pytest.fixture
def draft(closed_case, people) -> Publication:
    return services.publication_draft(case=closed_case, actor=people["supervisor"])


def advance(publication: Publication, staff: dict, to: str) -> Publication:
    """Take a publication forward from where it stands to state `to` ("complete": a draft with every
    element filled in) with the default cast: the supervisor edits and publishes, legal approves, the
    auditor and the department head check."""
    p = publication
    if p.status == "draft" and p.improvement_deadline is None:
        p = services.publication_edit(
            publication=p, actor=staff["supervisor"], version=p.version, changes=COMPLETE
        )
    steps = {
        "draft": lambda p: services.publication_submit(
            publication=p, actor=staff["supervisor"], version=p.version
        ),
        "legal_review": lambda p: services.publication_legal_approve(
            publication=p, actor=staff["legal"], version=p.version
        ),
        "approved": lambda p: services.publication_confirm(
            publication=p, actor=staff["auditor"], version=p.version
        ),
        "checked_once": lambda p: services.publication_confirm(
            publication=p, actor=staff["head"], version=p.version
        ),
        "ready": lambda p: services.publication_publish(
            publication=p, actor=staff["supervisor"], version=p.version
        ),
    }
    while to != "complete" and p.status != to:
        p = steps[p.status](p)
    return p


@pytest.fixture
def published(draft, people) -> Publication:
    return advance(draft, people, "published")
