"""Re-enqueue articles whose processing message was lost.

A message can be lost when the broker was down at submission (the article stays `pending`), or
when Redis lost its data while a worker held the message (the article stays `processing`). The
periodic sweeper (`workers.sweep_stuck_articles`, scheduled by CELERY_BEAT_SCHEDULE) hands such
articles to the queue again. Processing is idempotent, so re-enqueueing an article whose message
was only slow costs one duplicate run and nothing else.
"""
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from verify import lifecycle
from verify.models import Article, ArticleStatus
from verify.processing_batch import processing_stuck_after

logger = logging.getLogger(__name__)

# At most this many articles per sweep, oldest first, so a large backlog is re-queued gradually.
SWEEP_BATCH_SIZE = 500


def articles_stuck(*, older_than: timedelta, processing_older_than: timedelta | None = None):
    """`pending` articles not touched for `older_than`, `processing` ones past the task's time limit."""
    now = timezone.now()
    processing_older_than = max(older_than, processing_older_than or processing_stuck_after())
    return Article.objects.filter(
        Q(status=ArticleStatus.PENDING, updated_at__lt=now - older_than)
        | Q(status=ArticleStatus.PROCESSING, updated_at__lt=now - processing_older_than)
    ).order_by("updated_at", "id")


def articles_requeue_stuck(
    *, older_than: timedelta, processing_older_than: timedelta | None = None, limit: int = SWEEP_BATCH_SIZE
) -> int:
    """Hand stuck articles to the queue again; returns how many were enqueued.

    Each re-enqueued article is set `pending` and its `updated_at` touched, so the next sweep leaves
    it alone for another `older_than` (no flood of duplicates while a backlog drains). The sweep
    stops at the first broker refusal: the broker is down, and the next sweep tries again.
    """
    candidates = list(
        articles_stuck(older_than=older_than, processing_older_than=processing_older_than)
        .values_list("pk", "status", "updated_at")[:limit]
    )
    requeued = 0
    for article_id, status, updated_at in candidates:
        with transaction.atomic():
            # Claim the article only if nobody changed it since we looked (a worker may have started it).
            claimed = Article.objects.filter(pk=article_id, status=status, updated_at=updated_at).update(
                status=ArticleStatus.PENDING, updated_at=timezone.now()
            )
        if not claimed:
            continue
        if not lifecycle.article_advance(article_id=article_id):
            logger.warning("Sweeper: the broker refused article %s; stopping this sweep", article_id)
            break
        requeued += 1
    if requeued:
        logger.info("Sweeper re-enqueued %d stuck article(s)", requeued)
    return requeued
