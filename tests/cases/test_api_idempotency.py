"""`Idempotency-Key` on intake: a retried POST returns the first case, never a second one."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from rest_framework.test import APIClient

from closeloop.cases.models import Case, IntakeKey
from closeloop.cases.tasks import intake_keys_purge_task
from closeloop.core import clock
from tests.cases.test_api_intake import body
from tests.conftest import is_postgres

URL = "/api/v1/complaints/"


def post(client, data, key):
    return client.post(URL, data, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_a_retry_with_the_same_key_returns_the_first_case(api, staff):
    client = api(staff["agent"])
    data = body()
    first = post(client, data, "call-7781-retry")
    again = post(client, data, "call-7781-retry")
    assert first.status_code == again.status_code == 201
    assert again.json()["number"] == first.json()["number"]
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert Case.objects.count() == 1


def test_the_same_key_for_another_complaint_is_a_conflict(api, staff):
    client = api(staff["agent"])
    assert post(client, body(), "k-1").status_code == 201
    refused = post(client, body(title="另一件事：快递丢件"), "k-1")
    assert refused.status_code == 409
    assert Case.objects.count() == 1


def test_keys_belong_to_their_user(api, staff):
    assert post(api(staff["agent"]), body(), "shared").status_code == 201
    assert post(api(staff["other_agent"]), body(), "shared").status_code == 201
    assert Case.objects.count() == 2


def test_a_refused_request_does_not_use_up_its_key(api, staff):
    client = api(staff["agent"])
    bad = post(client, body(title=""), "k-2")
    assert bad.status_code == 400
    good = post(client, body(), "k-2")
    assert good.status_code == 201 and "Idempotent-Replayed" not in good


def test_an_empty_or_overlong_key_is_a_400(api, staff):
    client = api(staff["agent"])
    assert post(client, body(), " ").status_code == 400
    assert post(client, body(), "x" * 201).status_code == 400
    assert Case.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_retries_register_one_case(staff):
    if not is_postgres():
        pytest.skip(
            "concurrent inserts across connections are a PostgreSQL property; SQLite serialises writers"
        )
    data = body()
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def run(i: int) -> None:
        client = APIClient()
        client.force_authenticate(staff["agent"])
        try:
            barrier.wait(timeout=10)
            results[i] = post(client, data, "same-call")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert [r.status_code for r in results] == [201, 201]
    assert results[0].json()["number"] == results[1].json()["number"]
    assert Case.objects.count() == 1


def test_keys_are_forgotten_after_the_retention_period(api, staff, settings):
    client = api(staff["agent"])
    assert post(client, body(), "old-key").status_code == 201
    assert post(client, body(title="另一件事：快递丢件"), "new-key").status_code == 201
    IntakeKey.objects.filter(key="old-key").update(
        created_at=clock.now() - timedelta(days=settings.INTAKE_KEY_RETENTION_DAYS, minutes=1)
    )

    assert intake_keys_purge_task.apply().get() == {"purged": 1}

    assert list(IntakeKey.objects.values_list("key", flat=True)) == ["new-key"]
    assert Case.objects.count() == 2  # the cases stay; only the retry memory goes
