"""Background work, asked for by task name: services enqueue tasks without importing task modules.

The task modules (workers/) sit above every service in the dependency order, so a service names the
task it wants (`TaskName`) and this module finds it in the Celery app's registry, importing the
task modules through Celery's own loader the first time. Going through the registered task keeps its
options (time limits, queue) in the message; with CELERY_TASK_ALWAYS_EAGER it runs inline.
"""
import logging
from enum import StrEnum

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)


class TaskName(StrEnum):
    """Every task's registered name: the contract between services and workers/."""

    ARTICLE_FETCH = "workers.article_fetch"
    ARTICLE_PROCESS = "workers.article_process"
    ARTICLE_MATCHES_FIND = "workers.article_matches_find"
    CLAIM_MATCHES_FIND = "workers.claim_matches_find"
    FACT_CHECK_FEED_POLL = "workers.fact_check_feed_poll"
    FACT_CHECK_FEEDS_POLL_DUE = "workers.fact_check_feeds_poll_due"
    FEED_POLL = "workers.feed_poll"
    FEEDS_POLL_DUE = "workers.feeds_poll_due"
    MATCH_INDEX_REBUILD = "workers.match_index_rebuild"
    REPORT_EXPORT_BUILD = "workers.report_export_build"
    SWEEP_STUCK_ARTICLES = "workers.sweep_stuck_articles"
    WEBHOOK_DELIVER = "workers.webhook_deliver"


def _registered(name: TaskName):
    tasks = current_app.tasks
    if name not in tasks:
        # The web process has not imported the task modules yet: Celery's loader imports them
        # (CELERY_IMPORTS and autodiscovery), as a worker does when it starts.
        current_app.loader.import_default_modules()
    return tasks[name]


def task_enqueue(name: TaskName, *args, queue: str | None = None) -> bool:
    """Hand a task to the broker now. False when the broker refused (the caller decides what that means)."""
    try:
        options = {"queue": queue} if queue else {}
        _registered(name).apply_async(args=list(args), **options)
    except Exception:  # kombu raises several unrelated types when the broker is down
        logger.exception("Could not enqueue %s%r", name, args)
        return False
    return True


def task_enqueue_on_commit(name: TaskName, *args, queue: str | None = None) -> None:
    """Hand a task to the broker once the surrounding transaction commits (at once outside one)."""
    transaction.on_commit(lambda: task_enqueue(name, *args, queue=queue))
