"""Hedging cues: words that tell a fact-checker the sentence itself is not sure."""
from __future__ import annotations

import re

from spacy.tokens import Span

from verify.extraction.doc_text import span_text

_HEDGE_PHRASES = [
    "preliminary evidence suggests", "evidence suggests", "reports suggest", "remains unverified",
    "remain unverified", "could not be independently verified", "not independently verified",
    "could not be verified", "unconfirmed", "unverified", "as many as", "as much as", "up to",
    "reportedly", "allegedly", "purportedly", "supposedly", "apparently", "possibly", "presumably",
    "it is believed", "is believed to", "are believed to", "is thought to", "are thought to",
    "is said to", "are said to", "appears to", "appear to", "seems to", "seem to", "likely", "unlikely",
    "probably", "estimated", "an estimated", "rumoured", "rumored", "according to unconfirmed reports",
    "speculate", "speculated", "it is unclear", "remains unclear", "remains uncertain", "perhaps",
]
_HEDGE_PATTERN = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(p) for p in sorted(_HEDGE_PHRASES, key=len, reverse=True)) + r")(?![\w-])",
    re.IGNORECASE,
)
# Modal verbs are hedges only as verbs ("May" the month is not); the tagger tells them apart.
_SPECULATIVE_MODALS = {"could", "may", "might"}


def find_hedges(sentence: Span) -> list[str]:
    """Hedging cues in reading order, lower-cased, without duplicates."""
    found: list[tuple[int, str]] = []
    for match in _HEDGE_PATTERN.finditer(span_text(sentence)):
        found.append((match.start(), match.group(1).lower()))
    for token in sentence:
        if token.tag_ == "MD" and token.lower_ in _SPECULATIVE_MODALS:
            found.append((token.idx - sentence.start_char, token.lower_))
    hedges: list[str] = []
    for _, cue in sorted(found):
        if cue not in hedges:
            hedges.append(cue)
    return hedges
