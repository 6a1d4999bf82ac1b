"""Per-reviewer figures over a period: work done, time spent, and agreement between reviewers.

Time spent is estimated from the reviews alone (Verity does not watch screens): each review counts
the time since the same reviewer's previous review, capped at REVIEW_GAP_CAP, so a break, a meeting
or the night counts as at most the cap; a reviewer's first review in the period counts nothing.
It reads as "active reviewing time, give or take one claim per sitting".

Agreement: on claims that two different reviewers gave a verdict (each reviewer's first verdict on
the claim, the first two reviewers by time), the share of pairs that agree and Cohen's kappa
(agreement beyond what the two reviewers' own verdict frequencies would give by chance).
"""
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count

from annotations.dashboard.period import Period
from annotations.models import Review
from verify.models import Verdict

REVIEW_GAP_CAP = timedelta(minutes=10)


@dataclass(frozen=True)
class ReviewerWork:
    reviewer: str
    reviews: int
    claims: int
    seconds_spent: int


def _period_reviews(period: Period):
    return Review.objects.filter(created_at__gte=period.since, created_at__lt=period.until).exclude(
        verdict=Verdict.UNREVIEWED)


# Per reviewer: reviews, distinct claims and the capped gaps, added up by the database (LAG over the
# period's reviews, read through the review index on created_at). Only the gap arithmetic differs;
# a reviewer's first review has no previous one and counts 0 (PostgreSQL's LEAST would skip the NULL).
_GAP_SECONDS = {
    "postgresql": "LEAST(EXTRACT(EPOCH FROM created_at - previous), %(cap)s)",
    "sqlite": "MIN((julianday(created_at) - julianday(previous)) * 86400.0, %(cap)s)",
}
_WORK_SQL = """
    SELECT reviewer_id, COUNT(*), COUNT(DISTINCT claim_id),
           COALESCE(SUM(CASE WHEN previous IS NULL THEN 0 ELSE {gap} END), 0)
    FROM (SELECT reviewer_id, claim_id, created_at,
                 LAG(created_at) OVER (PARTITION BY reviewer_id ORDER BY created_at, id) AS previous
          FROM {table} WHERE created_at >= %(since)s AND created_at < %(until)s AND verdict <> %(reopened)s) AS timed
    GROUP BY reviewer_id
"""


def reviewer_work(*, period: Period) -> list[ReviewerWork]:
    sql = _WORK_SQL.format(gap=_GAP_SECONDS[connection.vendor], table=Review._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"since": period.since, "until": period.until, "reopened": Verdict.UNREVIEWED.value,
                             "cap": REVIEW_GAP_CAP.total_seconds()})
        rows = cursor.fetchall()
    names = dict(get_user_model().objects.filter(pk__in=[row[0] for row in rows]).values_list("pk", "username"))
    work = [ReviewerWork(reviewer=names.get(pk, f"user {pk}"), reviews=reviews, claims=claims,
                         seconds_spent=int(round(float(spent)))) for pk, reviews, claims, spent in rows]
    return sorted(work, key=lambda row: (-row.reviews, row.reviewer))


@dataclass(frozen=True)
class PairAgreement:
    first: str
    second: str
    claims: int
    agreed: int
    kappa: float | None


@dataclass(frozen=True)
class Agreement:
    claims: int  # claims with verdicts from two reviewers
    agreed: int
    kappa: float | None  # None: no pairs, or chance agreement is total (kappa undefined)
    pairs: list[PairAgreement]

    @property
    def observed(self) -> float | None:
        return self.agreed / self.claims if self.claims else None


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(1 for a, b in pairs if a == b) / n
    firsts, seconds = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(firsts[k] * seconds[k] for k in firsts) / (n * n)
    if expected >= 1:
        return None
    return round((observed - expected) / (1 - expected), 4)


def agreement(*, period: Period) -> Agreement:
    double = (_period_reviews(period).values("claim_id").annotate(reviewers=Count("reviewer_id", distinct=True))
              .filter(reviewers__gte=2).values("claim_id"))
    first_verdicts: dict[int, dict[int, str]] = defaultdict(dict)  # claim -> reviewer -> first verdict
    rows = (_period_reviews(period).filter(claim_id__in=double).order_by("claim_id", "created_at", "id")
            .values_list("claim_id", "reviewer_id", "verdict"))
    for claim_id, reviewer_id, verdict in rows.iterator(chunk_size=5000):
        first_verdicts[claim_id].setdefault(reviewer_id, verdict)
    by_pair: dict[tuple[int, int], list[tuple[str, str]]] = defaultdict(list)
    pooled = []
    for verdicts in first_verdicts.values():
        (first, a), (second, b) = list(verdicts.items())[:2]
        pooled.append((a, b))
        by_pair[tuple(sorted((first, second)))].append((a, b) if first < second else (b, a))
    names = dict(get_user_model().objects.filter(pk__in={pk for pair in by_pair for pk in pair})
                 .values_list("pk", "username"))
    pairs = [PairAgreement(first=names.get(a, str(a)), second=names.get(b, str(b)), claims=len(items),
                           agreed=sum(1 for x, y in items if x == y), kappa=cohen_kappa(items))
             for (a, b), items in by_pair.items()]
    return Agreement(claims=len(pooled), agreed=sum(1 for a, b in pooled if a == b), kappa=cohen_kappa(pooled),
                     pairs=sorted(pairs, key=lambda pair: (-pair.claims, pair.first, pair.second)))
