"""The one source of "now" for services.

Services read time here so that demo data can be generated in the past and tests can pin the
clock without patching Django. Outside an override this is `django.utils.timezone.now()`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

_frozen: ContextVar[datetime | None] = ContextVar("closeloop_clock", default=None)


def now() -> datetime:
    return _frozen.get() or timezone.now()


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    if timezone.is_naive(moment):
        raise ValueError("frozen_at needs an aware datetime")
    token = _frozen.set(moment)
    try:
        yield
    finally:
        _frozen.reset(token)


def minutes_late(due: datetime, at: datetime | None = None) -> int:
    """Whole minutes `at` (default now) is past `due`; 0 when not late."""
    return max(0, int(((at or now()) - due).total_seconds() // 60))


def deadline_error(due: datetime) -> str | None:
    """Why `due` cannot be a deadline set now (no time zone, or already past), or None."""
    if timezone.is_naive(due):
        return _("Give a time zone.")
    if due <= now():
        return _("The deadline must be in the future.")
    return None
