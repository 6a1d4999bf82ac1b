"""Celery tasks for articles: thin, ID-only wrappers over verify.lifecycle. Safe to run twice."""
import logging
from datetime import timedelta

from celery import shared_task
from celery.exceptions import WorkerTerminate
from celery.signals import worker_init, worker_process_init
from django.conf import settings

from verify import lifecycle
from verify.background import TaskName
from verify.db import TRANSIENT_ERRORS
from verify.errors import ExtractionUnavailable
from verify.models import Article
from verify.sweeper import articles_requeue_stuck
from workers.base import TASK_OPTIONS, RecordsFailure, exception_text, failure_recorder
# Celery's autodiscovery imports this module only; importing the other task modules registers their
# tasks (URL fetches and feeds, report exports, claim matching, fact-check feeds) in every worker.
from workers import factcheck_tasks, ingest_tasks, matching_tasks, report_tasks, webhook_tasks  # noqa: F401

logger = logging.getLogger(__name__)


@worker_init.connect
def _extraction_models_check(**kwargs) -> None:
    """A worker that cannot load its models must not take articles (it would fail every one it took):
    it refuses to start, exit status 1, saying why. The spaCy pipeline it loads here is inherited by
    its processes."""
    # Imported here, in workers only: web processes import this module to enqueue by task name and
    # must not load spaCy.
    from verify.extraction.readiness import extraction_models_problem

    problem = extraction_models_problem()
    if problem:
        logger.critical("Refusing to start: %s", problem)
        raise WorkerTerminate(1)


@worker_process_init.connect
def _extraction_models_load(**kwargs) -> None:
    """Load spaCy and the check-worthiness scorer before this process takes its first article: loaded
    lazily, they counted against the first task's time limit, and under a short limit (or on a busy
    host) the first article after every restart could fail for it."""
    from verify.extraction import extraction_models_load  # spaCy: workers only, as above

    try:
        extraction_models_load()
    except ExtractionUnavailable:
        # Its articles are retried with back-off and left untouched (verify/services.py), never failed.
        logger.exception("Could not load the extraction models in this worker process")


@shared_task(
    base=RecordsFailure,
    record_failure=failure_recorder(
        lambda article_id, exc: lifecycle.article_fail(article_id=article_id, error=exception_text(exc))),
    name=TaskName.ARTICLE_PROCESS,
    bind=True,
    # A worker that cannot load its models hands the article back with back-off (RecordsFailure).
    **{**TASK_OPTIONS, "autoretry_for": (*TRANSIENT_ERRORS, ExtractionUnavailable)},
    # A killed worker's message is redelivered; the guarded status transition and unique claim spans
    # make the rerun harmless.
    reject_on_worker_lost=True,
    # An article still running at the soft limit ends `failed` with that error; the hard limit
    # kills a child stuck in C code. Both come from the environment (see config/settings.py).
    soft_time_limit=settings.VERIFY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.VERIFY_TASK_TIME_LIMIT,
)
def article_process(self, article_id: int) -> dict:
    try:
        # A retry follows an error the task caught (the database blinked), not a kill: an article it
        # finds `processing` was not cut off and does not count towards giving up.
        article = lifecycle.article_process(article_id=article_id, after_transient_error=self.request.retries > 0,
                                            task_id=self.request.id or "")
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
