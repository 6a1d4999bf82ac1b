"""Subscriptions to ClaimReview feeds: registered by editors, polled on their own interval by Celery beat.

Polled like the article feeds (verify/ingestion/polling.py): a beat task enqueues a poll for each due
subscription, claiming it with a lease so overlapping beats do not enqueue it twice; a poll imports
what the URL serves (fact_checks_import, so a review seen before is updated, never duplicated) and
records success, or the error with an exponential back-off.
"""
from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from annotations.factchecks.models import FactCheckFeed, ImportSource
from annotations.factchecks.parse import FactCheckDataError
from annotations.factchecks.services import ImportOutcome, fact_checks_fetch, fact_checks_import
from verify.audit.models import AuditAction
from verify.audit.services import audit_record
from verify.background import TaskName
from verify.ingestion.fetch import FetchError
from verify.ingestion.polling import poll_failure_record, polls_enqueue_due
from verify.ingestion.services import url_validate


def fact_check_feed_register(*, url: str, title: str = "", poll_interval_minutes: int = 360,
                             created_by: AbstractBaseUser | None = None) -> FactCheckFeed:
    """Subscribe to a URL of ClaimReview JSON; polled at the next beat, then every interval."""
    url = url_validate(url=url)
    if FactCheckFeed.objects.filter(url=url).exists():
        raise ValidationError("This fact-check feed is already registered.", code="duplicate")
    actor = created_by if created_by is not None and created_by.is_authenticated else None
    feed = FactCheckFeed(url=url, title=title.strip()[:300], poll_interval_minutes=poll_interval_minutes,
                         created_by=actor, next_poll_at=timezone.now())
    feed.full_clean(exclude=["url", "created_by"])
    with transaction.atomic():
        feed.save()
        audit_record(actor=actor, action=AuditAction.FACT_CHECK_FEED_CREATE, target=feed,
                     after={"url": url, "poll_interval_minutes": poll_interval_minutes})
    return feed


def fact_check_feed_poll(*, feed_id: int) -> ImportOutcome | None:
    """Fetch and import one subscription; errors are recorded on it with back-off. None when skipped."""
    feed = FactCheckFeed.objects.filter(pk=feed_id).first()
    if feed is None or not feed.enabled:
        return None
    try:
        content, _final_url = fact_checks_fetch(url=feed.url)
        outcome = fact_checks_import(content=content, source=ImportSource.FEED, source_detail=feed.url, feed=feed)
    except (FetchError, FactCheckDataError) as error:
        poll_failure_record(model=FactCheckFeed, pk=feed_id, error=str(error))
        return None
    now = timezone.now()
    FactCheckFeed.objects.filter(pk=feed_id).update(
        last_polled_at=now, last_success_at=now, consecutive_failures=0, last_error="",
        last_imported=outcome.imported, last_rejected=len(outcome.rejected),
        next_poll_at=now + timedelta(minutes=feed.poll_interval_minutes))
    return outcome


def fact_check_feeds_poll_due() -> int:
    """Enqueue a poll for every enabled subscription whose time has come (Celery beat, every minute)."""
    return polls_enqueue_due(model=FactCheckFeed, task=TaskName.FACT_CHECK_FEED_POLL)
