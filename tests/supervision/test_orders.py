"""Supervision orders (督办单): who may issue, answer and close them, in the API and the pages."""

from datetime import timedelta

import pytest

from closeloop.cases.choices import SystemEvent
from closeloop.core import clock
from closeloop.core.errors import Forbidden, NotFound
from closeloop.notify.models import Notification
from closeloop.org.choices import Role
from closeloop.supervision import services
from closeloop.supervision.models import OrderStatus, SupervisionOrder


@pytest.fixture
def order(staff, register, django_capture_on_commit_callbacks):
    case = register()
    with django_capture_on_commit_callbacks(execute=True):
        return services.order_issue(
            case=case,
            actor=staff["head"],
            target_role=Role.SUPERVISOR,
            reason="客户多次来电催促",
            due_at=clock.now() + timedelta(hours=8),
        )


def test_a_head_issues_an_order_to_the_departments_supervisor(order, staff):
    assert order.number.startswith("DB")
    assert order.department.code == "AS"
    assert order.issued_by == staff["head"]
    assert order.case.events.filter(action=SystemEvent.ORDER_ISSUED, data__order=order.number).exists()
    assert Notification.objects.filter(recipient=staff["supervisor"], kind="escalated").exists()


def test_a_handler_may_not_issue_orders(staff, register):
    with pytest.raises(Forbidden):
        services.order_issue(
            case=register(),
            actor=staff["handler"],
            target_role=Role.SUPERVISOR,
            reason="x",
            due_at=clock.now() + timedelta(hours=1),
        )


def test_reply_then_close_by_someone_else(order, staff):
    replied = services.order_reply(order=order, actor=staff["supervisor"], reply="已督促经办人今日回复客户")
    assert replied.status == OrderStatus.REPLIED
    assert Notification.objects.filter(recipient=staff["head"], kind="supervision_order_replied").exists()
    with pytest.raises(Forbidden):
        services.order_close(order=order, actor=staff["supervisor"])
    closed = services.order_close(order=order, actor=staff["head"], note="同意")
    assert closed.status == OrderStatus.CLOSED
    actions = list(order.case.events.values_list("action", flat=True))
    assert SystemEvent.ORDER_REPLIED in actions and SystemEvent.ORDER_CLOSED in actions


def test_only_the_addressee_may_answer(order, staff, make_staff):
    elsewhere = make_staff("logistics_supervisor", (Role.SUPERVISOR, "LOG-DELIVERY"))
    with pytest.raises(Forbidden):
        services.order_reply(order=order, actor=staff["handler"], reply="我来回复")
    # A supervisor elsewhere does not even see the case: the same 404 as an unknown order.
    with pytest.raises(NotFound):
        services.order_reply(order=order, actor=elsewhere, reply="不是我的")
    order.refresh_from_db()
    assert order.status == OrderStatus.OPEN


def test_api_issue_reply_close_and_field_errors(api, staff, register):
    case = register()
    head = api(staff["head"])
    bad = head.post(
        f"/api/v1/complaints/{case.number}/supervision-orders/", {"target_role": "nobody"}, format="json"
    )
    assert bad.status_code == 400
    assert {"target_role", "reason", "due_at"} <= set(bad.json()["errors"])
    made = head.post(
        f"/api/v1/complaints/{case.number}/supervision-orders/",
        {
            "target_role": "supervisor",
            "reason": "跟进",
            "due_at": (clock.now() + timedelta(hours=4)).isoformat(),
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    number = made.json()["number"]
    assert (
        api(staff["handler"]).post(f"/api/v1/supervision-orders/{number}/reply/", {"reply": "x"}).status_code
        == 403
    )
    answered = api(staff["supervisor"]).post(
        f"/api/v1/supervision-orders/{number}/reply/", {"reply": "已处理"}
    )
    assert answered.status_code == 200 and answered.json()["status"] == "replied"
    assert head.post(f"/api/v1/supervision-orders/{number}/close/", {}).json()["status"] == "closed"
    listed = api(staff["supervisor"]).get("/api/v1/supervision-orders/", {"case": case.number}).json()
    assert [o["number"] for o in listed["results"]] == [number]


def test_orders_on_cases_out_of_scope_stay_hidden(order, api, staff, client):
    assert api(staff["other_handler"]).get("/api/v1/supervision-orders/").json()["results"] == []
    client.force_login(staff["other_handler"])
    assert client.get(f"/supervision/{order.number}/").status_code == 404


def test_pages_list_answer_and_close(order, staff, client):
    client.force_login(staff["supervisor"])
    listing = client.get("/supervision/")
    assert order.number in listing.content.decode()
    case_page = client.get(f"/cases/{order.case.number}/").content.decode()
    assert order.number in case_page and 'name="reply-reply"' in case_page
    empty = client.post(f"/supervision/{order.number}/reply/", {"reply-reply": ""})
    assert empty.status_code == 400
    done = client.post(f"/supervision/{order.number}/reply/", {"reply-reply": "已处理完毕"})
    assert done.status_code == 302
    client.force_login(staff["head"])
    closed = client.post(f"/supervision/{order.number}/close/", {"close-note": "同意"})
    assert closed.status_code == 302
    assert SupervisionOrder.objects.get(pk=order.pk).status == OrderStatus.CLOSED


def test_issue_page_validates(staff, client, register):
    case = register()
    client.force_login(staff["head"])
    assert client.get(f"/supervision/cases/{case.number}/issue/").status_code == 200
    refused = client.post(f"/supervision/cases/{case.number}/issue/", {"order-target_role": "supervisor"})
    assert refused.status_code == 400
    client.force_login(staff["handler"])
    denied = client.post(
        f"/supervision/cases/{case.number}/issue/",
        {
            "order-target_role": "supervisor",
            "order-reason": "x",
            "order-due_at": (clock.now() + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert denied.status_code == 403
    assert not SupervisionOrder.objects.filter(case=case).exists()


def test_the_order_list_costs_the_same_queries_for_one_order_or_many(staff, register, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def issue():
        services.order_issue(
            case=register(),
            actor=staff["head"],
            target_role=Role.SUPERVISOR,
            reason="跟进",
            due_at=clock.now() + timedelta(hours=8),
        )

    client.force_login(staff["supervisor"])
    issue()
    with CaptureQueriesContext(connection) as one:
        assert client.get("/supervision/?tab=open").status_code == 200
    for _ in range(4):
        issue()
    with CaptureQueriesContext(connection) as five:
        page = client.get("/supervision/?tab=open")
    assert page.content.decode().count('href="/supervision/DB') == 5
    assert len(five) == len(one)


def test_answering_an_order_reaches_webhook_subscribers(order, staff):
    from closeloop.notify.models import Delivery, WebhookEndpoint

    WebhookEndpoint.objects.create(
        url="http://127.0.0.1:9/hook", event_kinds=["case.supervision_order_replied"]
    )
    services.order_reply(order=order, actor=staff["supervisor"], reply="已处理")
    [hook] = Delivery.objects.filter(channel="webhook")
    assert hook.payload["case"] == order.case.number and hook.payload["event"] == "supervision_order_replied"
