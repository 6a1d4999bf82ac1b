"""The process-wide index over this machine's snapshot: build from the table, delta sync, tombstones,
noticing a new snapshot, one build per machine, and when a rebuild is due."""
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from annotations.matching import services, snapshots
from annotations.matching.index import shared_index
from annotations.matching.models import MatchDocument
from tests.factories import ArticleFactory, ClaimFactory
from workers.matching_tasks import match_index_rebuild

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lexical_only")]

TROOPS = "As many as 11,000 North Korean troops could be stationed in the region."
MAYOR = "The mayor denied that schools would close next week."


@pytest.fixture
def lexical_only(settings):
    settings.VERIFY_MATCH_EMBEDDING_MODEL = ""  # the dense half is covered in test_snapshot_stores.py
    shared_index.reset()


def stored(text: str) -> MatchDocument:
    claim = ClaimFactory(article=ArticleFactory(), text=text)
    return services.match_document_for_claim(claim=claim)


def keys(text: str) -> list[int]:
    return [candidate.key for candidate in shared_index.search(text, limit=5)]


def test_lookups_use_the_built_snapshot_and_a_claim_saved_after_it_is_found_at_once():
    troops = stored(TROOPS)
    manifest = snapshots.snapshot_build()
    assert manifest.rows == 1
    assert keys("North Korean troops in the region") == [troops.pk]
    assert shared_index.generation == f"gen-{manifest.generation}"
    mayor = stored(MAYOR)  # after the build: the delta
    assert keys("mayor schools close") == [mayor.pk]
    assert shared_index.matcher.delta_rows >= 1


def test_an_edited_row_is_found_by_its_new_text_only():
    troops = stored(TROOPS)
    snapshots.snapshot_build()
    assert keys("North Korean troops") == [troops.pk]
    troops.claim.text = "The governor opened a bridge."
    troops.claim.save()
    services.claim_text_changed(claim=troops.claim)
    assert keys("North Korean troops") == []
    assert keys("governor bridge") == [troops.pk]


def test_a_deleted_row_is_masked_by_the_deletion_check():
    troops, mayor = stored(TROOPS), stored(MAYOR)
    snapshots.snapshot_build()
    assert keys("North Korean troops") == [troops.pk]
    troops.delete()
    shared_index._last_deletion_check = -1e9  # the periodic check is due
    assert keys("North Korean troops") == []
    assert keys("mayor schools") == [mayor.pk]


def test_a_new_snapshot_is_noticed_by_the_next_lookup():
    stored(TROOPS)
    first = snapshots.snapshot_build()
    keys("troops")
    second = snapshots.snapshot_build()
    assert second.generation != first.generation
    keys("troops")
    assert shared_index.generation == f"gen-{second.generation}"


def test_one_build_per_machine_at_a_time():
    stored(TROOPS)
    with snapshots.build_lock(snapshots.index_dir(), wait=False) as held:
        assert held
        assert snapshots.snapshot_build(wait=False) is None  # another process is building
    assert snapshots.snapshot_build(wait=False).rows == 1


def test_a_rebuild_is_due_without_a_snapshot_when_old_or_after_many_changes():
    stored(TROOPS)
    assert snapshots.snapshot_due()
    snapshots.snapshot_build()
    assert not snapshots.snapshot_due()
    with override_settings(VERIFY_MATCH_REBUILD_DELTA_ROWS=0):
        MatchDocument.objects.update(updated_at=timezone.now() + timedelta(seconds=1))
        assert snapshots.snapshot_due()
    with override_settings(VERIFY_MATCH_REBUILD_MAX_AGE_SECONDS=-1):
        assert snapshots.snapshot_due()


def test_the_periodic_task_builds_only_when_due():
    stored(TROOPS)
    assert match_index_rebuild() == 1
    assert match_index_rebuild() is None  # just built
    assert match_index_rebuild(force=True) == 1


def test_a_large_table_without_a_snapshot_is_built_by_the_worker_that_waits():
    troops = stored(TROOPS)
    with override_settings(VERIFY_MATCH_INLINE_BUILD_MAX=0):
        assert keys("North Korean troops") == [troops.pk]
    assert shared_index.generation is not None
