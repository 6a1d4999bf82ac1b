"""Check-worthiness features of one sentence, read off spaCy's annotations (no second parse)."""
from __future__ import annotations

import math
import re

from spacy.tokens import Span

from verify.extraction.doc_text import sentence_entities, span_text
from verify.extraction.reporting_cues import CORE_REPORTING_LEMMAS

NUMERIC_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"})
_OPINION_LEMMAS = frozenset({"think", "believe", "feel", "hope", "want", "love", "hate", "guess", "wish", "like"})
_SPECULATIVE_MODALS = frozenset({"could", "might", "may", "would", "should", "must", "will", "'ll", "can"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "myself", "ourselves"})
_DIGIT = re.compile(r"\d")

FEATURE_NAMES = (
    "bias", "log_tokens", "short", "has_number", "has_money_or_percent", "has_date", "named_entities",
    "person", "org", "gpe_norp", "reporting_verb", "past_event", "present_perfect", "comparative",
    "first_person", "first_person_opinion", "speculative_modal", "question", "exclamation",
    "second_person", "imperative", "interjection", "digits", "negation", "superlative", "future",
)


def sentence_features(sentence: Span) -> dict[str, float]:
    tokens = [t for t in sentence if not t.is_space and not t.is_punct]
    n = max(1, len(tokens))
    labels = [e.label_ for e in sentence_entities(sentence)]
    lowers = {t.lower_ for t in tokens}
    lemmas = {t.lemma_.lower() for t in tokens}
    tags = [t.tag_ for t in tokens]
    root = sentence.root
    first_person = bool(lowers & _FIRST_PERSON)
    stripped = span_text(sentence).strip()
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children)
    return {
        "bias": 1.0,
        "log_tokens": min(4.0, math.log1p(n)),
        "short": 1.0 if n < 6 else 0.0,
        "has_number": 1.0 if any(label in NUMERIC_LABELS for label in labels) else 0.0,
        "has_money_or_percent": 1.0 if any(label in ("MONEY", "PERCENT") for label in labels) else 0.0,
        "has_date": 1.0 if any(label in ("DATE", "TIME") for label in labels) else 0.0,
        "named_entities": min(3.0, float(sum(1 for label in labels if label in NAMED_LABELS))),
        "person": 1.0 if "PERSON" in labels else 0.0,
        "org": 1.0 if "ORG" in labels else 0.0,
        "gpe_norp": 1.0 if any(label in ("GPE", "NORP", "LOC") for label in labels) else 0.0,
        "reporting_verb": 1.0 if any(t.lemma_.lower() in CORE_REPORTING_LEMMAS and t.pos_ == "VERB" for t in tokens)
        or "according" in lowers else 0.0,
        "past_event": 1.0 if "VBD" in tags else 0.0,
        "present_perfect": 1.0 if "VBN" in tags and lowers & {"has", "have", "had", "been"} else 0.0,
        "comparative": 1.0 if any(tag in ("JJR", "RBR") for tag in tags) else 0.0,
        "superlative": 1.0 if any(tag in ("JJS", "RBS") for tag in tags) else 0.0,
        "first_person": 1.0 if first_person else 0.0,
        "first_person_opinion": 1.0 if first_person and lemmas & _OPINION_LEMMAS else 0.0,
        "speculative_modal": 1.0 if any(t.tag_ == "MD" and t.lower_ in _SPECULATIVE_MODALS for t in tokens) else 0.0,
        "future": 1.0 if any(t.tag_ == "MD" and t.lower_ in ("will", "'ll") for t in tokens) else 0.0,
        "question": 1.0 if stripped.endswith("?") else 0.0,
        "exclamation": 1.0 if stripped.endswith("!") else 0.0,
        "second_person": 1.0 if lowers & {"you", "your", "yourself"} else 0.0,
        "imperative": 1.0 if root.tag_ == "VB" and not has_subject and root.i == sentence.start else 0.0,
        "interjection": 1.0 if any(t.pos_ == "INTJ" for t in tokens) else 0.0,
        "digits": 1.0 if _DIGIT.search(stripped) else 0.0,
        "negation": 1.0 if any(t.dep_ == "neg" for t in tokens) else 0.0,
    }
