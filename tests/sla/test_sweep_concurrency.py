"""Two sweeps at once on PostgreSQL: every step fires once, every notice is sent once."""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from closeloop.cases import services
from closeloop.cases.choices import SystemEvent
from closeloop.cases.models import Event
from closeloop.core import clock
from closeloop.notify.models import Notification
from closeloop.sla.models import SlaStep
from closeloop.sla.services import sla_sweep
from closeloop.supervision.models import SupervisionOrder
from tests.conftest import at, is_postgres

pytestmark = pytest.mark.django_db(transaction=True)

TUESDAY = at("2026-03-10T10:00:00+08:00")
CASES = 20


def test_two_concurrent_sweeps_never_double_escalate(staff, register):
    if not is_postgres():
        pytest.skip("SKIP LOCKED across connections is a PostgreSQL property; SQLite serialises writers")
    with clock.frozen_at(TUESDAY):
        cases = [
            services.case_assign(
                case=register(), actor=staff["supervisor"], department="AS", handler="handler"
            )
            for _ in range(CASES)
        ]
    moment = cases[0].resolution_due_at + timedelta(hours=49)
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            with clock.frozen_at(moment):
                results[i] = sla_sweep(batch=3)
        except Exception as exc:  # surfaced by the assertion below
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert not any(isinstance(r, Exception) for r in results), results
    # Between them the two sweeps looked at every case, and no case twice.
    assert sum(r.cases for r in results) == CASES
    assert SupervisionOrder.objects.filter(target_role="supervisor").count() == CASES
    assert Event.objects.filter(action=SystemEvent.SLA_ESCALATED).count() == CASES
    assert Event.objects.filter(action=SystemEvent.SLA_BREACHED, data__deadline="resolution").count() == CASES
    keys = list(SlaStep.objects.values_list("case_id", "rule_id", "due_at"))
    assert len(keys) == len(set(keys))
    breach_notes = Notification.objects.filter(kind="sla_breached")
    assert breach_notes.count() == len(set(breach_notes.values_list("recipient_id", "key")))
    # A third pass finds nothing left to do.
    with clock.frozen_at(moment):
        assert sla_sweep().escalations == 0
