"""Administration: endpoints get a generated secret; the outbox is read-only but can be retried."""

import pytest
from django.urls import reverse

from closeloop.notify import services
from closeloop.notify.choices import Channel, DeliveryStatus, Kind
from closeloop.notify.models import Delivery, WebhookEndpoint


@pytest.fixture
def admin_user(staff):
    user = staff["admin"]
    user.is_staff = True
    user.save()
    return user


def test_a_new_endpoint_gets_a_secret_shown_read_only(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:notify_webhookendpoint_add"),
        {"url": "https://erp.example.com/closeloop", "event_kinds": '["case.closed"]', "active": "on"},
    )
    assert response.status_code == 302, response.content[:2000]
    endpoint = WebhookEndpoint.objects.get()
    assert len(endpoint.secret) == 64 and endpoint.event_kinds == ["case.closed"]
    page = client.get(reverse("admin:notify_webhookendpoint_change", args=[endpoint.pk])).content.decode()
    assert endpoint.secret in page
    assert 'name="secret"' not in page


def test_retry_now_requeues_a_failed_delivery(client, admin_user, register):
    case = register(complainant={"name": "周女士", "phone": "13900002222", "preferred_channel": "sms"})
    delivery = services.notify_customer(case=case, kind=Kind.CASE_REGISTERED, context={}, key="test:adm")
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED, attempts=8, next_attempt_at=None
    )
    client.force_login(admin_user)
    changelist = reverse("admin:notify_delivery_changelist")
    page = client.get(changelist, {"status": "failed"}).content.decode()
    assert case.number in page and "13900002222" not in page  # no addresses in the list
    response = client.post(changelist, {"action": "retry_now", "_selected_action": [delivery.pk]})
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING and delivery.next_attempt_at is not None
    assert delivery.channel == Channel.SMS
    assert client.get(reverse("admin:notify_delivery_change", args=[delivery.pk])).status_code == 200
    assert client.get(reverse("admin:notify_notification_changelist")).status_code == 200
