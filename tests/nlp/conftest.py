import pytest

from closeloop.nlp import selectors


@pytest.fixture(autouse=True)
def _fresh_assist_cache():
    """Tests roll back the models they train: no process-wide memory of a version may outlive one."""
    selectors.cache_clear(loaded=True)
    yield
    selectors.cache_clear(loaded=True)
