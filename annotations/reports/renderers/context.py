"""Template context shared by the downloadable HTML, the PDF and the public pages."""
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from annotations.reports.claimants import claimant_kind, claimant_type_label
from annotations.reports.corrections import change_labels
from annotations.reports.document import ReportDocument, claim_page_url, item_anchor, item_claim_reviewed
from annotations.reports.rating import RATING_SCALE, verdict_label
from verify.models import ClaimantType


REPORT_CSS = Path(__file__).resolve().parent.parent / "static" / "reports" / "report.css"


@lru_cache(maxsize=1)
def report_css() -> str:
    """The page's stylesheet, inlined into the standalone HTML file and the PDF (no server to fetch it)."""
    return REPORT_CSS.read_text(encoding="utf-8")


class _ItemView(dict):
    """An item dict plus what the template needs (label, anchor, claim page, stale flag, claimant kind)."""


def item_view(doc: ReportDocument, item: dict, *, stale_claim_ids: frozenset = frozenset(),
              absolute: bool = True) -> _ItemView:
    """`absolute`: claim links carry VERIFY_SITE_URL (files read elsewhere); the site's own pages link by path."""
    view = _ItemView(item)
    view["verdict_label"] = verdict_label(item["verdict"])
    view["anchor"] = item_anchor(item)
    view["summary"] = item_claim_reviewed(item)
    view["stale"] = item["claim_id"] in stale_claim_ids
    view["change_labels"] = change_labels(item.get("changes") or [])
    # Published claims have their own page (the current one: revision pages are not where readers land).
    view["claim_url"] = ""
    if item.get("claim_id") and not doc.is_draft:
        view["claim_url"] = (claim_page_url(slug=doc.slug, claim_id=item["claim_id"]) if absolute
                             else reverse("reports-public:claim", args=[doc.slug, item["claim_id"]]))
    kind = claimant_kind(item)
    view["claimant_unnamed"] = kind == ClaimantType.UNNAMED
    view["claimant_kind"] = "" if view["claimant_unnamed"] else claimant_type_label(kind).lower()
    return view


def public_links() -> dict:
    """What every public page shows beside the report: the rating scale and the corrections links."""
    return {"rating_scale": RATING_SCALE, "corrections_url": settings.VERIFY_CORRECTIONS_URL,
            "error_report_url": settings.VERIFY_ERROR_REPORT_URL}


def report_context(doc: ReportDocument, *, stale_claim_ids: frozenset = frozenset(), absolute: bool = True) -> dict:
    views = (item_view(doc, item, stale_claim_ids=stale_claim_ids, absolute=absolute) for item in doc.items)
    return {"doc": doc, "items": _Sized(views, len(doc.items)), "report_css": report_css(), **public_links()}


class _Sized:
    """A one-pass iterable with a length, so {% for %} does not copy it into a list first."""

    def __init__(self, iterator, length: int):
        self._iterator = iterator
        self._length = length

    def __len__(self) -> int:
        return self._length

    def __iter__(self):
        return self._iterator
