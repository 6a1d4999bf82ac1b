import pytest

from annotations.matching.index import shared_index


@pytest.fixture(autouse=True)
def fresh_matching_index(settings, tmp_path):
    """Each test sees only its own documents (the in-memory copy outlives a rolled-back test) and
    builds its snapshots, if any, in a folder of its own."""
    settings.VERIFY_MATCH_INDEX_DIR = tmp_path / "match-index"
    shared_index.reset()
    yield
    shared_index.reset()
