"""The dashboard's desk-wide figures over a period, each one indexed query (bench/dashboard.py):

- claims extracted per day and their verdicts: the claim index on (created_at, verdict);
- claims given a final verdict per day and the time it took: the FinalVerdict table (maintained as
  verdicts become final) on (first_final_at, seconds_to_final);
- reviews per day: the review index on created_at;
- the most repeated claims: "checked before?" links (auto or confirmed) made in the period, grouped
  by earlier document (the link index on created_at, status, document).
"""
from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncDate

from annotations.dashboard.models import FinalVerdict
from annotations.dashboard.period import Period
from annotations.matching.models import LINKED_STATUSES, ClaimMatch, DocumentKind, MatchDocument
from annotations.models import Review
from verify.models import Claim, Verdict

REPEATED_LIMIT = 10


@dataclass(frozen=True)
class DayRow:
    day: date
    extracted: int
    finalized: int  # claims whose verdict first became final that day
    reviews: int


def _per_day(queryset, field: str, period: Period) -> dict[date, int]:
    rows = (queryset.filter(**{f"{field}__gte": period.since, f"{field}__lt": period.until})
            .annotate(day=TruncDate(field)).values("day").annotate(n=Count("*")).values_list("day", "n"))
    return dict(rows)


def daily_counts(*, period: Period) -> list[DayRow]:
    extracted = _per_day(Claim.objects.all(), "created_at", period)
    finalized = _per_day(FinalVerdict.objects.all(), "first_final_at", period)
    reviews = _per_day(Review.objects.exclude(verdict=Verdict.UNREVIEWED), "created_at", period)
    return [DayRow(day=day, extracted=extracted.get(day, 0), finalized=finalized.get(day, 0),
                   reviews=reviews.get(day, 0)) for day in period.each_day()]


def verdict_distribution(*, period: Period) -> list[tuple[str, str, int]]:
    """(verdict, label, claims) of the claims extracted in the period, every verdict listed."""
    counts = dict(Claim.objects.filter(created_at__gte=period.since, created_at__lt=period.until)
                  .values("verdict").annotate(n=Count("*")).values_list("verdict", "n"))
    return [(value, label, counts.get(value, 0)) for value, label in Verdict.choices]


@dataclass(frozen=True)
class TimeToFinal:
    claims: int
    median_seconds: int | None


def time_to_final(*, period: Period) -> TimeToFinal:
    """Median time from extraction to the first final verdict, of claims made final in the period.
    Two indexed reads: the count, then the middle row (no value is loaded into Python but it)."""
    rows = FinalVerdict.objects.filter(first_final_at__gte=period.since, first_final_at__lt=period.until)
    count = rows.count()
    if not count:
        return TimeToFinal(claims=0, median_seconds=None)
    ordered = rows.order_by("seconds_to_final").values_list("seconds_to_final", flat=True)
    if count % 2:
        return TimeToFinal(claims=count, median_seconds=ordered[count // 2])
    low, high = ordered[count // 2 - 1:count // 2 + 1]
    return TimeToFinal(claims=count, median_seconds=round((low + high) / 2))


@dataclass(frozen=True)
class RepeatedClaim:
    document_id: int
    text: str
    claim_id: int | None  # the earlier claim (None for a published report item)
    verdict: str  # the earlier claim's verdict, or the report item's
    repeats: int  # later claims linked to it


def repeated_claims(*, period: Period, limit: int = REPEATED_LIMIT) -> list[RepeatedClaim]:
    """The earlier claims (and report items) most often repeated: links made in the period (matching
    runs as claims are extracted), grouped by the earlier document."""
    # The desk's own checks only: another fact-checker's work carries their rating, not a desk verdict.
    top = list(ClaimMatch.objects.filter(created_at__gte=period.since, created_at__lt=period.until,
                                         status__in=LINKED_STATUSES)
               .exclude(document__kind=DocumentKind.FACT_CHECK)
               .values("document_id").annotate(repeats=Count("*")).order_by("-repeats", "document_id")[:limit])
    documents = MatchDocument.objects.filter(pk__in=[row["document_id"] for row in top]).select_related(
        "claim", "report_item").in_bulk()
    found = []
    for row in top:
        document = documents.get(row["document_id"])
        if document is None:
            continue  # deleted since the count
        verdict = document.claim.verdict if document.claim_id else document.report_item.verdict
        found.append(RepeatedClaim(document_id=document.pk, text=document.text, claim_id=document.claim_id,
                                   verdict=verdict, repeats=row["repeats"]))
    return found
