"""Customer messages: the preferred reply channel decides the outgoing channel, or that none is sent."""

import logging
from datetime import timedelta

import pytest

from closeloop.cases.models import Case
from closeloop.core import clock
from closeloop.notify import services
from closeloop.notify.choices import CUSTOMER_KINDS, Channel, DeliveryStatus, Kind
from closeloop.notify.models import Delivery, Notification

PHONE = "13912345678"
EMAIL = "zhou@example.com"


@pytest.fixture
def make_case(register):
    def make(preferred: str, **complainant) -> Case:
        details = {"name": "周女士", "phone": PHONE, "email": EMAIL, "preferred_channel": preferred}
        details.update(complainant)
        case = register(complainant=details)
        case.customer.language = "en"
        case.customer.address = "上海市浦东新区世纪大道100号"
        case.customer.save()
        return case

    return make


# preferred reply channel → (outgoing channel, address) or None when nothing is sent.
ROUTES = {
    "email": (Channel.EMAIL, EMAIL),
    "sms": (Channel.SMS, PHONE),
    "phone": (Channel.SMS, PHONE),  # a text notice; the calls are made by staff
    "letter": (Channel.LETTER, "上海市浦东新区世纪大道100号"),
    "app": None,
    "wechat": None,
    "web": None,
}


@pytest.mark.parametrize(("preferred", "expected"), ROUTES.items())
def test_the_preferred_channel_decides_how_the_customer_is_told(make_case, preferred, expected):
    case = make_case(preferred)
    delivery = services.notify_customer(case=case, kind=Kind.CASE_REGISTERED, context={}, key="test:reg")
    if expected is None:
        assert delivery is None
        assert not Delivery.objects.filter(key="test:reg").exists()
        return
    assert (delivery.channel, delivery.address) == expected
    assert delivery.status == DeliveryStatus.PENDING
    assert case.number in delivery.subject
    assert delivery.language == "en"


def test_email_falls_back_to_the_customer_record(make_case):
    case = make_case("email")
    Case.objects.filter(pk=case.pk).update(complainant_email="")
    case.refresh_from_db()
    case.customer.email = "record@example.com"
    case.customer.save()
    delivery = services.notify_customer(case=case, kind=Kind.CASE_REGISTERED, context={}, key="test:fb")
    assert delivery.address == "record@example.com"


def test_no_address_sends_nothing_and_logs_no_personal_data(make_case, caplog):
    case = make_case("email")
    Case.objects.filter(pk=case.pk).update(complainant_email="")
    case.refresh_from_db()
    case.customer.email = ""
    case.customer.save()
    with caplog.at_level(logging.WARNING, logger="closeloop.notify"):
        assert services.notify_customer(case=case, kind=Kind.CASE_REGISTERED, context={}, key="t:x") is None
    assert case.number in caplog.text
    assert "周" not in caplog.text and PHONE not in caplog.text
    assert not Delivery.objects.filter(key="t:x").exists()


def test_a_letter_waits_for_the_first_contact_owner_to_post_it(make_case, staff):
    case = make_case("letter")
    delivery = services.notify_customer(
        case=case,
        kind=Kind.FEEDBACK_GIVEN,
        context={"content": "全额退款 2399 元", "basis": "消费者权益保护法第二十四条"},
        key="test:letter",
    )
    assert (delivery.channel, delivery.status, delivery.next_attempt_at) == (
        Channel.LETTER,
        DeliveryStatus.PENDING,
        None,
    )
    assert "全额退款 2399 元" in delivery.body and "消费者权益保护法第二十四条" in delivery.body
    task = Notification.objects.get(recipient=case.first_contact_owner, key="letter:test:letter")
    assert task.kind == Kind.FEEDBACK_GIVEN and case.number in task.subject
    assert "全额退款 2399 元" in task.body  # the text to print
    services.deliveries_send()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 0  # never sent by machine


def test_the_same_key_queues_one_message(make_case):
    case = make_case("sms")
    first = services.notify_customer(case=case, kind=Kind.CASE_REGISTERED, context={}, key="test:once")
    again = services.notify_customer(case=case, kind=Kind.CASE_REGISTERED, context={}, key="test:once")
    assert first.pk == again.pk
    assert Delivery.objects.filter(key="test:once").count() == 1


def test_the_customers_language_is_used(make_case):
    case = make_case("email")
    case.customer.language = "zh-hans"
    case.customer.save()
    delivery = services.notify_customer(case=case, kind=Kind.CASE_REGISTERED, context={}, key="test:zh")
    assert delivery.language == "zh-hans"
    assert case.number in delivery.subject


CUSTOMER_CONTEXT = {
    Kind.CASE_REGISTERED: ({"tracking_code": "K7Q2M9"}, ["K7Q2M9"]),
    Kind.CASE_EXTENDED: (
        {"reason": "需要厂家检测", "due_at": clock.now() + timedelta(days=10)},
        ["需要厂家检测"],
    ),
    Kind.FEEDBACK_GIVEN: (
        {"content": "同意退货退款", "basis": "七日无理由退货"},
        ["同意退货退款", "七日无理由退货"],
    ),
    Kind.FOLLOW_UP_INVITATION: (
        {"survey_url": "/portal/survey/abc/"},
        ["https://closeloop.example.org/portal/survey/abc/"],
    ),
}


@pytest.mark.parametrize("kind", sorted(CUSTOMER_KINDS))
def test_every_customer_kind_carries_its_content(settings, make_case, kind):
    settings.SITE_URL = "https://closeloop.example.org"
    context, expected = CUSTOMER_CONTEXT[kind]
    delivery = services.notify_customer(case=make_case("email"), kind=kind, context=context, key=f"t:{kind}")
    for text in expected:
        assert text in delivery.body, delivery.body
    assert "{{" not in delivery.body and "\n" not in delivery.subject


def test_an_extension_without_details_tells_the_cases_own_deadline_and_reason(make_case):
    case = make_case("email")
    Case.objects.filter(pk=case.pk).update(extension_reason="等待第三方检测报告")
    case.refresh_from_db()
    delivery = services.notify_customer(case=case, kind=Kind.CASE_EXTENDED, context={}, key="test:ext")
    assert "等待第三方检测报告" in delivery.body


def test_with_a_broker_one_send_pass_covers_a_burst_of_messages(
    make_case, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(services, "_next_kick", 0.0)

    with django_capture_on_commit_callbacks() as burst:
        make_case("sms")
        make_case("sms", phone="13900000001")
        make_case("email", email="li@example.com")
    monkeypatch.setattr(services, "_next_kick", 0.0)  # the window has passed
    with django_capture_on_commit_callbacks() as later:
        make_case("sms", phone="13900000002")

    assert Delivery.objects.filter(status=DeliveryStatus.PENDING).count() == 4
    assert [c for c in burst if c is services._kick] == [services._kick]
    assert [c for c in later if c is services._kick] == [services._kick]


def test_without_a_broker_every_commit_starts_a_send_pass(make_case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_case("sms")
        make_case("sms", phone="13900000001")

    assert [c for c in callbacks if c is services._kick] == [services._kick, services._kick]
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 2
