"""The built-in, untrained check-worthiness scorer: a hand-weighted logistic over sentence features.

Weights reward what a fact-checker can verify (numbers, named actors, dated past events, attributions)
and penalise what they cannot (questions, first-person opinion, speculation, exclamations).
"""
from __future__ import annotations

import math

from spacy.tokens import Span

from verify.extraction.features import sentence_features

RULE_WEIGHTS: dict[str, float] = {
    "bias": -2.2,
    "log_tokens": 0.35,
    "short": -1.0,
    "has_number": 1.6,
    "has_money_or_percent": 0.6,
    "has_date": 0.6,
    "named_entities": 0.45,
    "person": 0.3,
    "org": 0.3,
    "gpe_norp": 0.2,
    "reporting_verb": 0.7,
    "past_event": 0.7,
    "present_perfect": 0.5,
    "comparative": 0.3,
    "superlative": 0.3,
    "first_person": -0.4,
    "first_person_opinion": -1.2,
    "speculative_modal": -0.4,
    "future": -0.3,
    "question": -2.5,
    "exclamation": -0.8,
    "second_person": -0.6,
    "imperative": -1.0,
    "interjection": -0.8,
    "digits": 0.3,
    "negation": 0.0,
}


class RuleScorer:
    name = "rules"

    def score(self, sentences: list[Span]) -> list[float]:
        return [self.score_one(sentence) for sentence in sentences]

    @staticmethod
    def score_one(sentence: Span) -> float:
        features = sentence_features(sentence)
        z = sum(RULE_WEIGHTS.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-z))
