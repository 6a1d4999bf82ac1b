"""Celery tasks for articles: thin, ID-only wrappers over verify.lifecycle. Safe to run twice."""
import logging
from datetime import timedelta

from celery import shared_task
from celery.signals import worker_process_init
from django.conf import settings

from verify import lifecycle
from verify.background import TaskName
from verify.models import Article
from verify.sweeper import articles_requeue_stuck
from workers.base import TASK_OPTIONS, RecordsFailure, exception_text, failure_recorder
# Celery's autodiscovery imports this module only; importing the other task modules registers their
# tasks (URL fetches and feeds, report exports, claim matching) in every worker.
from workers import ingest_tasks, matching_tasks, report_tasks, webhook_tasks  # noqa: F401

logger = logging.getLogger(__name__)


@worker_process_init.connect
def _extraction_models_load(**kwargs) -> None:
    """Load spaCy and the check-worthiness scorer before this process takes its first article: loaded
    lazily, they counted against the first task's time limit, and under a short limit (or on a busy
    host) the first article after every restart could fail for it."""
    # Imported here, in worker processes only: web processes import this module to enqueue by task
    # name and must not load spaCy.
    from verify.extraction.nlp import get_nlp
    from verify.extraction.scoring import get_scorer

    try:
        get_nlp()
        get_scorer()
    except Exception:  # e.g. the model package is missing: the task then fails with the clear message
        logger.exception("Could not load the extraction models at worker start; tasks will retry loading them")


@shared_task(
    base=RecordsFailure,
    record_failure=failure_recorder(
        lambda article_id, exc: lifecycle.article_fail(article_id=article_id, error=exception_text(exc))),
    name=TaskName.ARTICLE_PROCESS,
    **{**TASK_OPTIONS, "retry_backoff_max": 120, "max_retries": 6},
    # A killed worker's message is redelivered; the guarded status transition and unique claim spans
    # make the rerun harmless.
    reject_on_worker_lost=True,
    # An article still running at the soft limit ends `failed` with that error; the hard limit
    # kills a child stuck in C code. Both come from the environment (see config/settings.py).
    soft_time_limit=settings.VERIFY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.VERIFY_TASK_TIME_LIMIT,
)
def article_process(article_id: int) -> dict:
    try:
        article = lifecycle.article_process(article_id=article_id)
    except Article.DoesNotExist:  # deleted before its turn came: nothing to do, nothing to retry
        return {"article": article_id, "status": "missing", "claims": 0}
    return {"article": article.pk, "status": article.status, "claims": article.claims.count()}


@shared_task(
    name=TaskName.SWEEP_STUCK_ARTICLES,
    # A sweep is a query plus re-enqueues guarded by a conditional update: safe to run twice.
    **{**TASK_OPTIONS, "acks_late": False, "retry_backoff": 5, "max_retries": 3},
    soft_time_limit=120,
    time_limit=150,
)
def sweep_stuck_articles(older_than_seconds: int | None = None) -> int:
    seconds = older_than_seconds if older_than_seconds is not None else settings.VERIFY_SWEEP_PENDING_AFTER_SECONDS
    return articles_requeue_stuck(older_than=timedelta(seconds=seconds))
