"""E-mail through a real SMTP server on loopback: delivered, retried with backoff, never twice."""

from datetime import timedelta

import pytest

from closeloop.core import clock
from closeloop.notify import services
from closeloop.notify.choices import Channel, DeliveryStatus, Kind
from closeloop.notify.models import Delivery


@pytest.fixture
def emailing_case(register):
    case = register(
        complainant={
            "name": "周女士",
            "phone": "13800138000",
            "email": "zhou@example.com",
            "preferred_channel": "email",
        }
    )
    case.customer.language = "en"
    case.customer.save()
    # Registration queues its own acknowledgement; these tests start from an empty outbox.
    Delivery.objects.filter(case=case).delete()
    return case


def _only(mailbox, address: str):
    mails = [m for m in mailbox.messages if m["to"] == [address]]
    assert len(mails) == 1, [m["to"] for m in mailbox.messages]
    return mails[0]["message"]


def test_the_customer_gets_an_english_email_after_commit(
    mailbox, emailing_case, django_capture_on_commit_callbacks
):
    mailbox.start()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        delivery = services.notify_customer(
            case=emailing_case,
            kind=Kind.FEEDBACK_GIVEN,
            context={"content": "We refund 2,399 yuan.", "basis": "Consumer Rights Law, art. 24"},
            key="test:feedback",
        )
    assert callbacks, "sending is scheduled after commit"
    message = _only(mailbox, "zhou@example.com")
    assert message["Subject"] == delivery.subject
    assert emailing_case.number in message["Subject"] and "answer" in message["Subject"]
    body = message.get_content()
    assert "We refund 2,399 yuan." in body and "Basis of the decision: Consumer Rights Law, art. 24" in body
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.SENT, 1, "")
    assert delivery.sent_at is not None


def test_a_chinese_customer_gets_the_message_rendered_in_chinese(mailbox, emailing_case):
    emailing_case.customer.language = "zh-hans"
    emailing_case.customer.save()
    mailbox.start()
    delivery = services.notify_customer(
        case=emailing_case,
        kind=Kind.FEEDBACK_GIVEN,
        context={"content": "同意全额退款", "basis": "七日无理由退货"},
        key="test:zh",
    )
    assert delivery.language == "zh-hans"
    services.deliveries_send()
    message = _only(mailbox, "zhou@example.com")
    assert emailing_case.number in message["Subject"]
    body = message.get_content()
    assert "同意全额退款" in body and "七日无理由退货" in body  # UTF-8 survives the trip


def test_a_down_server_is_retried_with_backoff_then_delivered(mailbox, emailing_case):
    t0 = clock.now()
    with clock.frozen_at(t0):
        delivery = services.notify_customer(
            case=emailing_case, kind=Kind.CASE_REGISTERED, context={}, key="test:down"
        )
        counts = services.deliveries_send()
    assert counts["retry"] >= 1 and counts["sent"] == 0
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 1)
    assert delivery.next_attempt_at == t0 + timedelta(minutes=1)
    assert delivery.last_error.startswith("ConnectionRefusedError")
    assert "zhou@example.com" not in delivery.last_error

    mailbox.start()
    with clock.frozen_at(t0 + timedelta(seconds=30)):
        services.deliveries_send()  # not due yet
    assert mailbox.messages == []
    with clock.frozen_at(t0 + timedelta(minutes=1, seconds=1)):
        services.deliveries_send()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 2)
    assert _only(mailbox, "zhou@example.com")["Subject"] == delivery.subject

    with clock.frozen_at(t0 + timedelta(hours=1)):
        services.deliveries_send()
    assert len(mailbox.messages) == 1  # sent rows are never sent again


@pytest.mark.parametrize(
    ("attempts", "delay"),
    [
        (1, timedelta(minutes=1)),
        (2, timedelta(minutes=2)),
        (4, timedelta(minutes=8)),
        (12, timedelta(hours=6)),
        (80, timedelta(hours=6)),  # an endpoint retried by hand for months
    ],
)
def test_backoff_doubles_and_is_capped_at_six_hours(attempts, delay):
    assert services.retry_delay(attempts) == delay


def test_after_the_last_attempt_the_delivery_fails(settings, mailbox, emailing_case):
    settings.NOTIFY_MAX_ATTEMPTS = 2
    t0 = clock.now()
    with clock.frozen_at(t0):
        delivery = services.notify_customer(
            case=emailing_case, kind=Kind.CASE_REGISTERED, context={}, key="test:fail"
        )
        services.deliveries_send()
    with clock.frozen_at(t0 + timedelta(minutes=2)):
        counts = services.deliveries_send()
    assert counts["failed"] >= 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (DeliveryStatus.FAILED, 2, None)

    mailbox.start()
    assert services.deliveries_retry(ids=[delivery.pk]) == 1  # the admin's "retry now"
    services.deliveries_send()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert len(mailbox.messages) == 1


def test_staff_email_goes_through_the_same_outbox(mailbox, register, staff):
    handler = staff["handler"]
    handler.email = "handler@example.com"
    handler.language = "en"
    handler.save()
    mailbox.start()
    services.notify_staff(
        recipients=[handler], kind=Kind.CASE_ASSIGNED, case=register(), context={}, key="test:staff-mail"
    )
    services.deliveries_send()
    message = _only(mailbox, "handler@example.com")
    assert message["Subject"] == Delivery.objects.get(channel=Channel.EMAIL, key="test:staff-mail").subject
    assert "/cases/" in message.get_content()
