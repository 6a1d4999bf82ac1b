"""report_render: the one entry point for every format (UI, API, command, worker)."""
from collections.abc import Callable
from typing import NamedTuple

from django.core.exceptions import ValidationError

from verify.reports.document import ProgressItems
from verify.reports.models import Report, ReportRevision
from verify.reports.renderers import FORMATS, RENDERERS
from verify.reports.selectors import report_document


class RenderedReport(NamedTuple):
    content: bytes
    content_type: str
    filename: str


def report_render(
    *,
    report: Report,
    fmt: str,
    revision: ReportRevision | None = None,
    draft: bool = False,
    progress: Callable[[float], None] | None = None,
) -> RenderedReport:
    """The report in `fmt`: the given revision, else the latest published one, else a draft preview.

    `progress`, if given, is called with the fraction done (0..1) while the items are rendered.
    """
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise ValidationError({"format": f"Unknown format {fmt!r}; choose one of {', '.join(FORMATS)}."})
    doc = report_document(report=report, revision=revision, draft=draft)
    if progress is not None:
        doc.items = ProgressItems(list(doc.items), progress, share=renderer.ITEMS_SHARE)
    content = renderer.render(doc)
    suffix = "draft" if doc.is_draft else f"r{doc.revision_number}"
    return RenderedReport(content, renderer.CONTENT_TYPE, f"{report.slug}-{suffix}.{renderer.EXTENSION}")
