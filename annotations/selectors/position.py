"""Where a claim stands in its queue ("Claim N of M", previous and next), at a cost that does not grow
with the queue: neighbours by keyset (one index range scan each way from the claim's own order value),
the total from a short-lived cached count, and the position counted only up to POSITION_COUNT_LIMIT rows.

Reading every id of the filtered queue to find one claim in it, as the claim page once did, cost
O(queue) twice per page view: seconds at a million claims.
"""
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from annotations.selectors.counts import queue_count
from annotations.selectors.queue import ClaimFilters, checked_order, claim_queue, claims_past
from verify.models import Claim

# Past this many claims before it, a claim's position reads "N+": counting further would cost O(queue).
POSITION_COUNT_LIMIT = 1_000


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
    total = queue_count(user=user, filters=filters)
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


def _reversed(order: str) -> str:
    return order[1:] if order.startswith("-") else f"-{order}"
