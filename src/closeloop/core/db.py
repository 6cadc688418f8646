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
