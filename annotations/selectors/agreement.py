"""Agreement between reviewers: Cohen's kappa over the pairs of independent reviews (double sign-off).

Each second independent review names the first it was compared with (`Review.paired_with`), so one
pair of reviews is one claim judged by two reviewers. Kappa is given per pair of reviewers and
overall (every pair pooled, the first review as one rater and the second as the other). Kappa is
None when chance agreement is already total (both raters gave a single, identical label throughout).
"""
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from annotations.models import Review


@dataclass(frozen=True)
class Agreement:
    claims: int  # pairs of reviews (a claim reviewed twice in two rounds counts twice)
    observed: float | None  # share of pairs with the same verdict
    kappa: float | None


@dataclass(frozen=True)
class PairAgreement(Agreement):
    reviewers: tuple[str, str]  # usernames, sorted


def cohen_kappa(pairs: Iterable[tuple[str, str]]) -> Agreement:
    """Cohen's kappa of two raters over (label by rater A, label by rater B) pairs."""
    pairs = list(pairs)
    total = len(pairs)
    if not total:
        return Agreement(claims=0, observed=None, kappa=None)
    observed = sum(first == second for first, second in pairs) / total
    firsts = Counter(first for first, _ in pairs)
    seconds = Counter(second for _, second in pairs)
    expected = sum(firsts[label] * seconds[label] for label in firsts) / (total * total)
    kappa = None if expected == 1 else (observed - expected) / (1 - expected)
    return Agreement(claims=total, observed=observed, kappa=kappa)


def agreement_summary() -> tuple[Agreement, list[PairAgreement]]:
    """Overall agreement and agreement per pair of reviewers (most claims first); one query."""
    rows = (Review.objects.filter(paired_with__isnull=False)
            .values_list("verdict", "reviewer__username", "paired_with__verdict", "paired_with__reviewer__username"))
    pooled: list[tuple[str, str]] = []
    by_pair: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for second_verdict, second_name, first_verdict, first_name in rows.iterator():
        pooled.append((first_verdict, second_verdict))
        # Kappa does not depend on which rater is A: order each pair's raters by name.
        if first_name <= second_name:
            by_pair[(first_name, second_name)].append((first_verdict, second_verdict))
        else:
            by_pair[(second_name, first_name)].append((second_verdict, first_verdict))
    pairs = [PairAgreement(reviewers=names, **vars(cohen_kappa(labels))) for names, labels in by_pair.items()]
    pairs.sort(key=lambda pair: (-pair.claims, pair.reviewers))
    return cohen_kappa(pooled), pairs
