"""Celery tasks for ingestion: thin, ID-only wrappers over verify.ingestion services."""
from celery import Task, shared_task

from verify.ingestion import feeds as feed_services
from verify.ingestion import services
from verify.ingestion.fetch import FetchConnectionError, FetchTimeoutError, HTTPStatusError
from verify.models import Article
from verify.services import TRANSIENT_ERRORS

# Worth another try later: the site was slow, unreachable or answered 5xx/429, or the database blinked.
FETCH_RETRY_ERRORS = (*TRANSIENT_ERRORS, FetchTimeoutError, FetchConnectionError, HTTPStatusError)


class ArticleFetchTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Retries are exhausted (or the error was not retryable): say so on the article.
        article_id = kwargs.get("article_id", args[0] if args else None)
        if article_id is not None:
            services.article_fetch_failed(article_id=article_id, reason=str(exc) or type(exc).__name__)


@shared_task(
    base=ArticleFetchTask,
    name="workers.article_fetch",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=FETCH_RETRY_ERRORS,
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=4,
    soft_time_limit=120,
    time_limit=150,
)
def article_fetch(article_id: int) -> dict:
    try:
        article = services.article_fetch(article_id=article_id)
    except Article.DoesNotExist:  # deleted before its turn came: nothing to fetch
        return {"article": article_id, "status": "missing"}
    return {"article": article.pk, "status": article.status}


@shared_task(
    name="workers.feed_poll",
    acks_late=True,
    # Fetch errors are recorded on the feed with back-off (the beat polls again later), so only
    # database hiccups are retried here.
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    max_retries=3,
    soft_time_limit=120,
    time_limit=150,
)
def feed_poll(feed_id: int) -> dict:
    outcome = feed_services.feed_poll(feed_id=feed_id)
    return {"feed": feed_id, "new_entries": outcome.new_entries, "error": outcome.error}


@shared_task(name="workers.feeds_poll_due", autoretry_for=TRANSIENT_ERRORS, max_retries=2, soft_time_limit=50,
             time_limit=60)
def feeds_poll_due() -> dict:
    return {"enqueued": feed_services.feeds_poll_due()}
