"""Fitting the built-in scorer's frozen weights (developers run this; the product only reads them).

A class-balanced logistic regression over the sentence features and binary lemma indicators (lemmas in
at least `min_df` sentences, so one debate's names do not become weights). Training rows whose label the
accurate kind's out-of-fold scores flatly contradict are pruned first (training.examples_pruned).
"""
from __future__ import annotations

from typing import Any

from spacy.tokens import Span

from verify.extraction.features import FEATURE_NAMES, sentence_features
from verify.extraction.rule_scorer import sentence_lemmas

# Chosen by 5-fold cross-validation over debate blocks of CheckThat! train (bench/README.md).
DEFAULT_MIN_DF = 10
DEFAULT_C = 0.2
WEIGHT_DIGITS = 4


def _design(sentences: list[Span], vocabulary: dict[str, int]):
    from scipy.sparse import csr_matrix

    rows, cols, values = [], [], []
    offset = len(FEATURE_NAMES)
    for row, sentence in enumerate(sentences):
        features = sentence_features(sentence)
        for col, name in enumerate(FEATURE_NAMES):
            if features[name]:
                rows.append(row)
                cols.append(col)
                values.append(features[name])
        for lemma in sentence_lemmas(sentence):
            if lemma in vocabulary:
                rows.append(row)
                cols.append(offset + vocabulary[lemma])
                values.append(1.0)
    return csr_matrix((values, (rows, cols)), shape=(len(sentences), offset + len(vocabulary)))


def builtin_fit(*, sentences: list[Span], labels: list[int], min_df: int = DEFAULT_MIN_DF,
                c: float = DEFAULT_C) -> dict[str, Any]:
    """Weights for builtin_weights.json: {"features": {...}, "lemmas": {...}} (bias is a feature)."""
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for sentence in sentences:
        for lemma in sentence_lemmas(sentence):
            counts[lemma] = counts.get(lemma, 0) + 1
    vocabulary = {lemma: i for i, lemma in enumerate(sorted(l for l, n in counts.items() if n >= min_df))}
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, solver="liblinear", fit_intercept=False)
    model.fit(_design(sentences, vocabulary), labels)
    coefficients = model.coef_[0]
    features = {name: round(float(coefficients[i]), WEIGHT_DIGITS) for i, name in enumerate(FEATURE_NAMES)}
    offset = len(FEATURE_NAMES)
    lemmas = {lemma: round(float(coefficients[offset + i]), WEIGHT_DIGITS) for lemma, i in vocabulary.items()
              if round(float(coefficients[offset + i]), WEIGHT_DIGITS) != 0.0}
    return {"features": features, "lemmas": dict(sorted(lemmas.items()))}
