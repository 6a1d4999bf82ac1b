"""Attribution by an "as" aside: "Hawaii, as one of Mr. Obama's advisers pointed out, rarely gets two
hurricanes", "As Ms. Simonyan put it, RT is ...", "... whether Scott had a gun, as police have said",
"as first reported by The Washington Post".

The aside's speaker is the source of the clause it comments on, which is the rest of the sentence. Only
an aside without content of its own counts: "as he announced his candidacy, protesters ..." is a time, not
a source (the verb has an object), and "Trump failed, as predicted" names nobody.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from verify.extraction.attribution_spans import (
    Attribution, can_speak, in_quotation, trimmed_range, verb_lemma,
)
from verify.extraction.attribution_subjects import agent_of
from verify.extraction.reporting_cues import REPORTING_LEMMAS, SPEECH_LEMMAS

# "as X put it": "put" reports speech only with "it" as its object.
_PUT_IT = frozenset({"put"})
# Objects an aside may have and still report the clause around it: "as X put it", "as X told reporters".
_EMPTY_OBJECTS = frozenset({"it", "so", "this"})
# Where an aside ends when the parser did not close it: '..., as police have said, the footage ...'.
_CLOSERS = frozenset({",", ";", ":", "—", "–", "--", ")", "."})


def as_aside(sentence: Span) -> Attribution | None:
    for marker in sentence:
        if marker.lower_ != "as" or marker.dep_ not in ("mark", "prep") or in_quotation(marker):
            continue
        verb = _aside_verb(sentence, marker)
        if verb is None:
            continue
        end = _aside_end(sentence, verb)
        speaker = _speaker(verb, marker) if _reports(verb, end) else None
        if speaker is None:
            continue
        content = trimmed_range([t for t in sentence if not marker.i <= t.i <= end])
        if content is None:
            continue
        return Attribution.from_source(speaker, content=content, cue=_cue(verb))
    return None


def _aside_verb(sentence: Span, marker: Token) -> Token | None:
    """The verb of the aside: the head of "as" as a conjunction, or, when the parser took "as" for a
    preposition ("as one of his advisers pointed out"), the first verb after its noun phrase."""
    if marker.dep_ == "mark":
        return marker.head if marker.head.i > marker.i else None
    if marker.i > sentence.start and sentence.doc[marker.i - 1].lower_ in ("such", "well"):
        return None  # "deals such as NAFTA and called for ...": examples, not a speaker
    after = max(t.i for t in marker.subtree) + 1
    for token in sentence.doc[after:sentence.end]:
        if token.text in _CLOSERS or token.is_quote:
            return None
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return None if token.dep_ == "conj" else token  # "and called for ...": the main clause goes on
    return None


def _reports(verb: Token, end: int) -> bool:
    """A verb of saying with nothing said of its own inside the aside (up to `end`): 'as X said', 'as X put
    it', 'as X pointed out'."""
    if verb.pos_ not in ("VERB", "AUX") or in_quotation(verb):
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp") and c.i <= end]
    if verb.lemma_.lower() in _PUT_IT:
        return len(objects) == 1 and objects[0].lower_ == "it"
    if verb_lemma(verb, REPORTING_LEMMAS | SPEECH_LEMMAS) is None:
        return False
    return all(c.dep_ == "dobj" and (c.lower_ in _EMPTY_OBJECTS or c.pos_ in ("PROPN", "PRON") or can_speak(c))
               and c.i < verb.i + 4 for c in objects)


def _speaker(verb: Token, marker: Token) -> Token | None:
    """The aside's subject after "as" ("as one of his advisers pointed out": "one of his advisers"), or the
    agent of a passive ("as reported by the Post")."""
    agent = agent_of(verb)
    if agent is not None:
        return agent if can_speak(agent) else None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and marker.i < c.i < verb.i), None)
    if subject is None and marker.dep_ == "prep":
        subject = next((c for c in marker.children if c.dep_ == "pobj"), None)
    if subject is None or subject.dep_ == "nsubjpass":
        return None
    if can_speak(subject):
        return subject
    # "one of the advisers", "some of his aides": a part of a group that can speak.
    group = next((p for prep in subject.children if prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"),
                 None)
    return subject if group is not None and can_speak(group) else None


def _cue(verb: Token) -> str:
    """'have said', 'pointed out', 'put it', 'first reported by'."""
    words = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass", "prt", "agent")
                      or c.dep_ == "dobj" and c.lower_ in _EMPTY_OBJECTS]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _aside_end(sentence: Span, verb: Token) -> int:
    """Index of the aside's last token: the verb's own words up to the punctuation closing the aside."""
    doc = sentence.doc
    end = verb.i
    while end + 1 < sentence.end and doc[end + 1].text not in _CLOSERS and not doc[end + 1].is_quote:
        end += 1
    return end
