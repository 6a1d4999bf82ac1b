"""One decision for every download (page, API): which version of the report, and whether the file is
rendered now or built by a worker."""
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from annotations.reports.models import Report, ReportExport, ReportRevision
from annotations.reports.selectors import report_latest_revision
from annotations.reports.services.exports import report_export_request
from annotations.reports.services.render import RenderedReport, report_render


@dataclass(frozen=True)
class Download:
    """Either the file (`rendered`) or the background export building it (`export`)."""

    claims: int
    rendered: RenderedReport | None = None
    export: ReportExport | None = None


def report_download(*, report: Report, fmt: str, requested_by: AbstractBaseUser,
                    revision: ReportRevision | None = None, draft: bool = False) -> Download:
    """The given revision, else the latest published one; a draft preview of the current data when asked
    or when nothing is published yet. Over VERIFY_REPORT_SYNC_MAX_CLAIMS claims a worker builds it."""
    if not draft and revision is None:
        revision = report_latest_revision(report=report)
    draft = draft or revision is None
    claims = report.report_claims.count() if draft else revision.items.count()
    if claims > settings.VERIFY_REPORT_SYNC_MAX_CLAIMS:
        export = report_export_request(report=report, fmt=fmt, requested_by=requested_by,
                                       revision=None if draft else revision, draft=draft)
        return Download(claims=claims, export=export)
    rendered = report_render(report=report, fmt=fmt, revision=None if draft else revision, draft=draft)
    return Download(claims=claims, rendered=rendered)
