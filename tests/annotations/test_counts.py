"""The queue's counts per verdict: right, cached per filter for the configured seconds, and still right
(counted directly) when the cache cannot be reached."""
import pytest
from django.test.utils import override_settings

from annotations.selectors import ClaimFilters, queue_count, queue_verdict_counts
from annotations.selectors import counts as counts_module
from tests.factories import ArticleFactory, ClaimFactory
from verify.models import Verdict

pytestmark = pytest.mark.django_db


def test_counts_per_verdict_ignore_the_verdict_filter_and_keep_the_others(reviewer):
    article = ArticleFactory()
    ClaimFactory(article=article, verdict=Verdict.DISPUTED, checkworthiness=0.9)
    ClaimFactory(article=article, checkworthiness=0.9)
    ClaimFactory(article=article, checkworthiness=0.2)
    ClaimFactory(article=article, set_aside="opinion")
    counts = queue_verdict_counts(user=reviewer, filters=ClaimFilters(verdict=Verdict.DISPUTED, score_min=0.5))
    assert counts[Verdict.DISPUTED] == 1 and counts[Verdict.UNREVIEWED] == 1 and sum(counts.values()) == 2
    assert queue_count(user=reviewer, filters=ClaimFilters(verdict=Verdict.UNREVIEWED)) == 2
    assert queue_count(user=reviewer, filters=ClaimFilters()) == 3


def test_the_counts_are_cached_per_filter_for_the_configured_seconds(reviewer):
    article = ArticleFactory()
    ClaimFactory(article=article)
    assert queue_count(user=reviewer, filters=ClaimFilters()) == 1
    ClaimFactory(article=article)
    assert queue_count(user=reviewer, filters=ClaimFilters()) == 1  # cached
    assert queue_count(user=reviewer, filters=ClaimFilters(order="created_at")) == 1  # the order counts nothing
    assert queue_count(user=reviewer, filters=ClaimFilters(score_min=0.0)) == 2  # another filter
    with override_settings(VERIFY_QUEUE_COUNT_CACHE_SECONDS=0):
        assert queue_count(user=reviewer, filters=ClaimFilters(score_max=1.0)) == 2


def test_assigned_to_me_is_counted_for_each_reviewer(reviewer, editor):
    ClaimFactory(assigned_to=reviewer)
    assert queue_count(user=reviewer, filters=ClaimFilters(assigned_to_me=True)) == 1
    assert queue_count(user=editor, filters=ClaimFilters(assigned_to_me=True)) == 0


def test_an_unreachable_cache_still_gives_the_right_counts(reviewer, monkeypatch):
    ClaimFactory()

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(counts_module.cache, "get", unreachable)
    monkeypatch.setattr(counts_module.cache, "set", unreachable)
    assert queue_count(user=reviewer, filters=ClaimFilters()) == 1
