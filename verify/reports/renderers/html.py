"""A standalone, printable HTML document (the downloadable file; the PDF is made from it)."""
from django.template.loader import render_to_string

from verify.reports.document import ReportDocument
from verify.reports.renderers.context import report_context

CONTENT_TYPE = "text/html; charset=utf-8"
EXTENSION = "html"
ITEMS_SHARE = 1.0


def render(doc: ReportDocument) -> bytes:
    return render_to_string("reports/report_document.html", report_context(doc)).encode()
