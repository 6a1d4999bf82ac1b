"""What every Verity task shares: retry and acknowledgement options, and one failure recorder.

Tasks take IDs, are idempotent, and are acknowledged after their work is stored, so a redelivered
message costs a duplicate run and nothing else. Database hiccups are retried with jittered back-off.
"""
from collections.abc import Callable

from celery import Task

from verify.db import TRANSIENT_ERRORS

TASK_OPTIONS = {
    "acks_late": True,
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "max_retries": 5,
    # The outcome lives on the object; storing results would also make publishing wait on the
    # result backend (~20 s of reconnects when Redis is down) before the submitter hears back.
    "ignore_result": True,
}


class RecordsFailure(Task):
    """A task about one object (its first argument): when it gives up, it says why on that object.

    Each task passes `record_failure=failure_recorder(service)`, where `service(object_id, exc)` writes
    the reason; it runs once retries are exhausted or the error was not one to retry.
    """

    record_failure: Callable[[int, BaseException], object] | None = None

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        object_id = next(iter(kwargs.values()), None) if kwargs else (args[0] if args else None)
        if object_id is not None and self.record_failure is not None:
            self.record_failure(object_id, exc)


def failure_recorder(service: Callable[[int, BaseException], object]):
    """`service` as a task attribute (not bound to the task instance)."""
    return staticmethod(service)


def exception_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
