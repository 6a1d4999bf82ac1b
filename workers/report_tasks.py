"""Celery task that builds a report file (large reports): thin, ID-only, idempotent."""
from celery import shared_task

from annotations.reports.services import report_export_fail, report_export_run
from verify.background import TaskName
from workers.base import TASK_OPTIONS, RecordsFailure, exception_text, failure_recorder


@shared_task(
    base=RecordsFailure,
    record_failure=failure_recorder(
        lambda export_id, exc: report_export_fail(export_id=export_id, error=exception_text(exc))),
    name=TaskName.REPORT_EXPORT_BUILD,
    **TASK_OPTIONS,
    reject_on_worker_lost=True,
    # A 10,000-claim PDF takes minutes on one core; the other formats take seconds.
    soft_time_limit=1200,
    time_limit=1260,
)
def report_export_build(export_id: int) -> dict:
    export = report_export_run(export_id=export_id)
    return {"export": export.pk, "status": export.status}
