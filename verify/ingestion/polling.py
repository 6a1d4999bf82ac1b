"""Polled subscriptions (article feeds, fact-check feeds): due polls enqueued once, failures backed off.

A subscription model has `enabled`, `poll_interval_minutes`, `next_poll_at`, `last_polled_at`,
`consecutive_failures` and `last_error` (`last_error_at` if it keeps one). Celery beat calls
`polls_enqueue_due` every minute; the poll itself records its success or `poll_failure_record`.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from verify.background import TaskName, task_enqueue

logger = logging.getLogger(__name__)

# An enqueued poll pushes next_poll_at this far ahead, so overlapping beats do not enqueue it twice;
# the poll then sets the real next time. A lost poll message is thus retried after this long.
POLL_LEASE = timedelta(minutes=15)
DUE_BATCH_SIZE = 200


def polls_enqueue_due(*, model: type[models.Model], task: TaskName) -> int:
    """Enqueue `task` for every enabled subscription whose time has come; how many were enqueued."""
    now = timezone.now()
    due = list(model.objects.filter(enabled=True)
               .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
               .order_by("next_poll_at", "pk").values_list("pk", "next_poll_at")[:DUE_BATCH_SIZE])
    enqueued = 0
    for pk, next_poll_at in due:
        if not model.objects.filter(pk=pk, next_poll_at=next_poll_at).update(next_poll_at=now + POLL_LEASE):
            continue  # another beat claimed it
        if not task_enqueue(task, pk, queue=settings.VERIFY_FETCH_QUEUE or None):
            model.objects.filter(pk=pk).update(next_poll_at=next_poll_at)  # the broker is down: stay due
            break
        enqueued += 1
    return enqueued


def poll_backoff(*, interval_minutes: int, failures: int) -> timedelta:
    """After n consecutive failures the next poll waits interval × 2^n, capped."""
    minutes = interval_minutes * (2 ** min(failures, 16))
    return timedelta(minutes=min(minutes, settings.VERIFY_FEED_MAX_BACKOFF_MINUTES))


def poll_failure_record(*, model: type[models.Model], pk: int, error: str) -> models.Model:
    """Count a failed poll on the subscription and put its next poll off by the back-off."""
    now = timezone.now()
    with transaction.atomic():
        subscription = model.objects.select_for_update().get(pk=pk)
        subscription.consecutive_failures += 1
        subscription.last_polled_at = now
        subscription.last_error = error[:2000]
        if hasattr(subscription, "last_error_at"):
            subscription.last_error_at = now
        subscription.next_poll_at = now + poll_backoff(interval_minutes=subscription.poll_interval_minutes,
                                                       failures=subscription.consecutive_failures)
        subscription.save()
    logger.warning("%s %s failed (%s in a row): %s", model.__name__, pk, subscription.consecutive_failures, error)
    return subscription
