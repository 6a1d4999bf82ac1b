"""One module per format; each exposes LABEL (its name on the pages), CONTENT_TYPE, EXTENSION, ITEMS_SHARE
and render(doc) -> bytes (and PAUSE_GC = True when it makes no reference cycles; see services/render.py)."""
from annotations.reports.renderers import claimreview, csv, html, markdown, pdf

RENDERERS = {
    "claimreview": claimreview,
    "html": html,
    "md": markdown,
    "csv": csv,
    "pdf": pdf,
}
FORMATS = tuple(RENDERERS)
# (key, label) pairs for forms and pages, in the order above.
FORMAT_CHOICES = [(key, module.LABEL) for key, module in RENDERERS.items()]
