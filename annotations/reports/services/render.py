"""report_render: the one entry point for every format (UI, API, command, worker)."""
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NamedTuple

from django.core.exceptions import ValidationError

from annotations.reports.document import ProgressItems
from annotations.reports.models import Report, ReportRevision
from annotations.reports.renderers import FORMATS, RENDERERS
from annotations.reports.selectors import report_document


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
    with _gc_paused(getattr(renderer, "PAUSE_GC", False)):
        content = renderer.render(doc)
    suffix = "draft" if doc.is_draft else f"r{doc.revision_number}"
    return RenderedReport(content, renderer.CONTENT_TYPE, f"{report.slug}-{suffix}.{renderer.EXTENSION}")


@contextmanager
def _gc_paused(pause: bool) -> Iterator[None]:
    """Pause the cyclic garbage collector while a renderer builds ~15 small objects per claim.

    Those objects all survive until the file is written, so the collector's passes find nothing and
    only re-scan them: measured at 10,000 claims, they were 40 % of the JSON-LD time (bench/reports.py).
    The renderers that set PAUSE_GC make no reference cycles; the collector resumes right after (in a
    threaded server another thread may resume it early, which only costs that time back).
    """
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
