"""Claim matching tasks (issue 7): thin, ID-only wrappers over verify.matching.services."""
import logging

from celery import shared_task
from celery.signals import worker_process_init
from django.db import transaction

from verify.models import Article, ArticleStatus
from verify.services import TRANSIENT_ERRORS

logger = logging.getLogger(__name__)


# Both matching tasks: idempotent (a unique (claim, document) pair makes a rerun add nothing and keeps
# decisions), so acknowledged late. Mostly tens of ms, but a task that lands on a freshly started
# worker waits for its index build, hence the generous limits.
MATCHING_TASK_OPTIONS = {
    "acks_late": True,
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "max_retries": 5,
    "soft_time_limit": 120,
    "time_limit": 150,
    "ignore_result": True,
}


@shared_task(name="workers.article_matches_find", **MATCHING_TASK_OPTIONS)
def article_matches_find(article_id: int) -> int:
    from verify.matching.services import article_matches_find as find

    return find(article_id=article_id)


@shared_task(name="workers.claim_matches_find", **MATCHING_TASK_OPTIONS)
def claim_matches_find(claim_id: int) -> int:
    from verify.matching.services import claim_matches_find as find

    return len(find(claim_id=claim_id))


def claim_matches_enqueue(*, claim_id: int) -> None:
    """Look for earlier checks of one claim again (after its text was edited), once committed."""

    def publish() -> None:
        try:
            claim_matches_find.delay(claim_id)
        except Exception:  # a broker outage must not fail the edit; `match_claims` can rerun it
            logger.exception("Could not enqueue claim matching for claim %s", claim_id)

    transaction.on_commit(publish)


def article_matches_enqueue(*, article: Article) -> None:
    """After an article's claims are stored: look for earlier checks of them, once committed."""
    if article.status != ArticleStatus.DONE:
        return

    def publish() -> None:
        try:
            article_matches_find.delay(article.pk)
        except Exception:  # a broker outage must not fail article processing; matching can rerun
            logger.exception("Could not enqueue claim matching for article %s", article.pk)

    transaction.on_commit(publish)


@worker_process_init.connect
def _matching_index_warm(**kwargs) -> None:
    """Build this worker process's index copy in the background as soon as it starts, so the first
    matching task does not pay the cold load (~30-45 s at 100,000 claims); tasks wait on its lock."""

    from verify.matching.index import shared_index

    shared_index.warm_in_background()
