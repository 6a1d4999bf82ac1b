"""One module per format; each exposes CONTENT_TYPE, EXTENSION, ITEMS_SHARE and render(doc) -> bytes
(and PAUSE_GC = True when it makes no reference cycles; see services/render.py)."""
from verify.reports.renderers import claimreview, csv, html, markdown, pdf

RENDERERS = {
    "claimreview": claimreview,
    "html": html,
    "md": markdown,
    "csv": csv,
    "pdf": pdf,
}
FORMATS = tuple(RENDERERS)
