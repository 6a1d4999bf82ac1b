"""Celery tasks: thin, ID-only wrappers over services. Safe to run twice (see article_process)."""
import logging

from celery import Task, shared_task
from celery.signals import worker_process_init
from django.conf import settings

from verify import services
from verify.models import Article
from verify.services import TRANSIENT_ERRORS
# Celery's autodiscovery imports this module only; importing the other task modules registers their
# tasks (URL fetches and feeds, report exports, claim matching) in every worker.
from workers import ingest_tasks, matching_tasks, report_tasks  # noqa: F401


logger = logging.getLogger(__name__)


@worker_process_init.connect
def _extraction_models_load(**kwargs) -> None:
    """Load spaCy and the check-worthiness scorer before this process takes its first article: loaded
    lazily, they counted against the first task's time limit, and under a short limit (or on a busy
    host) the first article after every restart could fail for it."""
    from verify.extraction.scoring import get_scorer
    from workers.nlp import get_nlp

    try:
        get_nlp()
        get_scorer()
    except Exception:  # e.g. the model package is missing: the task then fails with the clear message
        logger.exception("Could not load the extraction models at worker start; tasks will retry loading them")


class ArticleTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Retries are exhausted (or the error was not retryable): say so on the article.
        article_id = kwargs.get("article_id", args[0] if args else None)
        if article_id is not None:
            services.article_fail(article_id=article_id, error=f"{type(exc).__name__}: {exc}")


@shared_task(
    base=ArticleTask,
    name="workers.article_process",
    # Acknowledge after the work is stored: a killed worker's message is redelivered, and the task
    # is idempotent (unique claim spans + a guarded status transition), so a rerun is harmless.
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=6,
    # An article still running at the soft limit ends `failed` with that error; the hard limit
    # kills a child stuck in C code. Both come from the environment (see config/settings.py).
    soft_time_limit=settings.VERIFY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.VERIFY_TASK_TIME_LIMIT,
    # The outcome lives on the article; storing results would also make publishing wait on the
    # result backend (~20 s of reconnects when Redis is down) before the submitter hears back.
    ignore_result=True,
)
def article_process(article_id: int) -> dict:
    try:
        article = services.article_process(article_id=article_id)
    except Article.DoesNotExist:  # deleted before its turn came: nothing to do, nothing to retry
        return {"article": article_id, "status": "missing", "claims": 0}
    matching_tasks.article_matches_enqueue(article=article)  # find earlier checks of the new claims
    return {"article": article.pk, "status": article.status, "claims": article.claims.count()}


@shared_task(
    name="workers.sweep_stuck_articles",
    # A sweep is a query plus re-enqueues guarded by a conditional update: safe to run twice.
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=5,
    retry_backoff_max=60,
    max_retries=3,
    soft_time_limit=120,
    time_limit=150,
    ignore_result=True,
)
def sweep_stuck_articles(older_than_seconds: int | None = None) -> int:
    from datetime import timedelta

    from verify.sweeper import articles_requeue_stuck

    seconds = older_than_seconds if older_than_seconds is not None else settings.VERIFY_SWEEP_PENDING_AFTER_SECONDS
    return articles_requeue_stuck(older_than=timedelta(seconds=seconds))
