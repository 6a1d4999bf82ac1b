"""Fitting a Calibration (core/scoring.py) on labelled candidate pools, and cross-validating it.

A labelled pool is one query's stage-1 candidates with their raw BM25 and dense cosine and whether
each is the same claim. The fit is an L2-regularised logistic regression over all candidates of all
pools (the natural rate: a pool of a few hundred has one or two positives). Every labelled query
has its claim in the index, while most claims a desk sees have none: so each pool is also fitted a
second time without its same-claim candidates ("nothing in the index repeats this query"), which
is what teaches the calibration to give low probabilities when even the best candidate is far off.
Cross-validation splits by query, so a query's candidates are never both fitted and scored.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from annotations.matching.core.evaluation import average_precision_at
from annotations.matching.core.matcher import Matcher
from annotations.matching.core.scoring import DENSE_FEATURES, LEXICAL_FEATURES, Calibration, Logit, features

# Regularisation strength of the logistic regression (sklearn's C): the default, not tuned.
C = 1.0
FOLDS = 5
SEED = 13


@dataclass(frozen=True)
class LabelledPool:
    bm25: np.ndarray
    dense: np.ndarray | None
    labels: np.ndarray  # 1 = the same claim
    n_relevant: int  # relevant documents of the query (some may be missing from the pool)
    numbers_differ: np.ndarray | None = None  # 1 = states other numbers than the query (None: all agree)


# The same score for every candidate, so a pool comes back in index order (the matcher's tie-break,
# which ranked_map_at_5 keeps: the corpus has exact duplicates). Only used to read whole pools.
UNFITTED = Calibration(dense=Logit(features=DENSE_FEATURES, weights=(0.0,) * len(DENSE_FEATURES), intercept=0.0),
                       lexical=Logit(features=LEXICAL_FEATURES, weights=(0.0,) * len(LEXICAL_FEATURES), intercept=0.0))


def labelled_pools(matcher: Matcher, queries: Sequence[tuple[str, str]],
                   qrels: dict[str, set[str]]) -> list[LabelledPool]:
    """Each judged query's whole stage-1 pool, labelled by the qrels."""
    pools = []
    for qid, text in queries:
        relevant = qrels.get(qid)
        if not relevant:
            continue
        found = matcher.search(text, limit=10 * matcher.pool + 10)
        if not found:
            pools.append(LabelledPool(bm25=np.zeros(0), dense=None if matcher.embedder is None else np.zeros(0),
                                      labels=np.zeros(0), n_relevant=len(relevant)))
            continue
        pools.append(LabelledPool(
            bm25=np.array([c.bm25 for c in found]),
            dense=None if found[0].dense is None else np.array([c.dense for c in found]),
            labels=np.array([1.0 if str(c.key) in relevant else 0.0 for c in found]),
            n_relevant=len(relevant), numbers_differ=np.array([0.0 if c.numbers_agree else 1.0 for c in found])))
    return pools


def without_matches(pool: LabelledPool) -> LabelledPool:
    """The pool as it would be had the index held none of the query's claims."""
    keep = pool.labels == 0
    return LabelledPool(bm25=pool.bm25[keep], dense=None if pool.dense is None else pool.dense[keep],
                        labels=pool.labels[keep], n_relevant=0,
                        numbers_differ=None if pool.numbers_differ is None else pool.numbers_differ[keep])


def fit_logit(pools: Sequence[LabelledPool], names: tuple[str, ...]) -> Logit:
    """A logistic regression on the named features of every candidate, of the pools with and without matches."""
    pools = [*pools, *(without_matches(p) for p in pools if p.labels.any())]
    labels = np.concatenate([p.labels for p in pools]) if pools else np.zeros(0)
    if labels.min(initial=1) == labels.max(initial=0):
        raise ValueError("Calibration needs both same-claim and other candidates.")
    matrix = np.vstack([features(names, bm25=p.bm25, dense=p.dense, numbers_differ=p.numbers_differ) for p in pools])
    model = LogisticRegression(C=C, max_iter=2000).fit(matrix, labels)
    return Logit(features=names, weights=tuple(float(w) for w in model.coef_[0]),
                 intercept=float(model.intercept_[0]))


def ranked_map_at_5(pools: Sequence[LabelledPool], scores: Sequence[np.ndarray]) -> float:
    """MAP@5 of ranking each pool by its scores (ties to the earlier candidate)."""
    total = 0.0
    for pool, score in zip(pools, scores):
        order = np.argsort(-score, kind="stable")[:5]
        ranked = [str(i) for i in order]
        relevant = {str(i) for i in np.flatnonzero(pool.labels)}
        padding = {f"missing{k}" for k in range(max(pool.n_relevant - len(relevant), 0))}
        total += average_precision_at(ranked, relevant | padding) if relevant or padding else 0.0
    return total / len(pools) if pools else 0.0


