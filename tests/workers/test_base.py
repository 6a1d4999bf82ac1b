"""Retries outlast an outage: every task's back-off spans at least VERIFY_TASK_RETRY_WINDOW_SECONDS."""
import pytest
from django.conf import settings

from workers.base import BackoffTask, retries_for_window
from workers.ingest_tasks import article_fetch
from workers.matching_tasks import article_matches_find, claim_matches_find
from workers.report_tasks import report_export_build
from workers.tasks import article_process

TEN_MINUTES = 600


def shortest_retry_span(task) -> float:
    """The least time a task's retries can take in all: Celery's full jitter may make any wait zero;
    BackoffTask keeps at least half of each step."""
    if task.retry_jitter:
        return 0.0
    steps = [min(task.retry_backoff_max, task.retry_backoff * 2 ** retry) for retry in range(task.max_retries)]
    return sum(step / 2 for step in steps)


@pytest.mark.parametrize("task", [article_process, article_fetch, article_matches_find, claim_matches_find,
                                  report_export_build], ids=lambda task: task.name)
def test_a_tasks_retries_outlast_a_ten_minute_outage(task):
    assert isinstance(task._get_current_object(), BackoffTask)
    assert shortest_retry_span(task) >= max(TEN_MINUTES, settings.VERIFY_TASK_RETRY_WINDOW_SECONDS)
    assert task.retry_backoff_max <= 300, "a recovered database is noticed within minutes"


def test_the_retry_count_covers_the_window_and_no_more():
    retries = retries_for_window(window=900, factor=2, cap=120)
    half_steps = [min(120, 2 * 2 ** retry) / 2 for retry in range(retries)]
    assert sum(half_steps) >= 900 > sum(half_steps[:-1])
