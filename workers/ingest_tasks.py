"""Celery tasks for URL fetches and feeds: thin, ID-only wrappers over verify's services."""
from celery import shared_task

from verify import lifecycle
from verify.background import TaskName
from verify.db import TRANSIENT_ERRORS
from verify.ingestion import feeds as feed_services
from verify.ingestion.fetch import FetchConnectionError, FetchTimeoutError, HTTPStatusError
from verify.models import Article
from workers.base import TASK_OPTIONS, RecordsFailure, failure_recorder, retry_options

# Worth another try later: the site was slow, unreachable or answered 5xx/429, or the database blinked.
FETCH_RETRY_ERRORS = (*TRANSIENT_ERRORS, FetchTimeoutError, FetchConnectionError, HTTPStatusError)


@shared_task(
    base=RecordsFailure,
    record_failure=failure_recorder(
        lambda article_id, exc: lifecycle.article_fetch_failed(article_id=article_id,
                                                               reason=str(exc) or type(exc).__name__)),
    name=TaskName.ARTICLE_FETCH,
    **{**TASK_OPTIONS, "autoretry_for": FETCH_RETRY_ERRORS, **retry_options(factor=5, cap=300), "ignore_result": False},
    reject_on_worker_lost=True,
    soft_time_limit=120,
    time_limit=150,
)
def article_fetch(article_id: int) -> dict:
    try:
        article = lifecycle.article_fetch(article_id=article_id)
    except Article.DoesNotExist:  # deleted before its turn came: nothing to fetch
        return {"article": article_id, "status": "missing"}
    return {"article": article.pk, "status": article.status}


@shared_task(
    name=TaskName.FEED_POLL,
    # Fetch errors are recorded on the feed with back-off (the beat polls again later), so only
    # database hiccups are retried here.
    **{**TASK_OPTIONS, "retry_backoff_max": 600, "max_retries": 3, "ignore_result": False},
    soft_time_limit=120,
    time_limit=150,
)
def feed_poll(feed_id: int) -> dict:
    outcome = feed_services.feed_poll(feed_id=feed_id)
    return {"feed": feed_id, "new_entries": outcome.new_entries, "error": outcome.error}


@shared_task(
    name=TaskName.FEEDS_POLL_DUE,
    **{**TASK_OPTIONS, "acks_late": False, "retry_backoff": False, "max_retries": 2, "ignore_result": False},
    soft_time_limit=50,
    time_limit=60,
)
def feeds_poll_due() -> dict:
    return {"enqueued": feed_services.feeds_poll_due()}
