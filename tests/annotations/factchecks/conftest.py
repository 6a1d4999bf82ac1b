import pytest

from annotations.matching.index import shared_index


@pytest.fixture(autouse=True)
def fresh_matching_index():
    """Each test sees only its own documents (the in-memory copy outlives a rolled-back test)."""
    shared_index.reset()
    yield
    shared_index.reset()
