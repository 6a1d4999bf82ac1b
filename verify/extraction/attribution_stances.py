"""Attribution by a held view: "protesters were frustrated that the police released only some footage",
"Graham has been critical of Trump", "Kaine is a staunch opponent of the death penalty".

An adjective of attitude with a clause ("convinced that"), or with its object ("critical of", "coy about"),
and a noun naming someone by their side in a debate ("an opponent of", "a supporter of"), state the
subject's position: the subject is the claimant, what the view is about the content.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from verify.extraction.attribution_spans import Attribution, is_someone, noun_phrase, trimmed_range
from verify.extraction.reporting_cues import STANCE_ADJECTIVES

# Adjectives of attitude towards something named after a preposition: "critical of", "wary of", "coy about".
STANCE_OBJECT_ADJECTIVES = STANCE_ADJECTIVES | frozenset({
    "critical", "supportive", "wary", "dismissive", "coy", "passionate", "vocal", "enthusiastic", "opposed",
    "furious", "proud", "fond", "frank", "candid", "blunt", "bullish", "bearish", "hostile",
    "sympathetic", "receptive", "ambivalent", "unapologetic", "defiant",
})
# Nouns for someone's side in a debate: "a staunch opponent of", "an outspoken supporter of".
STANCE_NOUNS = frozenset({
    "opponent", "supporter", "critic", "advocate", "proponent", "champion", "defender", "backer", "skeptic",
    "sceptic", "foe", "detractor", "fan", "booster", "cheerleader",
})
_OBJECT_PREPOSITIONS = frozenset({"of", "about", "over", "on", "toward", "towards", "to", "with", "in", "at"})
_COPULAS = frozenset({"be", "remain", "become", "seem", "appear", "stay"})


def stance_adjective(sentence: Span) -> Attribution | None:
    """"Protesters were frustrated that the police released only some footage": a held view."""
    for token in sentence:
        if token.lower_ not in STANCE_ADJECTIVES:
            continue
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        # "we are convinced that" (an adjective after "be") or "were frustrated that" (parsed as a passive)
        holder = token.head if token.dep_ == "acomp" else token
        subject = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if clause is None or subject is None or not is_someone(subject, with_clause=True):
            continue
        content = trimmed_range([t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)])
        if content is None:
            continue
        cue = sorted({holder, token, *(c for c in holder.children if c.dep_ in ("aux", "auxpass"))}, key=lambda t: t.i)
        return Attribution.from_source(subject, content=content, cue=" ".join(t.text for t in cue))
    return None


def stance_predicate(sentence: Span) -> Attribution | None:
    """"Graham has been critical of Trump", "Kaine is a staunch opponent of the death penalty"."""
    for token in sentence:
        if token.dep_ in ("acomp", "attr") and token.head.lemma_.lower() in _COPULAS:
            holder = token.head
        elif any(c.dep_ == "auxpass" and c.lemma_ == "be" for c in token.children):
            holder = token  # "the aides were coy about ...", parsed as a passive
        else:
            continue
        known = STANCE_NOUNS if token.dep_ == "attr" else STANCE_OBJECT_ADJECTIVES
        if token.lemma_.lower() not in known and token.lower_ not in known:
            continue
        topic = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in _OBJECT_PREPOSITIONS
                      and any(p.dep_ in ("pobj", "pcomp") for p in c.children)), None)
        if topic is None:
            continue
        attribution = _held_by(sentence, holder, topic)
        if attribution is not None:
            return attribution
    return _against(sentence)


def _against(sentence: Span) -> Attribution | None:
    """'If Trump could make money doing it, Sen. Bernie Sanders is against it': "be against" states a side."""
    for preposition in sentence:
        if preposition.lower_ == "against" and preposition.dep_ == "prep" \
                and preposition.head.lemma_.lower() in _COPULAS and any(c.dep_ == "pobj" for c in preposition.children):
            attribution = _held_by(sentence, preposition.head, preposition)
            if attribution is not None:
                return attribution
    return None


def _held_by(sentence: Span, holder: Token, topic: Token) -> Attribution | None:
    subject = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    relative = subject.lower_ in ("who", "that") and holder.dep_ == "relcl"
    if not is_someone(holder.head if relative else subject, with_clause=True):
        return None
    content = trimmed_range(list(topic.subtree), min_tokens=2)
    if content is None:
        return None
    cue = " ".join(t.text for t in sentence.doc[holder.i:topic.i + 1] if not t.is_space)
    if relative:  # "a lawyer who is an opponent of ...": named by the noun, located at "who"
        claimant = noun_phrase(holder.head)[0], subject.idx, subject.idx + len(subject.text)
        return Attribution.from_claimant(claimant, content=content, cue=cue)
    return Attribution.from_source(subject, content=content, cue=cue)
