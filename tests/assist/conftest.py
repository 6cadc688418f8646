import pytest

from closeloop.assist import dispatch
from closeloop.nlp import selectors


@pytest.fixture(autouse=True)
def _fresh_assist_caches():
    """Models and dispatch history are kept per process; a test's rolled-back rows must not linger."""
    selectors.cache_clear(loaded=True)
    dispatch.history.clear()
    yield
    selectors.cache_clear(loaded=True)
    dispatch.history.clear()
