"""Attributions carried by a short neighbouring sentence that exists only to attribute.

'“Donald Trump scares me. ...” ― Krystal Correa': the signature is a sentence of its own after the
quote; '"WALLACE:' or 'Caddell continued:' before a passage. Such sentences are too short to be
claims, so the sentence next to them takes their attribution (quotes.py spreads it over the rest).
"""
from __future__ import annotations

from spacy.tokens import Span

from verify.extraction.attribution_markers import dash_signature, speaker_label
from verify.extraction.attribution_spans import DASHES, QUOTE_CHARS, Attribution
from verify.extraction.attribution_verbs import reporting_verb



def _covers(attribution: Attribution | None, sentence: Span) -> bool:
    return attribution is not None and bool(attribution.claimant) \
        and attribution.content_start < sentence.end_char and sentence.start_char < attribution.content_end


def _words(sentence: Span) -> list:
    return [t for t in sentence if not (t.is_space or t.is_punct)]


def neighbour_attribution(sentence: Span) -> Attribution | None:
    """The attribution of the signature after the sentence or of the label or introducer before it."""
    doc = sentence.doc
    if sentence.end < len(doc):
        following = doc[sentence.end].sent
        first = next((t for t in following if not (t.is_space or t.is_quote)), None)
        if first is not None and first.text.lstrip(QUOTE_CHARS) in DASHES:
            signature = dash_signature(following)
            if _covers(signature, sentence):
                return signature
    if sentence.start > 0:
        previous = doc[sentence.start - 1].sent
        last = next((t for t in reversed(previous) if not t.is_space), None)
        if last is not None and last.text == ":" and len(_words(previous)) <= 8:
            for pattern in (speaker_label, reporting_verb):
                introducer = pattern(previous)
                if _covers(introducer, sentence):
                    return introducer
    return None
