"""Feeds: registered by editors, polled, entries ingested once, failures backed off exponentially."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.verify.ingestion.conftest import ARTICLE_HTML, atom_feed, rss_feed
from verify import lifecycle
from verify.ingestion import feeds
from verify.ingestion.models import Feed, FeedEntry
from verify.models import Article, ArticleStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(fetch_settings, connections):
    return fetch_settings


def story(number: int) -> str:
    return ARTICLE_HTML.replace("14 bridges", f"{number} bridges").replace(
        "https://news.example.org/2024/03/bridges", f"https://news.example.org/story/{number}")


@pytest.fixture
def poll(django_capture_on_commit_callbacks):
    def run(feed):
        with django_capture_on_commit_callbacks(execute=True):
            outcome = feeds.feed_poll(feed_id=feed.pk)
        feed.refresh_from_db()
        return outcome
    return run


def test_rss_entries_are_ingested_once_across_two_polls(site, poll, editor):
    for number in (1, 2):
        site.add(f"/story/{number}", story(number))
    site.add("/rss.xml", rss_feed(site.base, [("/story/1", "One"), ("/story/2", "Two")]),
             content_type="application/rss+xml")
    feed = feeds.feed_register(url=site.url("/rss.xml"), created_by=editor)

    first = poll(feed)
    site.add("/story/3", story(3))
    site.add("/rss.xml", rss_feed(site.base, [("/story/1", "One"), ("/story/2", "Two"), ("/story/3", "Three")]),
             content_type="application/rss+xml")
    second = poll(feed)

    assert (first.new_entries, second.new_entries) == (2, 1)
    assert FeedEntry.objects.filter(feed=feed).count() == 3
    articles = Article.objects.filter(source_kind=Article.SourceKind.FEED)
    assert articles.count() == 3
    assert all(article.status == ArticleStatus.DONE for article in articles)
    assert sorted(site.requests).count("/story/1") == 1  # fetched once, not on the second poll
    assert feed.title == "Ledger RSS" and feed.consecutive_failures == 0 and feed.last_error == ""
    assert feed.next_poll_at == feed.last_polled_at + timedelta(minutes=feed.poll_interval_minutes)


def test_atom_entries_are_ingested_and_linked_to_their_articles(site, poll):
    site.add("/story/7", story(7))
    site.add("/atom.xml", atom_feed(site.base, [("/story/7", "Seven")]), content_type="application/atom+xml")
    feed = feeds.feed_register(url=site.url("/atom.xml"))

    outcome = poll(feed)

    entry = FeedEntry.objects.get(feed=feed)
    assert outcome.new_entries == 1
    assert entry.guid == "urn:test:/story/7"
    assert entry.article.url == site.url("/story/7")
    assert "7 bridges" in entry.article.raw_content


def test_an_entry_whose_article_we_already_have_is_not_fetched_again(site, poll, django_capture_on_commit_callbacks):

    site.add("/story/1", story(1))
    with django_capture_on_commit_callbacks(execute=True):
        known = lifecycle.article_submit(kind="url", url=site.url("/story/1")).article
    site.add("/rss.xml", rss_feed(site.base, [("/story/1", "One")]), content_type="application/rss+xml")
    feed = feeds.feed_register(url=site.url("/rss.xml"))

    outcome = poll(feed)

    assert outcome.new_entries == 0
    assert FeedEntry.objects.get(feed=feed).article == known
    assert site.requests.count("/story/1") == 1


def test_a_failing_feed_records_the_error_and_backs_off_exponentially(site, poll):
    site.add("/broken.xml", b"down", status=404, content_type="text/plain")
    feed = feeds.feed_register(url=site.url("/broken.xml"), poll_interval_minutes=10)

    delays = []
    for _ in range(3):
        before = timezone.now()
        poll(feed)
        delays.append(feed.next_poll_at - before)

    assert feed.consecutive_failures == 3
    assert "404" in feed.last_error and feed.last_error_at is not None
    assert [round(delay.total_seconds() / 60) for delay in delays] == [20, 40, 80]


def test_a_success_after_failures_resets_the_count(site, poll):
    site.add("/rss.xml", b"oops", status=500, content_type="text/plain")
    feed = feeds.feed_register(url=site.url("/rss.xml"))
    poll(feed)
    assert feed.consecutive_failures == 1
    site.add("/rss.xml", rss_feed(site.base, []), content_type="application/rss+xml")

    poll(feed)

    assert feed.consecutive_failures == 0 and feed.last_error == "" and feed.last_success_at is not None


def test_a_page_that_is_not_a_feed_is_an_error(site, poll):
    site.add("/page.xml", b"<html><body>hello</body></html>", content_type="text/xml")
    feed = feeds.feed_register(url=site.url("/page.xml"))

    outcome = poll(feed)

    assert "Not a valid RSS or Atom feed" in outcome.error
    assert feed.consecutive_failures == 1


def test_a_feed_entry_pointing_at_an_internal_address_is_skipped_and_the_feed_stays_healthy(site, poll, connections):
    site.add("/rss.xml", rss_feed("http://169.254.169.254", [("/latest/meta-data/", "Metadata")]),
             content_type="application/rss+xml")
    feed = feeds.feed_register(url=site.url("/rss.xml"))

    outcome = poll(feed)

    assert outcome.new_entries == 0 and feed.consecutive_failures == 0
    assert not Article.objects.exists()
    assert all(host == "127.0.0.1" for host, _ in connections)


def test_an_unchanged_feed_is_asked_for_with_its_validators(site, poll):
    site.add("/rss.xml", rss_feed(site.base, []), content_type="application/rss+xml",
             headers={"ETag": '"v1"', "Last-Modified": "Tue, 05 Mar 2024 10:00:00 GMT"})
    feed = feeds.feed_register(url=site.url("/rss.xml"))
    poll(feed)

    poll(feed)

    assert feed.etag == '"v1"'
    assert site.request_headers[-1]["If-None-Match"] == '"v1"'
    assert site.request_headers[-1]["If-Modified-Since"] == "Tue, 05 Mar 2024 10:00:00 GMT"


def test_only_due_enabled_feeds_are_enqueued_and_not_twice(monkeypatch):
    now = timezone.now()
    due = Feed.objects.create(url="https://a.example.org/rss", next_poll_at=now - timedelta(minutes=1))
    never_polled = Feed.objects.create(url="https://b.example.org/rss", next_poll_at=None)
    Feed.objects.create(url="https://c.example.org/rss", next_poll_at=now + timedelta(minutes=30))
    Feed.objects.create(url="https://d.example.org/rss", next_poll_at=None, enabled=False)
    sent = []
    from workers import ingest_tasks
    monkeypatch.setattr(ingest_tasks.feed_poll, "apply_async", lambda args, **options: sent.append(args[0]))

    first = feeds.feeds_poll_due()
    second = feeds.feeds_poll_due()

    assert (first, second) == (2, 0)
    assert sorted(sent) == sorted([due.pk, never_polled.pk])


def test_registering_validates_the_url_interval_and_duplicates():
    feeds.feed_register(url="https://news.example.org/rss")

    with pytest.raises(ValidationError, match="already registered"):
        feeds.feed_register(url="https://news.example.org/rss")
    with pytest.raises(ValidationError, match="private"):
        feeds.feed_register(url="http://10.1.1.1/rss")
    with pytest.raises(ValidationError, match="poll_interval_minutes|greater than or equal to 5"):
        feeds.feed_register(url="https://other.example.org/rss", poll_interval_minutes=1)


def test_a_disabled_feed_is_not_polled(site, poll):
    site.add("/rss.xml", rss_feed(site.base, []), content_type="application/rss+xml")
    feed = feeds.feed_register(url=site.url("/rss.xml"))
    feeds.feed_update(feed=feed, enabled=False)

    poll(feed)

    assert site.requests == [] and feed.last_polled_at is None


def test_celery_beat_polls_due_feeds_every_minute(settings):
    from config.celery import app
    import workers.tasks  # noqa: F401 (registers the ingestion tasks)

    entry = settings.CELERY_BEAT_SCHEDULE["poll-due-feeds"]

    assert entry["task"] == "workers.feeds_poll_due" and entry["schedule"] == 60
    assert entry["task"] in app.tasks


def test_the_beat_task_polls_a_due_feed_end_to_end(site, django_capture_on_commit_callbacks):
    from workers.ingest_tasks import feeds_poll_due

    site.add("/story/1", story(1))
    site.add("/rss.xml", rss_feed(site.base, [("/story/1", "One")]), content_type="application/rss+xml")
    feed = feeds.feed_register(url=site.url("/rss.xml"))

    with django_capture_on_commit_callbacks(execute=True):
        outcome = feeds_poll_due.apply().get()

    feed.refresh_from_db()
    assert outcome == {"enqueued": 1}
    assert feed.last_success_at is not None
    assert FeedEntry.objects.get(feed=feed).article.status == ArticleStatus.DONE
