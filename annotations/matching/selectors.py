"""Reads for claim matching: a claim's matches with their findings, similar checked claims, conflicts."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings

from annotations.factchecks.models import PublishedFactCheck
from annotations.matching.index import shared_index
from annotations.models import Review, Source
from annotations.selectors.reviews import reviews_latest_by_claim
from annotations.reports.models import ReportItem
from annotations.matching.models import LINKED_STATUSES, ClaimMatch, DocumentKind, MatchDocument, MatchStatus
from verify.models import FINDING_VERDICTS, Claim

# Verdicts that mean "someone checked this" (not_a_claim is a triage decision, not a finding).


@dataclass
class Finding:
    """What is known about a matched document: its verdict, rationale, sources and reports."""

    kind: str
    label: str
    text: str
    verdict: str
    rationale: str = ""
    sources: list[dict] = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)
    claim_id: int | None = None
    article_id: int | None = None
    article_title: str = ""
    # Another fact-checker's work (kind FACT_CHECK): their rating in their words, never a desk verdict
    # (`verdict` stays ""), with who published it, where and when.
    publisher: str = ""
    publisher_url: str = ""
    rating: str = ""
    review_url: str = ""
    date_published: str = ""


def _claim_findings(claims: list[Claim]) -> dict[int, Finding]:
    """Findings for several claims in four queries (latest review, its sources, reports)."""
    ids = [claim.pk for claim in claims]
    latest = reviews_latest_by_claim(reviews=Review.objects.filter(claim_id__in=ids))
    sources_by_review: dict[int, list[dict]] = defaultdict(list)
    sources_by_claim: dict[int, list[dict]] = defaultdict(list)
    for source in Source.objects.filter(claim_id__in=ids).values(
            "claim_id", "review_id", "url", "title", "publisher", "quote", "stance"):
        fields = {key: source[key] for key in ("url", "title", "publisher", "quote", "stance")}
        sources_by_claim[source["claim_id"]].append(fields)
        if source["review_id"]:
            sources_by_review[source["review_id"]].append(fields)
    reports_by_claim: dict[int, list[dict]] = defaultdict(list)
    for item in ReportItem.objects.filter(claim_id__in=ids).select_related("revision").order_by(
            "-revision__published_at"):
        reports_by_claim[item.claim_id].append(
            {"title": item.revision.title, "report_id": item.revision.report_id, "revision": item.revision.number})
    findings = {}
    for claim in claims:
        review = latest.get(claim.pk)
        # The sources of the verdict's own review; else whatever the claim has collected.
        sources = (sources_by_review.get(review.pk) if review else None) or sources_by_claim.get(claim.pk, [])
        findings[claim.pk] = Finding(
            kind=DocumentKind.CLAIM, label=f"claim #{claim.pk}", text=claim.text, verdict=claim.verdict,
            rationale=review.rationale if review else "", sources=sources, reports=reports_by_claim.get(claim.pk, []),
            claim_id=claim.pk, article_id=claim.article_id, article_title=claim.article.title,
        )
    return findings


def _claim_finding(claim: Claim) -> Finding:
    return _claim_findings([claim])[claim.pk]


def _report_item_finding(item) -> Finding:
    revision = item.revision
    return Finding(
        kind=DocumentKind.REPORT_ITEM, label=f"the report “{revision.title}”", text=item.claim_text,
        verdict=item.verdict, rationale=item.rationale, sources=list(item.sources or []),
        reports=[{"title": revision.title, "report_id": revision.report_id, "revision": revision.number}],
        claim_id=item.claim_id, article_id=item.article_id, article_title=item.article_title,
    )


def _fact_check_finding(item: PublishedFactCheck) -> Finding:
    rating = item.rating_text or (f"{item.rating_value:g}" + (f" of {item.rating_best:g}" if item.rating_best else "")
                                  if item.rating_value is not None else "")
    return Finding(
        kind=DocumentKind.FACT_CHECK, label=f"checked by {item.publisher_name}", text=item.claim_reviewed,
        verdict="", publisher=item.publisher_name, publisher_url=item.publisher_url, rating=rating,
        review_url=item.review_url, date_published=item.date_published.isoformat() if item.date_published else "",
        article_title=item.title,
    )


def document_finding(*, document: MatchDocument) -> Finding | None:
    if document.kind == DocumentKind.CLAIM and document.claim_id:
        return _claim_finding(Claim.objects.select_related("article").get(pk=document.claim_id))
    if document.kind == DocumentKind.REPORT_ITEM and document.report_item_id:
        return _report_item_finding(ReportItem.objects.select_related("revision").get(pk=document.report_item_id))
    if document.kind == DocumentKind.FACT_CHECK and document.fact_check_id:
        return _fact_check_finding(PublishedFactCheck.objects.get(pk=document.fact_check_id))
    return None


@dataclass
class MatchView:
    match: ClaimMatch
    finding: Finding | None

    @property
    def can_apply(self) -> bool:
        return not match_apply_refusal(match=self.match, finding=self.finding)


def match_apply_refusal(*, match: ClaimMatch, finding: Finding | None) -> str:
    """Why the matched document's verdict cannot be copied onto the match's claim; "" when it can."""
    if match.document.kind == DocumentKind.FACT_CHECK:
        return ("This is another fact-checker's rating, not a verdict of this desk: review the claim yourself "
                "(their fact-check can be attached as a source).")
    if match.status == MatchStatus.REJECTED:
        return "This match was rejected; confirm it before applying its verdict."
    if not match.numbers_agree and match.status != MatchStatus.CONFIRMED:
        return "The earlier claim states other numbers; confirm it is the same claim before applying its verdict."
    if finding is None or finding.verdict not in FINDING_VERDICTS:
        return "The earlier claim has no verdict to copy yet."
    return ""


def claim_matches(*, claim: Claim, include_rejected: bool = False) -> list[MatchView]:
    """The claim's matches, strongest first, each with the matched finding.

    Undecided suggestions under the current suggestion threshold (stored when it was lower) are not listed."""
    matches = ClaimMatch.objects.filter(claim=claim).select_related("document", "decided_by").exclude(
        status=MatchStatus.SUGGESTED, score__lt=_suggest_threshold())
    if not include_rejected:
        matches = matches.exclude(status=MatchStatus.REJECTED)
    return [MatchView(match=match, finding=document_finding(document=match.document)) for match in matches]


@dataclass
class SimilarResult:
    score: float  # the calibrated probability that this is the same claim, in [0, 1]
    finding: Finding
    numbers_agree: bool = True  # False: it states other numbers, so it is a related check, not this claim


@dataclass
class SimilarSearch:
    results: list[SimilarResult]

    @property
    def numbers_disagree(self) -> bool:
        """Checked texts alike are listed, but every one of them states other numbers than the query."""
        return bool(self.results) and not any(result.numbers_agree for result in self.results)


def _suggest_threshold() -> float:
    return min(float(settings.VERIFY_MATCH_SUGGEST_THRESHOLD), float(settings.VERIFY_MATCH_AUTO_THRESHOLD))


def _entry_key(document: MatchDocument) -> tuple:
    """A claim and its published report items are one entry; any other document is its own."""
    if document.kind == DocumentKind.REPORT_ITEM and document.report_item.claim_id:
        return (DocumentKind.CLAIM, document.report_item.claim_id)
    if document.kind == DocumentKind.CLAIM:
        return (DocumentKind.CLAIM, document.claim_id)
    return (document.kind, document.pk)


def similar_search(*, text: str, limit: int = 10) -> SimilarSearch:
    """The checked claims, published report items and other fact-checkers' work that make this claim.

    Only results at the suggestion threshold or above are listed, best first, a claim and its own
    report items as one entry (the claim's finding, which names its reports); each says whether it
    states the query's numbers, and `numbers_disagree` whether none does.
    Raises annotations.matching.index.IndexWarmingUp while this process's index is still being built.
    """
    text = (text or "").strip()
    if not text:
        return SimilarSearch(results=[])
    threshold = _suggest_threshold()
    # wait=False: a web request never sits through a cold index build (IndexWarmingUp instead).
    candidates = [c for c in shared_index.search(text, limit=max(limit * 5, 50), wait=False)
                  if c.score >= threshold]
    by_id = {c.key: c for c in candidates}
    documents = list(MatchDocument.objects.filter(pk__in=by_id).select_related(
        "claim__article", "report_item__revision", "fact_check"))
    checked = [d.claim for d in documents if d.kind == DocumentKind.CLAIM and d.claim.verdict in FINDING_VERDICTS]
    # Only the best `limit` checked documents need their findings read.
    score_of_claim = {d.claim_id: by_id[d.pk].score for d in documents if d.claim_id}
    checked.sort(key=lambda c: -score_of_claim[c.pk])
    claim_findings = _claim_findings(checked[:limit])
    entries: dict[tuple, SimilarResult] = {}
    for document in sorted(documents, key=lambda d: -by_id[d.pk].score):
        if document.kind == DocumentKind.CLAIM:
            finding = claim_findings.get(document.claim_id)
            if finding is None:
                continue
        elif document.kind == DocumentKind.REPORT_ITEM:
            finding = _report_item_finding(document.report_item)
        else:
            finding = _fact_check_finding(document.fact_check)
        key = _entry_key(document)
        candidate = by_id[document.pk]
        earlier = entries.get(key)
        if earlier is None:
            entries[key] = SimilarResult(score=candidate.score, finding=finding, numbers_agree=candidate.numbers_agree)
        elif finding.kind == DocumentKind.CLAIM:
            earlier.finding = finding  # the claim itself speaks for its report items
    return SimilarSearch(results=sorted(entries.values(), key=lambda r: -r.score)[:limit])


def claims_similar(*, text: str, limit: int = 10) -> list[SimilarResult]:
    """similar_search's results alone."""
    return similar_search(text=text, limit=limit).results


@dataclass
class Conflict:
    claims: list[Claim]
    verdicts: list[str]


def match_conflicts() -> list[Conflict]:
    """Clusters of claims linked as the same claim (auto or confirmed) that carry different findings."""
    edges = ClaimMatch.objects.filter(status__in=LINKED_STATUSES, document__kind=DocumentKind.CLAIM).values_list(
        "claim_id", "document__claim_id")
    parent: dict[int, int] = {}

    def find(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for left, right in edges:
        if right is not None:
            parent[find(left)] = find(right)
    clusters: dict[int, list[int]] = defaultdict(list)
    for node in list(parent):
        clusters[find(node)].append(node)
    claims = Claim.objects.in_bulk([node for members in clusters.values() for node in members])
    conflicts = []
    for members in clusters.values():
        in_cluster = sorted((claims[m] for m in members if m in claims), key=lambda c: c.pk)
        verdicts = sorted({c.verdict for c in in_cluster if c.verdict in FINDING_VERDICTS})
        if len(verdicts) > 1:
            conflicts.append(Conflict(claims=in_cluster, verdicts=verdicts))
    return conflicts


def claim_conflict(*, claim: Claim) -> Conflict | None:
    """The conflict (same claim, different verdicts) this claim is part of, if any."""
    return next((conflict for conflict in match_conflicts() if any(c.pk == claim.pk for c in conflict.claims)), None)


def match_decided_pairs() -> list[tuple[str, str, bool]]:
    """(claim text, matched document text, same claim?) of every match a reviewer decided: labelled pairs."""
    return [(claim_text, document_text, status == MatchStatus.CONFIRMED) for claim_text, document_text, status in
            ClaimMatch.objects.filter(status__in=(MatchStatus.CONFIRMED, MatchStatus.REJECTED)).order_by("id")
            .values_list("claim__text", "document__text", "status")]
