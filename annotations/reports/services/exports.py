"""Report files built by a worker: requested here, run by workers/report_tasks.py, stored in MEDIA_ROOT."""
import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from verify.audit.models import AuditAction
from verify.audit.services import audit_record
from annotations.reports.models import ExportStatus, Report, ReportExport, ReportRevision
from annotations.reports.renderers import FORMATS
from annotations.reports.services.render import report_render
from verify.background import TaskName, task_enqueue
from verify.db import TRANSIENT_ERRORS

logger = logging.getLogger(__name__)


def report_export_request(*, report: Report, fmt: str, requested_by: AbstractBaseUser,
                          revision: ReportRevision | None = None, draft: bool = False) -> ReportExport:
    """Record the request and hand it to the workers once the transaction commits.

    No revision: the latest one; draft=True (or nothing published yet): a preview of the current data.
    """
    if fmt not in FORMATS:
        raise ValidationError({"format": f"Unknown format {fmt!r}; choose one of {', '.join(FORMATS)}."})
    if draft:
        revision = None
    elif revision is None:
        revision = report.revisions.order_by("-number").first()
    with transaction.atomic():
        export = ReportExport.objects.create(report=report, revision=revision, fmt=fmt, requested_by=requested_by)
        audit_record(actor=requested_by, action=AuditAction.REPORT_EXPORT, target=report,
                     after={"export": export.pk, "format": fmt,
                            "revision": revision.number if revision else None})
        transaction.on_commit(lambda: _enqueue(export_id=export.pk))
    return export


def _enqueue(*, export_id: int) -> None:
    if not task_enqueue(TaskName.REPORT_EXPORT_BUILD, export_id):
        # The broker is down: say so on the export instead of leaving it pending for ever.
        ReportExport.objects.filter(pk=export_id, status=ExportStatus.PENDING).update(
            status=ExportStatus.FAILED, error="The task queue is unavailable; try again later.",
            finished_at=timezone.now())


def report_export_run(*, export_id: int) -> ReportExport:
    """Build the file with progress updates. Idempotent: a finished export is left as it is."""
    export = ReportExport.objects.select_related("report", "revision").get(pk=export_id)
    if export.status == ExportStatus.DONE:
        return export
    ReportExport.objects.filter(pk=export_id).update(status=ExportStatus.RUNNING, progress=0, error="")
    last = [0]

    def progress(fraction: float) -> None:
        percent = min(99, int(fraction * 100))
        if percent > last[0]:  # one small UPDATE per percent at most
            last[0] = percent
            ReportExport.objects.filter(pk=export_id).update(progress=percent)

    try:
        rendered = report_render(report=export.report, fmt=export.fmt, revision=export.revision,
                                 draft=export.revision is None, progress=progress)
    except TRANSIENT_ERRORS:
        raise  # the task retries these
    except Exception as exc:
        logger.exception("Report export %s failed", export_id)
        ReportExport.objects.filter(pk=export_id).update(
            status=ExportStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], finished_at=timezone.now())
        export.refresh_from_db()
        return export
    export.refresh_from_db()
    if export.file:
        export.file.delete(save=False)  # a rerun after a crash replaces the half-written file
    export.file.save(rendered.filename, ContentFile(rendered.content), save=False)
    export.filename = rendered.filename
    export.content_type = rendered.content_type
    export.status = ExportStatus.DONE
    export.progress = 100
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "filename", "content_type", "status", "progress", "finished_at"])
    return export


def report_export_fail(*, export_id: int, error: str) -> None:
    """Retries exhausted: record why on the export."""
    ReportExport.objects.filter(pk=export_id).exclude(status=ExportStatus.DONE).update(
        status=ExportStatus.FAILED, error=error[:2000], finished_at=timezone.now())
