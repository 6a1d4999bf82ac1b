"""The built-in check-worthiness scorer (no trained model): a frozen logistic over sentence features
and a lexicon of lemmas, read off spaCy's annotations.

Feature weights reward what a fact-checker can verify (numbers, named actors, dated past events,
attributions) and penalise what they cannot (questions, first-person opinion, speculation). Lemma
weights ("percent", "vote", "tax", "cut" up; "hope", "wonderful", "folks" down) carry what the features
miss. Both were fitted once by `manage.py fit_builtin_scorer` (bench/README.md) and are frozen in
builtin_weights.json, so the default needs no model directory and scores in microseconds.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

from spacy.tokens import Span

from verify.extraction.features import sentence_features

WEIGHTS_FILE = Path(__file__).with_name("builtin_weights.json")
NUMBER_LEMMA = "<num>"


def sentence_lemmas(sentence: Span) -> set[str]:
    """The distinct lower-cased lemmas of a sentence's words; figures become one token."""
    return {NUMBER_LEMMA if t.like_num else t.lemma_.lower() for t in sentence if not (t.is_punct or t.is_space)}


def load_weights(path: Path = WEIGHTS_FILE) -> tuple[dict[str, float], dict[str, float]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return dict(data["features"]), dict(data["lemmas"])


class RuleScorer:
    name = "rules"

    def __init__(self, *, feature_weights: dict[str, float] | None = None,
                 lemma_weights: dict[str, float] | None = None) -> None:
        if feature_weights is None or lemma_weights is None:
            feature_weights, lemma_weights = load_weights()
        self.feature_weights = feature_weights
        self.lemma_weights = lemma_weights

    def score(self, sentences: list[Span]) -> list[float]:
        return [self.score_one(sentence) for sentence in sentences]

    def score_one(self, sentence: Span) -> float:
        features = sentence_features(sentence)
        z = sum(self.feature_weights.get(name, 0.0) * value for name, value in features.items())
        z += sum(self.lemma_weights.get(lemma, 0.0) for lemma in sentence_lemmas(sentence))
        return 1.0 / (1.0 + math.exp(-z))
