"""Database upkeep that differs by vendor."""

from django.db import connection


def statistics_refresh() -> bool:
    """Refresh the query planner's statistics; True when this database needed it done.

    PostgreSQL's autovacuum keeps its statistics current. SQLite has none until ANALYZE runs, and
    without them it plans a workbench page as a sort of every case (0.35 s at 100,000 cases)
    instead of a walk down the registration index (a few milliseconds). The analysis reads whole
    indexes (0.3 s at 100,000 cases): SQLite's sampled analysis (`analysis_limit`) misjudged the
    department scope by 30 times and brought the sort back.
    """
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return True


def commit_unflushed() -> None:
    """Let the current transaction commit without waiting for its write-ahead log to reach disk
    (PostgreSQL's `synchronous_commit = off`, for this transaction only; SQLite: nothing).

    For work that a crash may lose because it is redone, or because the next ordinary commit makes
    it durable anyway: the commit's flush is the wait that queues every writer behind the disk.
    Only the outermost transaction's commit counts: inside another one this does nothing, and that
    one's commit waits as it would have."""
    if connection.vendor != "postgresql" or len(connection.atomic_blocks) != 1:
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
