"""Configuration read on hot paths (every case action, every row of a sweep) and rarely changed."""

import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Expiring(Generic[T]):
    """A value loaded on first use and kept in this process for at most `seconds`.

    `clear()` drops it at once; apps call it from post_save/post_delete so a change made here
    counts immediately, and other processes reload within `seconds`.
    """

    def __init__(self, load: Callable[[], T], seconds: float = 60.0) -> None:
        self._load = load
        self._seconds = seconds
        self._hit: tuple[float, T] | None = None

    def get(self) -> T:
        if self._hit is None or time.monotonic() - self._hit[0] > self._seconds:
            self._hit = (time.monotonic(), self._load())
        return self._hit[1]

    def clear(self) -> None:
        self._hit = None
