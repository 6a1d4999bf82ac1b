"""Who says so: claimant, reporting cue and the attributed content of a sentence (dependency rules).

Patterns, tried in order: a speaker label ("WALLACE: ..."); "according to X"; a quote signed after
a dash; a reporting verb with a clause ("X said that Y", "Y, X said", passive "it was reported that
Y"); a speech verb without a clause ('"...," he said'); a position verb ("X called for Y"); a cue noun
with a possessor ("Trump's claim that Y"). Quotations spanning sentences: see `quotes`.
"""
from __future__ import annotations

from spacy.tokens import Span

from verify.extraction.attribution_markers import according_to, dash_signature, noun_cue, speaker_label
from verify.extraction.attribution_spans import Attribution
from verify.extraction.attribution_verbs import reporting_verb

__all__ = ["Attribution", "find_attribution"]


def find_attribution(sentence: Span) -> Attribution | None:
    """The sentence's attribution by the first pattern that matches (most specific first)."""
    for pattern in (speaker_label, according_to, dash_signature, reporting_verb, noun_cue):
        attribution = pattern(sentence)
        if attribution is not None:
            return attribution
    return None
