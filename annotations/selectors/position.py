"""Where a claim stands in its queue ("Claim N of M", previous and next), at a cost that does not grow
with the queue: neighbours by keyset (one index range scan each way from the claim's own order value),
the total from a short-lived cached count, and the position counted only up to POSITION_COUNT_LIMIT rows.

Reading every id of the filtered queue to find one claim in it, as the claim page once did, cost
O(queue) twice per page view: seconds at a million claims.
"""
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db.models import QuerySet

from annotations.selectors.queue import ClaimFilters, checked_order, claim_queue, claims_past
from verify.models import Claim

logger = logging.getLogger(__name__)

# Past this many claims before it, a claim's position reads "N+": counting further would cost O(queue).
POSITION_COUNT_LIMIT = 5_000


@dataclass(frozen=True)
class QueuePosition:
    previous_id: int | None
    next_id: int | None
    index: int | None  # 0-based position of the claim in the queue, None when it is not in it
    total: int
    index_is_lower_bound: bool = False  # the claim stands at `index` or further down


def queue_position(*, user: AbstractBaseUser, filters: ClaimFilters, claim: Claim) -> QueuePosition:
    """The claim's neighbours and position in the filtered queue; a claim outside the queue (already
    judged, or opened from an article) leads to the queue's first claim."""
    queue = claim_queue(user=user, filters=filters)
    total = queue_count(user=user, filters=filters, queue=queue)
    if not queue.filter(pk=claim.pk).exists():
        first = queue.exclude(pk=claim.pk).values_list("id", flat=True)[:1]
        return QueuePosition(previous_id=None, next_id=next(iter(first), None), index=None, total=total)
    order = checked_order(filters.order)
    value = getattr(claim, order.lstrip("-"))
    following = claims_past(queue, order=order, value=value, last_id=claim.pk)
    preceding = claims_past(queue, order=_reversed(order), value=value, last_id=claim.pk, descending_ids=True)
    before = preceding.values("id")[:POSITION_COUNT_LIMIT].count()
    return QueuePosition(
        previous_id=next(iter(preceding.values_list("id", flat=True)[:1]), None),
        next_id=next(iter(following.values_list("id", flat=True)[:1]), None),
        index=before,
        total=max(total, before + 1),  # the cached total may be a few seconds old
        index_is_lower_bound=before == POSITION_COUNT_LIMIT,
    )


def queue_count(*, user: AbstractBaseUser, filters: ClaimFilters, queue: QuerySet[Claim]) -> int:
    """How many claims the filtered queue holds, counted at most once per VERIFY_QUEUE_COUNT_CACHE_SECONDS
    for each filter (and user, for "assigned to me"); counted directly when the cache is unreachable."""
    key = "queue-count:" + hashlib.sha256(
        repr((sorted(vars(filters).items()), user.pk if filters.assigned_to_me else None)).encode()).hexdigest()
    try:
        cached = cache.get(key)
    except Exception:  # the cache backend's connection errors have no common base class
        logger.warning("Cache unreachable; counting the queue directly.", exc_info=True)
        return queue.order_by().count()
    if cached is not None:
        return cached
    total = queue.order_by().count()
    try:
        cache.set(key, total, timeout=settings.VERIFY_QUEUE_COUNT_CACHE_SECONDS)
    except Exception:  # as above: a count that cannot be cached is still right
        logger.warning("Cache unreachable; the queue count was not cached.", exc_info=True)
    return total


def _reversed(order: str) -> str:
    return order[1:] if order.startswith("-") else f"-{order}"
