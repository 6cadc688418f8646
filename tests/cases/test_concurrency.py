"""Two people acting on one case at the same moment: one wins, the other gets a conflict."""

import threading

import pytest
from django.db import connection

from closeloop.cases import services
from closeloop.cases.models import Case
from closeloop.core.errors import Conflict
from tests.conftest import drive, is_postgres

pytestmark = pytest.mark.django_db(transaction=True)


def _race(*calls):
    """Run the calls in threads released together; each thread has its own connection."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=10)
            outcomes[i] = call()
        except Exception as exc:
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


@pytest.fixture
def assigned(staff, register):
    if not is_postgres():
        pytest.skip("row locks across connections are a PostgreSQL property; SQLite serialises writers")
    return drive(register(), staff, "assigned")


def test_two_starts_at_once_one_wins(staff, assigned):
    outcomes = _race(
        lambda: services.case_start(case=assigned, actor=staff["handler"]),
        lambda: services.case_start(case=assigned, actor=staff["supervisor"]),
    )
    wins = [o for o in outcomes if isinstance(o, Case)]
    conflicts = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(wins) == 1 and len(conflicts) == 1, outcomes
    case = Case.objects.get(pk=assigned.pk)
    assert case.status == "in_progress"
    assert case.events.filter(action="start").count() == 1


def test_two_edits_with_the_same_version_never_lose_an_update(staff, assigned):
    version = assigned.version
    outcomes = _race(
        lambda: services.case_classify(
            case=assigned, actor=staff["handler"], grade="urgent", version=version
        ),
        lambda: services.case_classify(
            case=assigned, actor=staff["supervisor"], grade="major", version=version
        ),
    )
    wins = [o for o in outcomes if isinstance(o, Case)]
    assert len(wins) == 1, outcomes
    assert isinstance(next(o for o in outcomes if not isinstance(o, Case)), Conflict)
    case = Case.objects.get(pk=assigned.pk)
    assert case.grade == wins[0].grade
    assert case.version == version + 1
    assert case.events.filter(action="classify").count() == 1


def test_concurrent_registrations_get_distinct_numbers(staff, register):
    if not is_postgres():
        pytest.skip("needs concurrent connections")
    outcomes = _race(*[lambda: register() for _ in range(6)])
    assert all(isinstance(o, Case) for o in outcomes), outcomes
    assert len({o.number for o in outcomes}) == 6
