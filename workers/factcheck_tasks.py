"""Celery tasks for ClaimReview feed subscriptions: thin, ID-only over annotations.factchecks.feeds.

A poll is idempotent (a review seen before is updated, not duplicated); fetch and data errors are
recorded on the subscription with back-off, so only database hiccups are retried here."""
from celery import shared_task

from annotations.factchecks import feeds
from verify.background import TaskName
from workers.base import TASK_OPTIONS


@shared_task(
    name=TaskName.FACT_CHECK_FEED_POLL,
    **{**TASK_OPTIONS, "retry_backoff_max": 600, "max_retries": 3, "ignore_result": False},
    soft_time_limit=300,
    time_limit=330,
)
def fact_check_feed_poll(feed_id: int) -> dict:
    outcome = feeds.fact_check_feed_poll(feed_id=feed_id)
    if outcome is None:
        return {"feed": feed_id, "imported": 0}
    return {"feed": feed_id, "imported": outcome.imported, "rejected": len(outcome.rejected)}


@shared_task(
    name=TaskName.FACT_CHECK_FEEDS_POLL_DUE,
    **{**TASK_OPTIONS, "acks_late": False, "retry_backoff": False, "max_retries": 2, "ignore_result": False},
    soft_time_limit=50,
    time_limit=60,
)
def fact_check_feeds_poll_due() -> dict:
    return {"enqueued": feeds.fact_check_feeds_poll_due()}
