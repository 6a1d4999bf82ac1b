"""A poison article ends `failed` with its error after bounded work and never blocks the queue.

The poison is real, not a test hook: an article that extraction cannot finish within the task's
time limit (the limits come from the environment; here they are 2 s / 5 s instead of 300 s / 330 s). The worker has one process, so "never blocks the queue" is observable: the
normal article submitted right after it must be processed by that same process.
"""
import pytest

from tests.faults.conftest import article_processed, wait_for
from verify import lifecycle
from verify.models import Article, ArticleStatus
from workers.tasks import article_process

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PARAGRAPH = (
    "Officials in Kyiv said on Monday that 14 bridges were destroyed in the Kharkiv region, according to "
    "the ministry. The ministry reported that 2,300 homes lost power after the strike, a figure disputed "
    "by the mayor.\n\n"
)
NORMAL = "The ministry said on Tuesday that 1,200 homes in Odesa had their power restored."


def test_an_article_that_never_finishes_in_time_fails_with_its_error_and_the_next_one_is_processed(
    fault_queue, workers, monkeypatch
):
    # Time limits travel in the message headers, set by the publisher from the same settings the
    # worker reads: this is what a deployment with VERIFY_TASK_SOFT_TIME_LIMIT=2 looks like.
    monkeypatch.setattr(article_process, "soft_time_limit", 2)
    monkeypatch.setattr(article_process, "time_limit", 5)
    monkeypatch.setattr(article_process, "_exec_options", None)  # Celery caches them at the first send
    workers(queue=fault_queue, concurrency=1,
            extra_env={"VERIFY_TASK_SOFT_TIME_LIMIT": "2", "VERIFY_TASK_TIME_LIMIT": "5"})
    # The first article of a fresh process finishes inside the 2 s limit: the process loaded spaCy and
    # the scorer when it started (workers/tasks.py), not in the article's time.
    assert article_processed(text=NORMAL + " Warm-up.", title="Warm-up").status == ArticleStatus.DONE

    def finished(article_id):
        return Article.objects.filter(pk=article_id, status__in=[ArticleStatus.DONE, ArticleStatus.FAILED]).first()
    # Several thousand sentences: far more than 2 s of extraction on any machine.
    poison = lifecycle.article_submit(kind="text", text=PARAGRAPH * 400, title="Poison").article
    normal = lifecycle.article_submit(kind="text", text=NORMAL, title="Normal").article

    poison_done = wait_for(lambda: finished(poison.pk), timeout=90, message="the poison article to end")
    assert poison_done.status == ArticleStatus.FAILED
    # Soft limit: the service words it; hard limit: on_failure records the exception.
    assert "longer than the" in poison_done.error or "TimeLimitExceeded" in poison_done.error
    assert poison_done.processing_attempts == 1, "a deterministic failure is not retried"
    assert not poison_done.claims.exists(), "claims are stored only when extraction completes"

    normal_done = wait_for(lambda: finished(normal.pk), timeout=60, message="the normal article after the poison")
    assert normal_done.status == ArticleStatus.DONE, normal_done.error
    assert normal_done.claims.exists()
