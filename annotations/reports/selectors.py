"""Reads for reports: documents to render (frozen or preview), staleness, lists. Constant query counts."""
from collections import defaultdict
from datetime import date, datetime, time

from django.conf import settings
from django.http import Http404
from django.db.models import Max, QuerySet
from django.utils import timezone

from annotations.models import Review, Source
from annotations.selectors.reviews import reviews_latest_by_claim
from annotations.selectors.signoff import claims_final
from verify.models import Claim
from verify.audit.models import AuditAction, AuditEntry
from annotations.reports.claimants import item_claimant_type
from annotations.reports.corrections import item_changes
from annotations.reports.document import ITEM_FIELDS, ReportDocument
from annotations.reports.models import Report, ReportClaim, ReportExport, ReportItem, ReportRevision
from annotations.reports.rating import PUBLISHABLE_VERDICTS


def report_list() -> QuerySet[Report]:
    return Report.objects.select_related("created_by", "published_by").order_by("-updated_at", "-id")


def report_latest_revision(*, report: Report) -> ReportRevision | None:
    return report.revisions.select_related("published_by").order_by("-number").first()


def report_first_published_at(*, report: Report):
    """When the report was first published (revision 1), or None."""
    return report.revisions.order_by("number").values_list("published_at", flat=True).first()


def report_revision_get(*, report: Report, number: int) -> ReportRevision | None:
    return report.revisions.select_related("published_by").filter(number=number).first()


def report_revision_requested(*, report: Report, number: int | None) -> ReportRevision | None:
    """The revision a request names (None when it names none); a number that does not exist is a 404."""
    if number is None:
        return None
    revision = report_revision_get(report=report, number=number)
    if revision is None:
        raise Http404(f"Revision {number} does not exist.")
    return revision


def report_org(*, report: Report) -> tuple[str, str]:
    """The report's own organisation, or the deployment's (settings) where it has none."""
    return (report.org_name or settings.VERIFY_ORG_NAME, report.org_url or settings.VERIFY_ORG_URL)


def report_document(*, report: Report, revision: ReportRevision | None = None,
                    draft: bool = False) -> ReportDocument:
    """What a renderer shows: the given revision, else the latest one, else (or with draft=True) a
    preview of the live data. Two queries for a revision, three for a preview."""
    if revision is None and not draft:
        revision = report_latest_revision(report=report)
    if revision is None:
        org_name, org_url = report_org(report=report)
        return ReportDocument(
            report_id=report.pk, slug=report.slug, title=report.title, summary=report.summary,
            org_name=org_name, org_url=org_url, revision_number=None, published_at=None, published_by="",
            items=report_snapshot_items(report=report),
        )
    items = list(ReportItem.objects.filter(revision=revision).order_by("position").values(*ITEM_FIELDS))
    return ReportDocument(
        report_id=report.pk, slug=report.slug, title=revision.title, summary=revision.summary,
        org_name=revision.org_name, org_url=revision.org_url, revision_number=revision.number,
        published_at=revision.published_at, published_by=_user_name(revision.published_by),
        items=items, note=revision.note,
    )


def report_snapshot_items(*, report: Report) -> list[dict]:
    """The covered claims as they are now, in ReportItem's shape (what publishing would freeze)."""
    links = list(
        ReportClaim.objects.filter(report=report).order_by("position", "id")
        .values("claim_id", "claim_reviewed", "claim__text", "claim__claimant", "claim__claimant_type", "claim__verdict",
                "claim__entities", "claim__article_id", "claim__article__title", "claim__article__url",
                "claim__article__canonical_url", "claim__article__publisher", "claim__article__published_at")
    )
    reviews = reviews_latest_by_claim(
        reviews=Review.objects.filter(claim__report_links__report=report),
        fields=("id", "claim_id", "verdict", "rationale", "created_at", "reviewer__username",
                "reviewer__first_name", "reviewer__last_name"))
    sources = defaultdict(list)
    for row in (Source.objects.filter(claim__report_links__report=report).order_by("claim_id", "created_at", "id")
                .values("claim_id", "url", "title", "publisher", "quote", "stance")):
        sources[row.pop("claim_id")].append(row)
    items = []
    for position, link in enumerate(links, start=1):
        review = reviews.get(link["claim_id"])
        items.append({
            "position": position,
            "claim_id": link["claim_id"],
            "review_id_frozen": review["id"] if review else None,
            "claim_text": link["claim__text"],
            "claim_reviewed": link["claim_reviewed"] or link["claim__text"],
            "claimant": link["claim__claimant"],
            "claimant_type": item_claimant_type(link["claim__claimant"], link["claim__claimant_type"],
                                                link["claim__entities"]),
            # The latest review is the verdict (Claim.verdict mirrors it); a claim never reviewed keeps its own.
            "verdict": review["verdict"] if review else link["claim__verdict"],
            "rationale": review["rationale"] if review else "",
            "reviewer": _name(review["reviewer__first_name"], review["reviewer__last_name"],
                              review["reviewer__username"]) if review else "",
            "reviewed_at": review["created_at"] if review else None,
            "sources": sources.get(link["claim_id"], []),
            "article_id": link["claim__article_id"],
            "article_title": link["claim__article__title"],
            "article_url": link["claim__article__canonical_url"] or link["claim__article__url"],
            "article_publisher": link["claim__article__publisher"],
            "article_published_at": link["claim__article__published_at"],
            "first_published_at": None,  # decided at publish
            "changes": [],
        })
    return items


