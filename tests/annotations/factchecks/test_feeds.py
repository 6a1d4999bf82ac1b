"""ClaimReview feed subscriptions: due ones are enqueued once, a poll imports, a failure backs off."""
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from annotations.factchecks import feeds
from annotations.factchecks.models import FactCheckFeed, ImportSource, PublishedFactCheck
from tests.factories import FactCheckFeedFactory
from verify.background import TaskName
from verify.ingestion.fetch import FetchConnectionError, FetchResult

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


def _serve(monkeypatch, name):
    content = (FIXTURES / name).read_bytes()
    monkeypatch.setattr("annotations.factchecks.services.fetch_url", lambda *, url, accept: FetchResult(
        url=url, final_url=url, status_code=200, mime_type="application/json", charset="utf-8", content=content,
        text=""))


def test_a_poll_imports_the_feed_and_records_success(monkeypatch):
    feed = FactCheckFeedFactory()
    _serve(monkeypatch, "datafeed.json")
    outcome = feeds.fact_check_feed_poll(feed_id=feed.pk)
    assert outcome.created == 2
    feed.refresh_from_db()
    assert (feed.last_imported, feed.last_rejected, feed.consecutive_failures) == (2, 2, 0)
    assert feed.next_poll_at > timezone.now() + timedelta(minutes=300)
    assert set(PublishedFactCheck.objects.values_list("source", "feed")) == {(ImportSource.FEED, feed.pk)}
    assert feeds.fact_check_feed_poll(feed_id=feed.pk).unchanged == 2  # polled again: nothing duplicated


def test_a_failing_feed_backs_off_exponentially(monkeypatch):
    feed = FactCheckFeedFactory(poll_interval_minutes=60)

    def down(**kwargs):
        raise FetchConnectionError("Could not connect to lighthouse.example.org.")

    monkeypatch.setattr("annotations.factchecks.services.fetch_url", down)
    for _ in range(2):
        assert feeds.fact_check_feed_poll(feed_id=feed.pk) is None
    feed.refresh_from_db()
    assert feed.consecutive_failures == 2 and "Could not connect" in feed.last_error
    assert feed.next_poll_at > timezone.now() + timedelta(minutes=239)


def test_a_feed_serving_something_else_is_a_recorded_failure(monkeypatch):
    feed = FactCheckFeedFactory()
    monkeypatch.setattr("annotations.factchecks.services.fetch_url", lambda *, url, accept: FetchResult(
        url=url, final_url=url, status_code=200, mime_type="text/plain", charset="", content=b"<rss/>", text=""))
    feeds.fact_check_feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert feed.consecutive_failures == 1 and "not JSON" in feed.last_error


def test_due_feeds_are_enqueued_once(monkeypatch):
    enqueued = []
    monkeypatch.setattr("verify.ingestion.polling.task_enqueue",
                        lambda name, *args, queue=None: enqueued.append((name, args)) or True)
    due = FactCheckFeedFactory(next_poll_at=timezone.now() - timedelta(minutes=1))
    FactCheckFeedFactory(next_poll_at=timezone.now() + timedelta(hours=1))
    FactCheckFeedFactory(enabled=False, next_poll_at=None)
    assert feeds.fact_check_feeds_poll_due() == 1
    assert enqueued == [(TaskName.FACT_CHECK_FEED_POLL, (due.pk,))]
    assert feeds.fact_check_feeds_poll_due() == 0  # leased until the poll sets the real next time
    assert FactCheckFeed.objects.get(pk=due.pk).next_poll_at > timezone.now()


def test_the_beat_polls_fact_check_feeds(settings):
    assert settings.CELERY_BEAT_SCHEDULE["poll-due-fact-check-feeds"]["task"] == TaskName.FACT_CHECK_FEEDS_POLL_DUE