def precision_threshold(probabilities: np.ndarray, labels: np.ndarray, *, precision: float) -> float:
    """The lowest probability at and above which the candidates reach `precision` (1.0 if none does)."""
    order = np.argsort(-probabilities, kind="stable")
    hits = np.cumsum(labels[order])
    reached = np.flatnonzero(hits / np.arange(1, len(order) + 1) >= precision)
    if reached.size == 0:
        return 1.0
    return float(probabilities[order][reached[-1]])


def operating_point(probabilities: np.ndarray, labels: np.ndarray, threshold: float) -> dict:
    chosen = probabilities >= threshold
    positives = int(labels.sum())
    return {"threshold": round(threshold, 4), "precision": round(float(labels[chosen].mean()), 4) if chosen.any()
            else None, "recall": round(float(labels[chosen].sum() / positives), 4) if positives else None}


def cross_validate(pools: Sequence[LabelledPool], names: tuple[str, ...], *, folds: int = FOLDS,
                   seed: int = SEED, fit=fit_logit) -> tuple[list[np.ndarray], dict]:
    """Out-of-fold probabilities per pool and the numbers they give (MAP@5, log loss, Brier).

    With fewer queries than folds (a smoke run) the numbers are in-sample, and say so."""
    out: list[np.ndarray | None] = [None] * len(pools)
    unmatched_top: list[float] = []
    in_sample = len(pools) < 2 * folds
    fold_of = (np.zeros(len(pools), dtype=int) if in_sample
               else np.random.default_rng(seed).permutation(len(pools)) % folds)
    for fold in range(1 if in_sample else folds):
        fitted = fit(pools if in_sample else [p for p, f in zip(pools, fold_of) if f != fold], names)
        for position in np.flatnonzero(fold_of == fold):
            pool = pools[position]
            out[position] = fitted.probabilities(bm25=pool.bm25, dense=pool.dense, numbers_differ=pool.numbers_differ)
            if pool.labels.any():
                alone = without_matches(pool)
                unmatched_top.append(float(fitted.probabilities(
                    bm25=alone.bm25, dense=alone.dense, numbers_differ=alone.numbers_differ).max(initial=0.0)))
    probabilities = np.concatenate(out) if out else np.zeros(0)
    labels = np.concatenate([p.labels for p in pools]) if pools else np.zeros(0)
    clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
    metrics = {
        "cross_validated": not in_sample, "queries": len(pools), "candidates": int(labels.size),
        "positives": int(labels.sum()),
        "map_at_5": round(ranked_map_at_5(pools, out), 4),
        "log_loss": round(float(-np.mean(labels * np.log(clipped) + (1 - labels) * np.log(1 - clipped))), 5),
        "brier": round(float(np.mean((probabilities - labels) ** 2)), 6),
        # The same queries with their claims taken out of the index: how often the best remaining
        # candidate would still reach a probability of 0.5 (a false suggestion at that threshold).
        "unmatched_top_at_0.5": round(float(np.mean(np.array(unmatched_top) >= 0.5)), 4) if unmatched_top else None,
    }
    return out, metrics


def fit_calibration(*, dense_pools: Sequence[LabelledPool], lexical_pools: Sequence[LabelledPool],
                    model: str, fitted_on: str, auto_precision: float = 0.95) -> Calibration:
    """Fit both parts and record their cross-validated numbers and operating points."""
    metrics = {}
    for name, pools, names in (("dense", dense_pools, DENSE_FEATURES), ("lexical", lexical_pools, LEXICAL_FEATURES)):
        out, numbers = cross_validate(pools, names)
        probabilities = np.concatenate(out)
        labels = np.concatenate([p.labels for p in pools])
        auto = precision_threshold(probabilities, labels, precision=auto_precision)
        numbers[f"auto_at_precision_{auto_precision}"] = operating_point(probabilities, labels, auto)
        numbers["at_0.5"] = operating_point(probabilities, labels, 0.5)
        metrics[name] = numbers
    return Calibration(dense=fit_logit(dense_pools, DENSE_FEATURES), lexical=fit_logit(lexical_pools, LEXICAL_FEATURES),
                       model=model, fitted_on=fitted_on, metrics=metrics)
