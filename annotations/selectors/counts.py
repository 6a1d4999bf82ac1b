"""The queue's sizes per verdict (the queue page's tabs, "Claim N of M"), counted at most once per
VERIFY_QUEUE_COUNT_CACHE_SECONDS for each filter: a count reads every claim the filter keeps, which at a
million claims costs more than the rest of a page together."""
import dataclasses
import hashlib
import logging

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache

from annotations.selectors.queue import ClaimFilters, claim_queue, verdict_counts

logger = logging.getLogger(__name__)


def queue_verdict_counts(*, user: AbstractBaseUser, filters: ClaimFilters) -> dict[str, int]:
    """How many claims of the queue `filters` narrows, ignoring its verdict, carry each verdict. Cached
    per filter (and per user for "assigned to me"); counted directly when the cache is unreachable."""
    filters = dataclasses.replace(filters, verdict=None, order=None)
    key = "queue-counts:" + hashlib.sha256(
        repr((sorted(vars(filters).items()), user.pk if filters.assigned_to_me else None)).encode()).hexdigest()
    try:
        cached = cache.get(key)
    except Exception:  # the cache backend's connection errors have no common base class
        logger.warning("Cache unreachable; counting the queue directly.", exc_info=True)
        cached, key = None, None
    if cached is not None:
        return cached
    counts = verdict_counts(queryset=claim_queue(user=user, filters=filters))
    if key is not None:
        try:
            cache.set(key, counts, timeout=settings.VERIFY_QUEUE_COUNT_CACHE_SECONDS)
        except Exception:  # as above: counts that cannot be cached are still right
            logger.warning("Cache unreachable; the queue counts were not cached.", exc_info=True)
    return counts


def queue_count(*, user: AbstractBaseUser, filters: ClaimFilters) -> int:
    """How many claims the queue `filters` narrows holds (from queue_verdict_counts)."""
    counts = queue_verdict_counts(user=user, filters=filters)
    return counts.get(filters.verdict, 0) if filters.verdict else sum(counts.values())
