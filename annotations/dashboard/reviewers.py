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


def reviewer_work(*, period: Period) -> list[ReviewerWork]:
    spent: dict[int, float] = defaultdict(float)
    reviews: Counter = Counter()
    claims: dict[int, set[int]] = defaultdict(set)
    previous: dict[int, object] = {}
    rows = _period_reviews(period).order_by("reviewer_id", "created_at", "id").values_list(
        "reviewer_id", "claim_id", "created_at")
    for reviewer_id, claim_id, created_at in rows.iterator(chunk_size=5000):
        if reviewer_id in previous:
            spent[reviewer_id] += min(created_at - previous[reviewer_id], REVIEW_GAP_CAP).total_seconds()
        previous[reviewer_id] = created_at
        reviews[reviewer_id] += 1
        claims[reviewer_id].add(claim_id)
    names = dict(get_user_model().objects.filter(pk__in=reviews).values_list("pk", "username"))
    work = [ReviewerWork(reviewer=names.get(pk, f"user {pk}"), reviews=count, claims=len(claims[pk]),
                         seconds_spent=int(spent[pk])) for pk, count in reviews.items()]
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
