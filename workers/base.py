"""What every Verity task shares: retry and acknowledgement options, and one failure recorder.

Tasks take IDs, are idempotent, and are acknowledged after their work is stored, so a redelivered
message costs a duplicate run and nothing else. Database hiccups are retried with back-off that
outlasts an outage of VERIFY_TASK_RETRY_WINDOW_SECONDS (900 s): waits double up to a cap, each
somewhere between half and all of its step ("equal jitter": spread out, never collapsed to nothing).
"""
import logging
import random
from collections.abc import Callable

from celery import Task
from django.conf import settings

from verify.db import TRANSIENT_ERRORS
from verify.errors import ExtractionUnavailable

logger = logging.getLogger(__name__)


def retries_for_window(*, window: float, factor: float, cap: float) -> int:
    """How many retries make their shortest possible waits (half of each step) add up to `window`."""
    waited, retries = 0.0, 0
    while waited < window:
        waited += min(cap, factor * 2 ** retries) / 2
        retries += 1
    return retries


def retry_options(*, factor: int, cap: int) -> dict:
    """Celery's autoretry options for exponential back-off over the configured window (see BackoffTask)."""
    return {
        "retry_backoff": factor,
        "retry_backoff_max": cap,
        # Celery's own jitter may shorten a wait to nothing; BackoffTask jitters the other half only.
        "retry_jitter": False,
        "max_retries": retries_for_window(window=settings.VERIFY_TASK_RETRY_WINDOW_SECONDS, factor=factor, cap=cap),
    }


TASK_OPTIONS = {
    "acks_late": True,
    "autoretry_for": TRANSIENT_ERRORS,
    **retry_options(factor=2, cap=settings.VERIFY_TASK_RETRY_BACKOFF_MAX),
    # The outcome lives on the object; storing results would also make publishing wait on the
    # result backend (~20 s of reconnects when Redis is down) before the submitter hears back.
    "ignore_result": True,
}


class BackoffTask(Task):
    """Every task's class (config/celery.py): a back-off wait is jittered within its upper half, so
    tasks that failed together spread out without any of them giving up early."""

    def retry(self, args=None, kwargs=None, exc=None, throw=True, eta=None, countdown=None, max_retries=None,
              **options):
        if countdown:
            countdown = countdown / 2 + random.uniform(0, countdown / 2)
        return super().retry(args=args, kwargs=kwargs, exc=exc, throw=throw, eta=eta, countdown=countdown,
                             max_retries=max_retries, **options)


class RecordsFailure(BackoffTask):
    """A task about one object (its first argument): when it gives up, it says why on that object.

    Each task passes `record_failure=failure_recorder(service)`, where `service(object_id, exc)` writes
    the reason; it runs once retries are exhausted or the error was not one to retry. A worker that
    could not load its models failed, not the object: that is logged and the object left as it was
    (still pending: the sweeper and /healthz see it).
    """

    record_failure: Callable[[int, BaseException], object] | None = None

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        object_id = next(iter(kwargs.values()), None) if kwargs else (args[0] if args else None)
        if isinstance(exc, ExtractionUnavailable):
            logger.error("%s gave up on %s: %s", self.name, object_id, exc)
            return
        if object_id is not None and self.record_failure is not None:
            self.record_failure(object_id, exc)


def failure_recorder(service: Callable[[int, BaseException], object]):
    """`service` as a task attribute (not bound to the task instance)."""
    return staticmethod(service)


def exception_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
