import pytest

from closeloop.sla import calendar


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Rows a test writes are rolled back without a signal, so no test may see another's cache."""
    calendar.cache_clear()
    yield
    calendar.cache_clear()
