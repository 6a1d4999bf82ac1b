"""Claim matching tasks: thin, ID-only wrappers over annotations.matching.services."""
from celery import shared_task
from celery.signals import worker_process_init

from annotations.matching import services
from annotations.matching.index import shared_index
from verify.background import TaskName
from workers.base import TASK_OPTIONS

# Both matching tasks: idempotent (a unique (claim, document) pair makes a rerun add nothing and keeps
# decisions). Mostly tens of ms, but a task that lands on a freshly started worker waits for its
# index build, hence the generous limits.
MATCHING_LIMITS = {"soft_time_limit": 120, "time_limit": 150}


@shared_task(name=TaskName.ARTICLE_MATCHES_FIND, **TASK_OPTIONS, **MATCHING_LIMITS)
def article_matches_find(article_id: int) -> int:
    return services.article_matches_find(article_id=article_id)


@shared_task(name=TaskName.CLAIM_MATCHES_FIND, **TASK_OPTIONS, **MATCHING_LIMITS)
def claim_matches_find(claim_id: int) -> int:
    return len(services.claim_matches_find(claim_id=claim_id))


@worker_process_init.connect
def _matching_index_warm(**kwargs) -> None:
    """Build this worker process's index copy in the background as soon as it starts, so the first
    matching task does not pay the cold load (~30-45 s at 100,000 claims); tasks wait on its lock."""
    shared_index.warm_in_background()
