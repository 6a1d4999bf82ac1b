"""The built-in, untrained check-worthiness scorer: a hand-weighted logistic over sentence features.

Weights reward what a fact-checker can verify (numbers, named actors, dated past events, attributions)
and penalise what they cannot (questions, first-person opinion, speculation, exclamations).
"""
from __future__ import annotations

import math

from spacy.tokens import Span

from verify.extraction.features import sentence_features

# Fitted once (class-balanced logistic regression on the features) on CheckThat! 2024 train, then
# frozen here and rounded; "reporting_verb" raised by hand from ~0 (debate transcripts rarely attribute,
# news does). Refit with bench/README.md's recipe if features change.
RULE_WEIGHTS: dict[str, float] = {
    "bias": -1.93,
    "log_tokens": 0.51,
    "short": 0.03,
    "has_number": 1.11,
    "has_money_or_percent": 1.38,
    "has_date": 0.34,
    "named_entities": 0.25,
    "person": 0.02,
    "org": 0.48,
    "gpe_norp": 0.02,
    "reporting_verb": 0.3,
    "past_event": 1.13,
    "present_perfect": 0.87,
    "comparative": 0.44,
    "first_person": -0.56,
    "first_person_opinion": -1.09,
    "speculative_modal": -0.61,
    "question": -2.1,
    "exclamation": -0.12,
    "second_person": -0.44,
    "imperative": -2.57,
    "interjection": -0.35,
    "digits": 0.82,
    "negation": -0.09,
    "superlative": 0.57,
    "future": -0.28,
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
