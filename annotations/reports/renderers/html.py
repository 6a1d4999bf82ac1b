"""A standalone, printable HTML document (the downloadable file; the PDF is made from it)."""
from django.template.loader import render_to_string

from annotations.reports.document import ReportDocument
from annotations.reports.renderers.context import report_context

LABEL = "HTML"
CONTENT_TYPE = "text/html; charset=utf-8"
EXTENSION = "html"
ITEMS_SHARE = 1.0


def render(doc: ReportDocument) -> bytes:
    return render_to_string("reports/report_document.html", report_context(doc)).encode()
