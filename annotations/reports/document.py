"""The one shape every renderer reads: a report (a revision or a draft preview) and its items.

Items are plain dicts (the ReportItem columns in ITEM_FIELDS) so a published revision is read with a
single `.values()` query and a draft preview is built from live rows in the same shape.
"""
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.urls import reverse

ITEM_FIELDS = (
    "position", "claim_id", "review_id_frozen", "claim_text", "claim_reviewed", "claimant", "claimant_type",
    "verdict", "rationale", "reviewer", "reviewed_at", "sources", "article_id", "article_title", "article_url",
    "article_publisher", "article_published_at", "first_published_at", "changes",
)


def report_permalink(*, slug: str, revision_number: int | None = None) -> str:
    """The absolute public address (settings.VERIFY_SITE_URL + /r/<slug>/)."""
    if revision_number is None:
        path = reverse("reports-public:permalink", args=[slug])
    else:
        path = reverse("reports-public:revision", args=[slug, revision_number])
    return settings.VERIFY_SITE_URL.rstrip("/") + path


def claim_page_url(*, slug: str, claim_id: int, revision_number: int | None = None) -> str:
    """The absolute address of a published claim's own page (the one page carrying its ClaimReview)."""
    if revision_number is None:
        path = reverse("reports-public:claim", args=[slug, claim_id])
    else:
        path = reverse("reports-public:revision-claim", args=[slug, revision_number, claim_id])
    return settings.VERIFY_SITE_URL.rstrip("/") + path


def claim_page_prefix(*, slug: str) -> str:
    """The absolute address of the report's claim pages up to the claim id (one reverse() per report,
    not per claim: exports of thousands of claims build every `url` from it)."""
    return claim_page_url(slug=slug, claim_id=1)[: -len("1/")]


def item_claim_reviewed(item: dict) -> str:
    """What the item publishes as claimReviewed: the editor's summary, else the whole claim (never cut)."""
    return " ".join((item.get("claim_reviewed") or item["claim_text"]).split())


def item_anchor(item: dict) -> str:
    """Per-claim anchor, stable across revisions (the claim id), for `url` in ClaimReview."""
    return f"claim-{item['claim_id']}" if item.get("claim_id") else f"item-{item['position']}"


@dataclass
class ReportDocument:
    report_id: int
    slug: str
    title: str
    summary: str
    org_name: str
    org_url: str
    revision_number: int | None  # None: a draft preview of unpublished data
    published_at: datetime | None
    published_by: str
    items: Iterable[dict]
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def is_draft(self) -> bool:
        return self.revision_number is None

    @property
    def permalink(self) -> str:
        return report_permalink(slug=self.slug)


class ProgressItems:
    """Wraps the items so that iterating them reports progress (a fraction) every ~2 %."""

    def __init__(self, items: list[dict], report: Callable[[float], None], share: float = 1.0):
        self._items = items
        self._report = report
        self._share = share

    @property
    def raw(self) -> list[dict]:
        return self._items

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[dict]:
        total = len(self._items) or 1
        step = max(1, total // 50)
        for index, item in enumerate(self._items, start=1):
            yield item
            if index % step == 0 or index == total:
                self._report(self._share * index / total)
