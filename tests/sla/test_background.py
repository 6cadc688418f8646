"""Background jobs: a real Celery worker on Redis, and the in-process runner of the embedded default."""

import os
from datetime import timedelta

import pytest
import redis
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command

from closeloop.celery import app as project_app
from closeloop.core import clock
from closeloop.notify.tasks import deliveries_send_task
from closeloop.sla.tasks import sla_sweep_task
from closeloop.supervision.models import SupervisionOrder

pytestmark = pytest.mark.django_db(transaction=True)

BROKER = os.environ.get("CELERY_TEST_BROKER", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_app():
    """A Celery app on Redis with a worker thread; the project's tasks are shared with it.

    A fresh app rather than the project's, whose connection pools may already be bound to the
    embedded default's eager configuration by earlier tests.
    """
    try:
        redis.Redis.from_url(BROKER, socket_connect_timeout=3).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {BROKER}, and CI must test the worker on it.")
        pytest.skip(f"Redis is not reachable at {BROKER}")
    app = Celery("closeloop-test")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(broker_url=BROKER, result_backend=BROKER, task_always_eager=False)
    app.set_current()
    assert {sla_sweep_task.name, deliveries_send_task.name} <= set(app.tasks)
    # Messages a crashed run or a benchmark left in this database would run against the test's.
    app.control.purge()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield app
    finally:
        project_app.set_current()
        app.close()


@pytest.fixture
def long_overdue(staff, register):
    """A complaint that reached us ten days ago and was only now registered: every clock has run out."""
    return register(contacted_at=clock.now() - timedelta(days=10))


def test_a_celery_worker_on_redis_runs_the_sweep(redis_app, long_overdue):
    sweep = redis_app.tasks[sla_sweep_task.name]
    result = sweep.delay().get(timeout=60)
    assert result["cases"] == 1
    assert result["escalations"] >= 2  # 48 h → supervisor, 72 h → department head
    roles = set(SupervisionOrder.objects.filter(case=long_overdue).values_list("target_role", flat=True))
    assert roles == {"supervisor", "head"}
    # The same task again, through the broker, escalates nothing twice.
    assert sweep.delay().get(timeout=60)["escalations"] == 0


def test_the_in_process_runner_runs_the_same_schedule(long_overdue, capsys):
    call_command("jobs", "--once")
    assert SupervisionOrder.objects.filter(case=long_overdue).count() == 2
    assert "sla-sweep" in capsys.readouterr().out
