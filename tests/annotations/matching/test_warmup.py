"""Cold start: a web lookup never waits for a large index build; it answers 503 until the copy is ready."""
import threading

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import ArticleFactory, ClaimFactory
from annotations.matching import services
from annotations.matching.core.text import TOKENIZER_VERSION, tokenize
from annotations.matching.index import IndexWarmingUp, SharedIndex, shared_index
from annotations.matching.models import MatchDocument
from verify.models import Verdict

pytestmark = pytest.mark.django_db

TROOPS = "As many as 11,000 North Korean troops could be stationed in the region."


@pytest.fixture
def checked_claim():
    earlier = ClaimFactory(article=ArticleFactory(), text=TROOPS, verdict=Verdict.VERIFIED)
    services.claims_index_missing()
    shared_index.reset()  # a fresh web process: nothing built yet
    return earlier


@pytest.fixture
def builds_started(monkeypatch):
    """Record background builds instead of running them (the test database is not shared with threads)."""
    started = []
    monkeypatch.setattr(SharedIndex, "warm_in_background", lambda self: started.append(self) or True)
    return started


@override_settings(VERIFY_MATCH_INLINE_BUILD_MAX=0)
def test_api_answers_503_with_retry_after_while_a_large_index_is_built(reviewer_api, checked_claim, builds_started):
    response = reviewer_api.get("/api/claims/similar/", {"q": "11,000 North Korean troops"})
    assert response.status_code == 503
    assert "warming up" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0
    assert builds_started == [shared_index]

    shared_index.sync()  # the background build finished
    response = reviewer_api.get("/api/claims/similar/", {"q": "11,000 North Korean troops"})
    assert response.status_code == 200
    assert response.json()["results"][0]["matched"]["claim_id"] == checked_claim.pk


@override_settings(VERIFY_MATCH_INLINE_BUILD_MAX=0)
def test_search_page_says_the_index_is_warming_up(reviewer, checked_claim, builds_started):
    client = Client()
    client.force_login(reviewer)
    response = client.get(reverse("matching:search"), {"q": "11,000 North Korean troops"})
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "warming up" in response.content.decode()


def test_a_small_index_is_built_inline_on_the_first_lookup(reviewer_api, checked_claim, builds_started):
    response = reviewer_api.get("/api/claims/similar/", {"q": "11,000 North Korean troops"})
    assert response.status_code == 200
    assert response.json()["results"][0]["matched"]["claim_id"] == checked_claim.pk
    assert builds_started == []


def test_workers_wait_for_the_build_instead_of_failing(checked_claim):
    with override_settings(VERIFY_MATCH_INLINE_BUILD_MAX=0):
        found = shared_index.search(TROOPS, limit=5)  # wait=True, the default
    assert [c.key for c in found] == [checked_claim.match_document.pk]


def test_only_one_background_build_runs_at_a_time(monkeypatch):
    index = SharedIndex()
    release = threading.Event()
    runs = []
    monkeypatch.setattr(SharedIndex, "_warm", lambda self: runs.append(1) or release.wait(5))
    assert index.warm_in_background() is True
    assert index.warm_in_background() is False  # the first is still running
    with pytest.raises(IndexWarmingUp):
        index.search("troops", limit=5, wait=False)  # a build under way: never queue behind its lock
    release.set()
    index._warm_thread.join(5)
    assert runs == [1]


def test_deleted_documents_leave_the_index_without_a_rebuild(checked_claim):
    other = ClaimFactory(article=ArticleFactory(), text="Vaccines cause autism in children, a study claims.")
    services.claims_index_missing()
    shared_index.sync()
    gone = MatchDocument.objects.get(claim=other).pk
    MatchDocument.objects.filter(pk=gone).delete()
    shared_index._last_deletion_check = -1e9  # the periodic check is due
    shared_index.sync()
    assert gone not in shared_index.matcher
    assert checked_claim.match_document.pk in shared_index.matcher


def test_terms_of_an_older_tokenizer_are_remade():
    earlier = ClaimFactory(article=ArticleFactory(), text=TROOPS)
    services.claims_index_missing()
    MatchDocument.objects.filter(claim=earlier).update(terms="stale words only", terms_version=TOKENIZER_VERSION - 1)
    shared_index.sync()
    assert [c.key for c in shared_index.search("North Korean troops", limit=5)] == [earlier.match_document.pk]

    assert services.match_documents_retokenize() == 1
    document = MatchDocument.objects.get(claim=earlier)
    assert (document.terms, document.terms_version) == (" ".join(tokenize(TROOPS)), TOKENIZER_VERSION)
