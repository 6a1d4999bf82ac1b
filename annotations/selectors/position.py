"""Where a claim stands in its queue ("Claim N of M", previous and next), at a cost that does not grow
with the queue: neighbours by keyset (index range scans each way from the claim's own order value: the
claims tied with it, then the others),
the total from a short-lived cached count, and the position counted only up to POSITION_COUNT_LIMIT rows.

Reading every id of the filtered queue to find one claim in it, as the claim page once did, cost
O(queue) twice per page view: seconds at a million claims.
"""
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from annotations.selectors.counts import queue_count
from annotations.selectors.queue import ClaimFilters, checked_order, claim_queue
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
    following = _beyond(queue, order=order, value=value, claim_id=claim.pk, forwards=True)
    preceding = _beyond(queue, order=order, value=value, claim_id=claim.pk, forwards=False)
    before = 0
    for part in preceding:  # the claims tied with it first, then the others, up to the limit in all
        if before < POSITION_COUNT_LIMIT:
            before += part.values("id")[:POSITION_COUNT_LIMIT - before].count()
    return QueuePosition(
        previous_id=_first_id(preceding),
        next_id=_first_id(following),
        index=before,
        total=max(total, before + 1),  # the cached total may be a few seconds old
        index_is_lower_bound=before == POSITION_COUNT_LIMIT,
    )


def _beyond(queue: QuerySet[Claim], *, order: str, value, claim_id: int, forwards: bool) -> tuple[QuerySet, QuerySet]:
    """The claims after the claim in `order` (or before it, walking backwards), nearest first, as two
    parts read one after the other: those tied with its order value (by id), then the others. Each part is
    one index range scan; a single `value < v OR (value = v AND id > n)` condition is not, and walks
    through every claim tied with it first (a fifth of the queue shares the scorer's 0.6 score)."""
    field = order.lstrip("-")
    descending = order.startswith("-") == forwards  # the direction this walk goes through the values
    tied = queue.filter(**{field: value, "id__gt" if forwards else "id__lt": claim_id}).order_by(
        "id" if forwards else "-id")
    others = queue.filter(**{f"{field}__{'lt' if descending else 'gt'}": value}).order_by(
        f"-{field}" if descending else field, "id" if forwards else "-id")
    return tied, others


def _first_id(parts: tuple[QuerySet, ...]) -> int | None:
    for part in parts:
        found = next(iter(part.values_list("id", flat=True)[:1]), None)
        if found is not None:
            return found
    return None
