"""Reads for the review desk: the queue (queue.py), the API's claim list compiled from it (claim_list.py),
a claim's history (history.py), sign-off (signoff.py) and agreement between reviewers (agreement.py)."""
from annotations.selectors.agreement import agreement_summary, cohen_kappa
from annotations.selectors.claim_list import (
    claim_list_timestamp,
    claim_list_values,
)
from annotations.selectors.history import (
    HistoryEvent,
    claim_history,
    claim_reviews,
    claim_sources,
)
from annotations.selectors.queue import (
    CLAIM_ORDERS,
    STATEMENT_ARGUMENTS,
    ClaimFilters,
    checked_order,
    checked_verdict,
    claim_filter_arguments,
    claim_queue,
    claims_filter,
    claims_for_display,
    claims_narrowed,
    claims_past,
    verdict_counts,
)
from annotations.selectors.counts import queue_count, queue_verdict_counts
from annotations.selectors.position import QueuePosition, queue_position
from annotations.selectors.signoff import (
    claim_is_final,
    claims_final,
    desk_settings_get,
    review_pending_first,
    signoff_mode,
)

__all__ = [
    "CLAIM_ORDERS", "STATEMENT_ARGUMENTS", "ClaimFilters", "HistoryEvent", "checked_order", "checked_verdict",
    "claim_filter_arguments", "claim_history", "claim_list_timestamp", "claim_list_values",
    "claim_queue", "claim_reviews", "claim_sources", "claims_filter", "claims_for_display", "claims_narrowed",
    "claims_past", "queue_count", "queue_position", "queue_verdict_counts", "QueuePosition", "verdict_counts",
    "agreement_summary", "cohen_kappa", "claim_is_final", "claims_final", "desk_settings_get",
    "review_pending_first", "signoff_mode",
]
