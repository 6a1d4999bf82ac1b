"""Evaluation metrics without a scikit-learn dependency at run time."""
from __future__ import annotations


def precision_recall_f1(*, labels: list[int], predictions: list[int]) -> tuple[float, float, float]:
    """Of the positive class (label 1)."""
    true_positive = sum(1 for y, p in zip(labels, predictions) if y and p)
    predicted = sum(predictions)
    actual = sum(labels)
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def average_precision(*, labels: list[int], scores: list[float]) -> float:
    """Mean of precision at each positive, ranking by score (ties broken by input order)."""
    ranked = sorted(zip(scores, labels), key=lambda pair: -pair[0])
    hits = 0
    total = 0.0
    for rank, (_, label) in enumerate(ranked, start=1):
        if label:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def score_agreement(*, reference: list[float], other: list[float], cut_off: float = 0.5) -> dict[str, float]:
    """How far `other`'s scores are from `reference`'s (mean, largest) and the share of the same decision
    at `cut_off`: a model against its export, or against another form of itself."""
    if not reference:
        return {"mean_score_change": 0.0, "max_score_change": 0.0, "same_decision": 1.0}
    changes = [abs(a - b) for a, b in zip(reference, other)]
    same = sum((a >= cut_off) == (b >= cut_off) for a, b in zip(reference, other))
    return {"mean_score_change": round(sum(changes) / len(changes), 4), "max_score_change": round(max(changes), 4),
            "same_decision": round(same / len(reference), 4)}
