"""Planner statistics: SQLite has none until the daily job analyses; PostgreSQL's autovacuum keeps its own."""

import pytest
from django.db import connection

from closeloop.core.tasks import statistics_refresh_task
from tests.conftest import is_postgres

pytestmark = pytest.mark.django_db


def sqlite_statistics(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone()[0]:
            return 0
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
        return cursor.fetchone()[0]


def test_the_daily_job_gives_sqlite_statistics_for_the_case_table(register):
    register()
    if is_postgres():
        assert statistics_refresh_task.apply().get() == {"analysed": 0}
        return
    if sqlite_statistics("cases_case"):
        # An earlier test (a demo load) may have analysed already; start from none.
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sqlite_stat1")
    assert sqlite_statistics("cases_case") == 0
    assert statistics_refresh_task.apply().get() == {"analysed": 1}
    # One row per index: the planner can now tell a selective index from a broad one.
    assert sqlite_statistics("cases_case") >= 10
