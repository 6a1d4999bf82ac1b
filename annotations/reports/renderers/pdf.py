"""PDF made by WeasyPrint from the same standalone HTML (needs Pango/HarfBuzz; see .ci/run)."""
from annotations.reports.document import ReportDocument
from annotations.reports.renderers.html import render as render_html

LABEL = "PDF"
CONTENT_TYPE = "application/pdf"
EXTENSION = "pdf"
# Going through the items (the HTML) is the small part; WeasyPrint's layout is the rest.
ITEMS_SHARE = 0.2


class PdfUnavailable(RuntimeError):
    """WeasyPrint or its system libraries are missing on this machine: the other formats still work."""


def render(doc: ReportDocument) -> bytes:
    try:
        from weasyprint import HTML  # imported here: loading Pango is slow and only PDFs need it
    except (ImportError, OSError) as error:
        raise PdfUnavailable(
            "PDF export is not available on this server: WeasyPrint needs Pango and HarfBuzz "
            "(apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 "
            f"fonts-dejavu-core). The other formats work. ({type(error).__name__}: {error})"
        ) from error
    return HTML(string=render_html(doc).decode(), base_url=None).write_pdf()
