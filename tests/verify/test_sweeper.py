"""The sweeper re-enqueues articles whose message was lost, and nothing else (SQLite, no broker)."""
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory
from verify import lifecycle, sweeper
from verify.models import Article, ArticleStatus
from workers.tasks import article_process, sweep_stuck_articles

pytestmark = pytest.mark.django_db

OLDER_THAN = timedelta(minutes=2)


@pytest.fixture
def enqueued(monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(lifecycle, "article_advance", lambda *, article_id: calls.append(article_id) or True)
    return calls


def _age(article: Article, by: timedelta) -> None:
    # updated_at is auto_now: only a queryset update can put it in the past.
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - by)


def test_a_pending_article_older_than_the_threshold_is_requeued(enqueued):
    article = ArticleFactory(status=ArticleStatus.PENDING)
    _age(article, OLDER_THAN + timedelta(seconds=5))
    assert sweeper.articles_requeue_stuck(older_than=OLDER_THAN) == 1
    assert enqueued == [article.pk]


def test_a_recent_pending_article_is_left_to_its_message(enqueued):
    ArticleFactory(status=ArticleStatus.PENDING)
    assert sweeper.articles_requeue_stuck(older_than=OLDER_THAN) == 0
    assert enqueued == []


def test_processing_is_requeued_only_after_the_task_hard_time_limit_plus_margin(enqueued):
    stuck_after = sweeper.processing_stuck_after()
    assert stuck_after > timedelta(seconds=article_process.time_limit)
    running = ArticleFactory(status=ArticleStatus.PROCESSING)
    _age(running, stuck_after - timedelta(seconds=10))
    stuck = ArticleFactory(status=ArticleStatus.PROCESSING)
    _age(stuck, stuck_after + timedelta(seconds=10))

    assert sweeper.articles_requeue_stuck(older_than=OLDER_THAN) == 1
    assert enqueued == [stuck.pk]
    stuck.refresh_from_db()
    running.refresh_from_db()
    assert stuck.status == ArticleStatus.PENDING
    assert running.status == ArticleStatus.PROCESSING


@pytest.mark.parametrize("status", [ArticleStatus.DONE, ArticleStatus.FAILED])
def test_finished_articles_are_never_requeued(enqueued, status):
    article = ArticleFactory(status=status)
    _age(article, timedelta(days=3))
    assert sweeper.articles_requeue_stuck(older_than=OLDER_THAN) == 0
    assert enqueued == []
    article.refresh_from_db()
    assert article.status == status


def test_a_requeued_article_is_not_requeued_again_by_the_next_sweep(enqueued):
    article = ArticleFactory(status=ArticleStatus.PENDING)
    _age(article, OLDER_THAN * 2)
    assert sweeper.articles_requeue_stuck(older_than=OLDER_THAN) == 1
    assert sweeper.articles_requeue_stuck(older_than=OLDER_THAN) == 0
    assert enqueued == [article.pk]


def test_the_sweep_stops_at_the_first_broker_refusal_and_keeps_articles_pending(monkeypatch):
    attempts: list[int] = []
    monkeypatch.setattr(lifecycle, "article_advance", lambda *, article_id: attempts.append(article_id) and False)
    articles = [ArticleFactory(status=ArticleStatus.PENDING) for _ in range(3)]
    for article in articles:
        _age(article, OLDER_THAN * 2)
    assert sweeper.articles_requeue_stuck(older_than=OLDER_THAN) == 0
    assert len(attempts) == 1
    assert set(Article.objects.values_list("status", flat=True)) == {ArticleStatus.PENDING}


def test_the_batch_limit_takes_the_oldest_first(enqueued):
    newer, older = ArticleFactory(status=ArticleStatus.PENDING), ArticleFactory(status=ArticleStatus.PENDING)
    _age(newer, OLDER_THAN * 2)
    _age(older, OLDER_THAN * 3)
    assert sweeper.articles_requeue_stuck(older_than=OLDER_THAN, limit=1) == 1
    assert enqueued == [older.pk]


def test_an_article_changed_since_the_sweep_looked_is_skipped(enqueued, monkeypatch):
    article = ArticleFactory(status=ArticleStatus.PENDING)
    _age(article, OLDER_THAN * 2)
    stale_rows = list(sweeper.articles_stuck(older_than=OLDER_THAN).values_list("pk", "status", "updated_at"))
    # A worker picks the article up between the sweep's query and its claim.
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.PROCESSING, updated_at=timezone.now())

    class StaleQuery:
        def values_list(self, *fields):
            return stale_rows

    monkeypatch.setattr(sweeper, "articles_stuck", lambda **kwargs: StaleQuery())
    assert sweeper.articles_requeue_stuck(older_than=OLDER_THAN) == 0
    assert enqueued == []
    article.refresh_from_db()
    assert article.status == ArticleStatus.PROCESSING


def test_the_sweep_task_uses_the_configured_threshold(enqueued, settings):
    settings.VERIFY_SWEEP_PENDING_AFTER_SECONDS = 30
    article = ArticleFactory(status=ArticleStatus.PENDING)
    _age(article, timedelta(seconds=45))
    assert sweep_stuck_articles.apply().get() == 1
    assert enqueued == [article.pk]


def test_the_sweep_is_scheduled_by_celery_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["sweep-stuck-articles"]
    assert entry["task"] == sweep_stuck_articles.name == "workers.sweep_stuck_articles"
    assert 0 < entry["schedule"] <= 600
