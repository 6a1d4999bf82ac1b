"""Template context shared by the downloadable HTML, the PDF and the public permalink page."""
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from annotations.reports.claimants import claimant_kind, claimant_type_label
from annotations.reports.document import ReportDocument, item_anchor
from annotations.reports.rating import verdict_label
from annotations.reports.renderers.claimreview import jsonld_for_script
from verify.models import ClaimantType


REPORT_CSS = Path(__file__).resolve().parent.parent / "static" / "reports" / "report.css"


@lru_cache(maxsize=1)
def report_css() -> str:
    """The page's stylesheet, inlined into the standalone HTML file and the PDF (no server to fetch it)."""
    return REPORT_CSS.read_text(encoding="utf-8")


class _ItemView(dict):
    """An item dict plus what the template needs (label, anchor, stale flag, claimant kind)."""


def report_context(doc: ReportDocument, *, stale_claim_ids: frozenset = frozenset()) -> dict:
    def views():
        for item in doc.items:
            view = _ItemView(item)
            view["verdict_label"] = verdict_label(item["verdict"])
            view["anchor"] = item_anchor(item)
            view["stale"] = item["claim_id"] in stale_claim_ids
            kind = claimant_kind(item)
            view["claimant_unnamed"] = kind == ClaimantType.UNNAMED
            view["claimant_kind"] = "" if view["claimant_unnamed"] else claimant_type_label(kind).lower()
            yield view

    # The JSON-LD reads the bare items: progress is reported once, by the visible list below.
    jsonld = jsonld_for_script(replace(doc, items=getattr(doc.items, "raw", doc.items)))
    return {"doc": doc, "items": _Sized(views(), len(doc.items)), "jsonld": jsonld, "report_css": report_css()}


class _Sized:
    """A one-pass iterable with a length, so {% for %} does not copy it into a list first."""

    def __init__(self, iterator, length: int):
        self._iterator = iterator
        self._length = length

    def __len__(self) -> int:
        return self._length

    def __iter__(self):
        return self._iterator
