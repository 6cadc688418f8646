"""The whole loop in a real browser, in Chinese and in English: a phone complaint is registered,
assigned, handled to feedback, the customer answers the survey in the portal, and it is closed."""

import re

import pytest

from closeloop.cases.models import Case
from closeloop.org.models import Department
from tests.browser.conftest import screenshot
from tests.browser.test_access import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def act(page, action: str, fields: dict[str, str] | None = None, selects: dict[str, str] | None = None):
    """Open the action's section on the case page, fill it and submit it (fields are prefixed
    with the action's name, as several action forms share one page)."""
    section = page.locator(f"details#action-{action}")
    if section.get_attribute("open") is None:
        section.locator("summary").click()
    form = section.locator("form")
    for name, value in (selects or {}).items():
        form.locator(f"[name={action}-{name}]").select_option(value)
    for name, value in (fields or {}).items():
        form.locator(f"[name={action}-{name}]").fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["zh-Hans", "en"])
def test_phone_complaint_through_the_whole_loop(page_in, staff, language):
    tag = language.lower()
    # 1. The hotline agent registers a phone complaint.
    agent = page_in(language)
    sign_in(agent, "agent")
    agent.goto("/cases/new/")
    agent.select_option("[name=channel]", "phone")
    agent.fill("[name=complainant_name]", "周女士")
    agent.fill("[name=complainant_phone]", "13800138000")
    agent.select_option("[name=category]", "PRODUCT-DEFECT-DOA")
    agent.fill("[name=title]", "热水器到货无法启动")
    agent.fill("[name=description]", "上周三收到热水器，安装后无法点火，要求退货。")
    screenshot(agent, f"intake-{tag}")
    agent.locator("form button[type=submit]").last.click()
    agent.wait_for_url(re.compile(r"/cases/TS\d{8}-\d{6}/$"))
    number = agent.url.rstrip("/").rsplit("/", 1)[1]
    assert Case.objects.get(number=number).status == "registered"

    # 2. The supervisor assigns it to after-sales and its handler.
    supervisor = page_in(language)
    sign_in(supervisor, "supervisor")
    supervisor.goto(f"/cases/{number}/")
    after_sales = str(Department.objects.get(code="AS").pk)
    act(supervisor, "assign", selects={"department": after_sales, "handler": str(staff["handler"].pk)})
    assert Case.objects.get(number=number).status == "assigned"

    # 3. The handler handles it to resolution.
    handler = page_in(language)
    sign_in(handler, "handler")
    handler.goto(f"/cases/{number}/")
    act(handler, "start")
    act(
        handler,
        "propose_plan",
        fields={"summary": "退货退款", "remedy_0_amount": "0"},
        selects={"remedy_0_kind": "refund"},
    )
    act(handler, "resolve")
    assert Case.objects.get(number=number).status == "resolved"
    screenshot(handler, f"case-resolved-{tag}")

    # 4. The agent gives feedback and creates the survey link for the customer.
    agent.goto(f"/cases/{number}/")
    act(agent, "give_feedback", fields={"content": "已为您办理退货退款。"})
    assert Case.objects.get(number=number).status == "awaiting_follow_up"
    agent.locator("form[action*='/portal/survey-link/'] button").click()
    agent.wait_for_load_state()
    link = re.search(r"/portal/survey/[^\s\"<]+/", agent.content()).group(0)

    # 5. The customer answers the survey in the portal, with no staff login.
    customer = page_in(language)
    customer.goto(link)
    assert Case.objects.get(number=number).follow_ups.count() == 0  # opening the link records nothing
    customer.check("[name=resolved][value=yes]")
    customer.fill("[name=satisfaction]", "9")
    screenshot(customer, f"portal-survey-{tag}")
    customer.locator("form button[type=submit]").click()
    customer.wait_for_load_state()
    assert Case.objects.get(number=number).follow_ups.get().satisfaction == 9

    # 6. The agent closes the case.
    agent.goto(f"/cases/{number}/")
    act(agent, "close")
    case = Case.objects.get(number=number)
    assert case.status == "closed"
    assert [e.action for e in case.events.order_by("id")] == [
        "register",
        "assign",
        "start",
        "propose_plan",
        "resolve",
        "give_feedback",
        "follow_up",
        "close",
    ]
    screenshot(agent, f"case-closed-{tag}")


def test_handler_cannot_open_another_departments_case(page_in, staff, register):
    case = register()  # lead department: after-sales
    page = page_in("en")
    sign_in(page, "other_handler")
    response = page.goto(f"/cases/{case.number}/")
    assert response.status == 404
    assert case.title not in page.content()
