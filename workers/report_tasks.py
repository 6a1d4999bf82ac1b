"""Celery task that builds a report file (large reports): thin, ID-only, idempotent."""
from celery import Task, shared_task

from verify.services import TRANSIENT_ERRORS


class ReportExportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        from verify.reports.services.exports import report_export_fail

        export_id = kwargs.get("export_id", args[0] if args else None)
        if export_id is not None:
            report_export_fail(export_id=export_id, error=f"{type(exc).__name__}: {exc}")


@shared_task(
    base=ReportExportTask,
    name="workers.report_export_build",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
    # A 10,000-claim PDF takes minutes on one core; the other formats take seconds.
    soft_time_limit=1200,
    time_limit=1260,
    ignore_result=True,
)
def report_export_build(export_id: int) -> dict:
    from verify.reports.services import report_export_run

    export = report_export_run(export_id=export_id)
    return {"export": export.pk, "status": export.status}
