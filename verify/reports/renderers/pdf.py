"""PDF made by WeasyPrint from the same standalone HTML (needs Pango/HarfBuzz; see .ci/run)."""
from verify.reports.document import ReportDocument
from verify.reports.renderers import html

CONTENT_TYPE = "application/pdf"
EXTENSION = "pdf"
# Going through the items (the HTML) is the small part; WeasyPrint's layout is the rest.
ITEMS_SHARE = 0.2


def render(doc: ReportDocument) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango is slow and only PDFs need it

    return HTML(string=html.render(doc).decode(), base_url=None).write_pdf()
