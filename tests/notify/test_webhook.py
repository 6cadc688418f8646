"""Webhooks to a real HTTP receiver on loopback: signed, retried on failure, one per endpoint."""

import json
from datetime import timedelta

from closeloop.core import clock
from closeloop.notify import services
from closeloop.notify.choices import DeliveryStatus
from closeloop.notify.models import Delivery, WebhookEndpoint
from tests.notify.conftest import payload_of

PAYLOAD = {"case": "C20250101-0001", "status": "resolved", "title": "热水器无法启动", "amount": 2399}


def test_a_failed_post_is_retried_and_the_receiver_can_verify_the_signature(db, receiver):
    endpoint = WebhookEndpoint.objects.create(url=receiver.url)
    assert len(endpoint.secret) == 64  # 32 random bytes, hex
    receiver.statuses.append(500)
    t0 = clock.now()
    with clock.frozen_at(t0):
        assert services.webhook_emit(kind="case.resolved", payload=PAYLOAD, key="test:hook") == 1
        assert services.deliveries_send() == {"sent": 0, "retry": 1, "failed": 0}
    delivery = Delivery.objects.get(key="test:hook")
    assert (delivery.status, delivery.attempts, delivery.last_error) == (
        DeliveryStatus.PENDING,
        1,
        "HTTPError: HTTP 500",
    )
    with clock.frozen_at(t0 + timedelta(minutes=1)):
        assert services.deliveries_send() == {"sent": 1, "retry": 0, "failed": 0}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT

    assert len(receiver.requests) == 2
    request = receiver.requests[-1]
    headers = request["headers"]
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Closeloop-Event"] == "case.resolved"
    assert headers["X-Closeloop-Delivery"] == str(delivery.pk)
    assert payload_of(request) == PAYLOAD
    assert request["body"] == json.dumps(PAYLOAD, ensure_ascii=False, sort_keys=True).encode()
    timestamp, signature = headers["X-Closeloop-Timestamp"], headers["X-Closeloop-Signature"]
    assert signature.startswith("sha256=")
    assert services.verify_signature(endpoint.secret, timestamp, request["body"], signature)
    assert not services.verify_signature("0" * 64, timestamp, request["body"], signature)
    assert not services.verify_signature(endpoint.secret, int(timestamp) + 1, request["body"], signature)
    tampered = request["body"].replace(b"2399", b"9999")
    assert not services.verify_signature(endpoint.secret, timestamp, tampered, signature)


def test_only_active_subscribed_endpoints_get_the_event_once_per_key(db, receiver):
    everything = WebhookEndpoint.objects.create(url=receiver.url)
    WebhookEndpoint.objects.create(url=receiver.url + "/closed-only", event_kinds=["case.closed"])
    WebhookEndpoint.objects.create(url=receiver.url + "/off", active=False)
    assert services.webhook_emit(kind="case.resolved", payload=PAYLOAD, key="test:k") == 1
    assert services.webhook_emit(kind="case.resolved", payload=PAYLOAD, key="test:k") == 0
    assert list(Delivery.objects.filter(key="test:k").values_list("endpoint", flat=True)) == [everything.pk]
    services.deliveries_send()
    assert [r["path"] for r in receiver.requests] == ["/hook"]


def test_an_unreachable_receiver_is_a_retry_not_a_crash(db, receiver):
    WebhookEndpoint.objects.create(url="http://127.0.0.1:9/nothing-listens-here")
    services.webhook_emit(kind="case.resolved", payload=PAYLOAD, key="test:unreachable")
    assert services.deliveries_send()["retry"] == 1
    delivery = Delivery.objects.get(key="test:unreachable")
    assert delivery.last_error.startswith("URLError: ConnectionRefusedError")


def test_a_redirect_is_not_taken_as_delivered(db, receiver):
    WebhookEndpoint.objects.create(url=receiver.url)
    receiver.statuses.append(302)
    services.webhook_emit(kind="case.resolved", payload=PAYLOAD, key="test:redirect")
    assert services.deliveries_send() == {"sent": 0, "retry": 1, "failed": 0}


def test_every_case_event_goes_to_subscribed_endpoints_without_personal_data(register, staff):
    from closeloop.cases import services as case_services
    from closeloop.notify.models import Delivery, WebhookEndpoint

    WebhookEndpoint.objects.create(url="http://127.0.0.1:9/hook", event_kinds=["case.assign"])
    case = register()
    case_services.case_assign(case=case, actor=staff["supervisor"], department="AS")
    [hook] = Delivery.objects.filter(channel="webhook")
    assert hook.kind == "case.assign"
    assert hook.payload["case"] == case.number and hook.payload["to_status"] == "assigned"
    text = str(hook.payload)
    assert case.complainant_name not in text and case.complainant_phone not in text
