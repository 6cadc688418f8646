"""Texts: the logging backend keeps numbers masked, and two senders at once send each text once."""

import logging
import threading
import time
from collections import Counter

import pytest
from django.db import connection

from closeloop.core import clock
from closeloop.notify import services
from closeloop.notify.choices import Channel, DeliveryStatus, Kind
from closeloop.notify.models import Delivery
from closeloop.notify.sms import LogBackend, mask_phone
from tests.conftest import is_postgres


def test_the_log_backend_logs_a_masked_number_and_never_the_text(caplog):
    with caplog.at_level(logging.INFO, logger="closeloop.notify"):
        LogBackend().send("13812341234", "您的投诉 C20250101-0001 已受理")
    assert "SMS to 138****1234: 23 characters" in caplog.text
    assert "13812341234" not in caplog.text and "投诉" not in caplog.text


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("13812341234", "138****1234"), ("+86 138-1234-1234", "861****1234"), ("12345", "****")],
)
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked


class CountingBackend:
    """An SMS gateway that counts what it was asked to send; slow enough for senders to overlap."""

    sent: Counter = Counter()
    lock = threading.Lock()

    def send(self, phone: str, text: str) -> None:
        time.sleep(0.01)
        with self.lock:
            self.sent[phone] += 1


def test_a_text_goes_through_the_configured_backend(settings, db, register):
    settings.SMS_BACKEND = "tests.notify.test_sms.CountingBackend"
    CountingBackend.sent.clear()
    case = register(complainant={"name": "周女士", "phone": "13900001111", "preferred_channel": "sms"})
    services.notify_customer(case=case, kind=Kind.CASE_REGISTERED, context={}, key="test:sms")
    services.deliveries_send()
    assert CountingBackend.sent["13900001111"] >= 1
    assert Delivery.objects.get(key="test:sms").status == DeliveryStatus.SENT


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_send_every_text_exactly_once(settings):
    if not is_postgres():
        pytest.skip("row locks across connections are a PostgreSQL property; SQLite serialises writers")
    settings.SMS_BACKEND = "tests.notify.test_sms.CountingBackend"
    CountingBackend.sent.clear()
    now = clock.now()
    phones = [f"139{i:08d}" for i in range(20)]
    Delivery.objects.bulk_create(
        Delivery(
            channel=Channel.SMS,
            kind=Kind.CASE_REGISTERED,
            address=phone,
            subject="Your complaint is registered",
            key="test:race",
            next_attempt_at=now,
            created_at=now,
        )
        for phone in phones
    )
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def sender() -> None:
        try:
            barrier.wait(timeout=10)
            while services.deliveries_send(limit=3)["sent"]:
                pass
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert CountingBackend.sent == Counter({phone: 1 for phone in phones})
    assert Delivery.objects.filter(status=DeliveryStatus.SENT, attempts=1).count() == 20
