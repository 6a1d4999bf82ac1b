"""RSS/Atom feeds: registered by editors, polled on their own schedule, each entry ingested once."""
from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urljoin

import feedparser
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from verify.background import TaskName
from verify.ingestion.fetch import FEED_TYPES, TEXT_TYPES, FetchError, fetch_url
from verify.ingestion.models import Feed, FeedEntry
from verify.ingestion.polling import poll_failure_record, polls_enqueue_due
from verify.ingestion.services import url_validate
from verify.lifecycle import article_submit
from verify.models import Article

logger = logging.getLogger(__name__)

@dataclass(frozen=True)
class FeedPollOutcome:
    new_entries: int = 0
    error: str = ""


def feed_register(
    *, url: str, title: str = "", poll_interval_minutes: int = 60, created_by: AbstractBaseUser | None = None
) -> Feed:
    """Register a feed; it is polled at the next beat, then every `poll_interval_minutes`."""
    url = url_validate(url=url)
    if Feed.objects.filter(url=url).exists():
        raise ValidationError("This feed is already registered.", code="duplicate")
    feed = Feed(url=url, title=title.strip()[:300], poll_interval_minutes=poll_interval_minutes,
                created_by=created_by if created_by and created_by.is_authenticated else None,
                next_poll_at=timezone.now())
    feed.full_clean(exclude=["url", "created_by"])
    feed.save()
    return feed


def feed_update(*, feed: Feed, title: str | None = None, poll_interval_minutes: int | None = None,
                enabled: bool | None = None) -> Feed:
    if title is not None:
        feed.title = title.strip()[:300]
    if poll_interval_minutes is not None:
        feed.poll_interval_minutes = poll_interval_minutes
    if enabled is not None:
        if enabled and not feed.enabled:
            # Re-enabled by a person: start afresh instead of waiting out an old back-off.
            feed.consecutive_failures = 0
            feed.next_poll_at = timezone.now()
        feed.enabled = enabled
    feed.full_clean(exclude=["url", "created_by"])
    feed.save()
    return feed


def feed_poll(*, feed_id: int) -> FeedPollOutcome:
    """Fetch the feed and ingest entries not seen before. Errors are recorded on the feed with back-off."""
    feed = Feed.objects.get(pk=feed_id)
    if not feed.enabled:
        return FeedPollOutcome()
    conditional = {}
    if feed.etag:
        conditional["If-None-Match"] = feed.etag
    if feed.modified:
        conditional["If-Modified-Since"] = feed.modified
    try:
        result = fetch_url(url=feed.url, accept=FEED_TYPES | TEXT_TYPES, extra_headers=conditional)
    except FetchError as exc:
        return _feed_failed(feed_id=feed_id, error=str(exc))
    if result.not_modified:
        _feed_succeeded(feed_id=feed_id, etag=feed.etag, modified=feed.modified)
        return FeedPollOutcome()
    # A stream, never bytes or str: feedparser treats a str as a URL to fetch and bytes as a file name.
    parsed = feedparser.parse(io.BytesIO(result.content), response_headers={
        "content-location": result.final_url,
        "content-type": result.headers.get("content-type") or "application/xml",
    })
    # A feed feedparser recognised (it has a version) counts even when slightly malformed (bozo).
    if not parsed.entries and not parsed.get("version"):
        problem = getattr(parsed, "bozo_exception", None)
        return _feed_failed(feed_id=feed_id, error=f"Not a valid RSS or Atom feed{f': {problem}' if problem else ''}.")
    if not feed.title and parsed.feed.get("title"):
        Feed.objects.filter(pk=feed_id, title="").update(title=str(parsed.feed.get("title"))[:300])
    new_entries = 0
    for entry in parsed.entries[: settings.VERIFY_FEED_MAX_ENTRIES_PER_POLL]:
        if feed_entry_ingest(feed=feed, entry=entry, base_url=result.final_url):
            new_entries += 1
    _feed_succeeded(feed_id=feed_id, etag=result.headers.get("etag", ""),
                    modified=result.headers.get("last-modified", ""))
    return FeedPollOutcome(new_entries=new_entries)


def feed_entry_ingest(*, feed: Feed, entry, base_url: str) -> bool:
    """Record one entry and ingest its link; False when the entry was seen before or has no usable link."""
    link = urljoin(base_url, str(entry.get("link") or "").strip())
    if not link.startswith(("http://", "https://")):
        return False
    guid = str(entry.get("id") or link).strip()
    if len(guid) > 1000:
        guid = "sha256:" + hashlib.sha256(guid.encode()).hexdigest()
    text_hash = _entry_content_hash(entry)
    with transaction.atomic():
        record, created = FeedEntry.objects.get_or_create(
            feed=feed, guid=guid,
            defaults={"link": link[:2000], "title": str(entry.get("title") or "")[:500], "content_hash": text_hash},
        )
        if not created:
            return False
        # The same story re-published under a new guid (same text, or same link): link it, do not fetch again.
        same = FeedEntry.objects.filter(feed=feed, article__isnull=False).exclude(pk=record.pk)
        same = same.filter(Q(link=link) | Q(content_hash=text_hash)) if text_hash else same.filter(link=link)
        earlier = same.order_by("pk").first()
        if earlier is not None:
            record.article = earlier.article
            record.canonical_url = earlier.canonical_url
            record.save(update_fields=["article", "canonical_url"])
            return False
    try:
        result = article_submit(kind=Article.SourceKind.FEED, url=link, feed=feed)
    except ValidationError as exc:
        logger.info("Feed %s: entry %s skipped: %s", feed.pk, link, "; ".join(exc.messages))
        return False
    article = result.article
    FeedEntry.objects.filter(pk=record.pk).update(article=article, canonical_url=(article.canonical_url or link)[:2000])
    return result.created


def feeds_poll_due() -> int:
    """Enqueue a poll for every enabled feed whose time has come. Run by Celery beat every minute."""
    return polls_enqueue_due(model=Feed, task=TaskName.FEED_POLL)


def _feed_succeeded(*, feed_id: int, etag: str, modified: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        feed = Feed.objects.select_for_update().get(pk=feed_id)
        feed.last_polled_at = now
        feed.last_success_at = now
        feed.consecutive_failures = 0
        feed.last_error = ""
        feed.etag = etag[:300]
        feed.modified = modified[:100]
        feed.next_poll_at = now + timedelta(minutes=feed.poll_interval_minutes)
        feed.save()


def _feed_failed(*, feed_id: int, error: str) -> FeedPollOutcome:
    poll_failure_record(model=Feed, pk=feed_id, error=error)
    return FeedPollOutcome(error=error)


def _entry_content_hash(entry) -> str:
    content = entry.get("content") or []
    text = (content[0].get("value") if content else "") or entry.get("summary") or ""
    text = " ".join(str(text).split())
    return hashlib.sha256(text.encode()).hexdigest() if len(text) >= 40 else ""


def feed_poll_soon(*, feed: Feed) -> Feed:
    """An editor asked for a poll now: make the feed due at the next beat (back-off included)."""
    Feed.objects.filter(pk=feed.pk).update(next_poll_at=timezone.now())
    feed.refresh_from_db()
    return feed