def report_stale_items(*, revision: ReportRevision) -> list[dict]:
    """Items of a revision that no longer say what the claim says now: its text, summary, verdict,
    rationale or sources changed (see corrections.py), or it was reviewed again since it was frozen.

    Each: {"claim_id", "claim_text", "verdict" (as published), "position", "changes" (ItemChange values;
    [] for a new review that changed none of them)}. Claims the report no longer covers are not listed
    (report_unpublished_changes says so). A constant number of queries.
    """
    items = list(revision.items.filter(claim__isnull=False).order_by("position").values(*ITEM_FIELDS))
    current = {item["claim_id"]: item for item in report_snapshot_items(report=revision.report)}
    stale = []
    for item in items:
        now = current.get(item["claim_id"])
        if now is None:
            continue
        changes = item_changes(published=item, current=now)
        if changes or now["review_id_frozen"] != item["review_id_frozen"]:
            stale.append({"claim_id": item["claim_id"], "claim_text": item["claim_text"], "verdict": item["verdict"],
                          "position": item["position"], "changes": changes})
    return stale


def report_edited_after_verdict(*, items: list[dict]) -> set[int]:
    """Claims (of snapshot items) whose text or claimant was edited after their latest review."""
    reviewed = {item["claim_id"]: item["reviewed_at"] for item in items if item["reviewed_at"]}
    edits = (AuditEntry.objects.filter(action=AuditAction.CLAIM_EDIT, claim_id__in=list(reviewed))
             .values("claim_id").annotate(last=Max("created_at")))
    return {row["claim_id"] for row in edits if row["last"] > reviewed[row["claim_id"]]}


def report_published_item(*, report: Report, claim_id: int, revision: ReportRevision | None = None) -> dict | None:
    """One claim as the given (else the latest) revision published it, or None."""
    revision = revision or report_latest_revision(report=report)
    if revision is None:
        return None
    return ReportItem.objects.filter(revision=revision, claim_id=claim_id).values(*ITEM_FIELDS).first()


def report_unpublished_changes(*, report: Report, revision: ReportRevision | None) -> bool:
    """True when the covered claims differ from what the latest revision froze (added/removed)."""
    if revision is None:
        return report.report_claims.exists()
    covered = set(report.report_claims.values_list("claim_id", flat=True))
    frozen = set(revision.items.exclude(claim__isnull=True).values_list("claim_id", flat=True))
    return covered != frozen


def claims_filter(*, verdicts: list[str] | None = None, article_id: int | None = None,
                  publisher: str = "", reviewed_after: date | None = None,
                  reviewed_before: date | None = None, min_checkworthiness: float | None = None,
                  text: str = "") -> QuerySet[Claim]:
    """Reviewed claims matching a filter (for "add all claims that match"); final, publishable verdicts only."""
    chosen = [v for v in (verdicts or PUBLISHABLE_VERDICTS) if v in PUBLISHABLE_VERDICTS]
    claims = claims_final(Claim.objects.filter(verdict__in=chosen))
    if article_id is not None:
        claims = claims.filter(article_id=article_id)
    if publisher:
        claims = claims.filter(article__publisher__iexact=publisher)
    if min_checkworthiness is not None:
        claims = claims.filter(checkworthiness__gte=min_checkworthiness)
    if text:
        claims = claims.filter(text__icontains=text)
    if reviewed_after is not None:
        claims = claims.filter(reviews__created_at__gte=_day_start(reviewed_after))
    if reviewed_before is not None:
        claims = claims.filter(reviews__created_at__lt=_day_start(reviewed_before, next_day=True))
    return claims.distinct().order_by("article_id", "sentence_index", "id")


def report_exports(*, report: Report) -> QuerySet[ReportExport]:
    return report.exports.select_related("revision").order_by("-created_at", "-id")


def _day_start(day: date, *, next_day: bool = False) -> datetime:
    from datetime import timedelta

    if next_day:
        day = day + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time.min))


def _name(first: str, last: str, username: str) -> str:
    return f"{first} {last}".strip() or username


def _user_name(user) -> str:
    return _name(user.first_name, user.last_name, user.username) if user else ""
