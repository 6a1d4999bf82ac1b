"""Who says so: claimant, reporting cue and the attributed content of a sentence (dependency rules).

Patterns, tried in order: a speaker label ("WALLACE: ..."); "according to X" (or to a speech X gave); an
"as" aside ("Y, as X pointed out"); a quote signed after a dash; a reporting verb with a clause ("X said
that Y", "Y, X said", passive "it was reported that Y"); a speech verb without a clause ('"...," he said');
a position verb ("X called for Y"); "X is convinced that Y"; a held stance ("X is critical of Y", "X is an
opponent of Y"); a statement issued ("X issued a statement calling Y"); a cue noun with a possessor
("Trump's claim that Y"). A signature, speaker label or
introducer in the sentence next to it wins when the sentence has no speaker of its own outside quotation
marks (and a speaker label always: in a transcript the speaker says it all). The claimant is then named and typed (`attribution_claimants`). Quotations
spanning sentences: see `quotes`.
"""
from __future__ import annotations

from spacy.tokens import Span

from verify.extraction.attribution_asides import as_aside
from verify.extraction.attribution_claimants import typed_claimant
from verify.extraction.attribution_neighbours import neighbour_attribution
from verify.extraction.attribution_markers import according_to, dash_signature, noun_cue, speaker_label
from verify.extraction.attribution_spans import SPEAKER_RELATIVE, Attribution, in_quotation
from verify.extraction.attribution_stances import stance_adjective, stance_predicate
from verify.extraction.attribution_statements import statement_act, statement_setting
from verify.extraction.attribution_verbs import reporting_verb

__all__ = ["Attribution", "find_attribution"]


def find_attribution(sentence: Span) -> Attribution | None:
    """The sentence's attribution by the first pattern that matches (most specific first)."""
    own = next((found for pattern in (speaker_label, according_to, as_aside, dash_signature, reporting_verb,
                                      stance_adjective, stance_predicate, statement_act, statement_setting,
                                      noun_cue)
                if (found := pattern(sentence)) is not None), None)
    neighbour = neighbour_attribution(sentence)
    if neighbour is not None and (neighbour.speaker_turn or own is None
                                  or not own.speaker_turn and _quoted_speaker(sentence, own)):
        own = neighbour
    return typed_claimant(sentence, own)


def _quoted_speaker(sentence: Span, attribution: Attribution) -> bool:
    """Is the claimant someone quoted ("I think", or named inside quotation marks)?"""
    if attribution.claimant_start is None or attribution.claimant.lower() in SPEAKER_RELATIVE:
        return True
    token = sentence.doc.char_span(attribution.claimant_start, attribution.claimant_end, alignment_mode="expand")
    return token is not None and in_quotation(token.root)
