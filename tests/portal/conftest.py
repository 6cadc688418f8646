"""Portal fixtures: an empty rate-limit cache, English pages, and cases submitted through the portal."""

from datetime import timedelta

import pytest
from django.core.cache import cache

from closeloop.cases import services as case_services
from closeloop.cases.models import Case
from closeloop.core import clock
from closeloop.org.choices import Role
from closeloop.portal.models import Tracking
from closeloop.portal.services import complaint_submit
from tests.conftest import LEAF

PHONE = "13912345678"


@pytest.fixture(autouse=True)
def _empty_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client(client):
    # English source text, so assertions do not depend on the translations made later.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def complaint(**overrides) -> dict:
    body = {
        "name": "周女士",
        "phone": PHONE,
        "email": "zhou@example.com",
        "preferred_channel": "phone",
        "category": LEAF,
        "title": "热水器到货无法启动",
        "description": "收到热水器后无法点火。",
        "occurred_at": None,
        "demand": "退货退款",
        "attachments": [],
    }
    body.update(overrides)
    return body


@pytest.fixture
def submitted(defaults) -> Tracking:
    """A complaint submitted through the portal, still registered."""
    return complaint_submit(**complaint())


@pytest.fixture
def people(make_staff) -> dict:
    """Staff with distinctive names, so a leak of any of them onto a public page is detectable."""
    made = {
        "handler": make_staff("hd_qianfeng", (Role.HANDLER, "AS")),
        "supervisor": make_staff("sv_sunmei", (Role.SUPERVISOR, "AS")),
        "head": make_staff("head_lijun", (Role.HEAD, "AS")),
        "outsider": make_staff("hd_zhaolei", (Role.HANDLER, "LOG-DELIVERY")),
    }
    for user, display in zip(made.values(), ["钱丰处理员", "孙梅主管", "李军部长", "赵雷"], strict=True):
        user.display_name = display
        user.save(update_fields=["display_name"])
    return made


def answer(case: Case, people: dict) -> Case:
    """Handle a registered case the short way up to feedback given (awaiting follow-up)."""
    s = case_services
    case = s.case_assign(case=case, actor=people["supervisor"], department="AS", handler=people["handler"])
    case = s.case_start(case=case, actor=people["handler"])
    case = s.case_propose_plan(
        case=case, actor=people["handler"], summary="退货退款", remedies=[{"kind": "refund", "amount": "0"}]
    )
    case = s.case_resolve(case=case, actor=people["handler"])
    return s.case_give_feedback(case=case, actor=people["handler"], content="已为您办理退货退款。")


@pytest.fixture
def awaiting(submitted, people) -> Case:
    return answer(submitted.case, people)


def soon(days: int = 2):
    return clock.now() + timedelta(days=days)
