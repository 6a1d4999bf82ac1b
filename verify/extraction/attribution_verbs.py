"""Attribution by verbs: "X said that Y", "Y, X said", "it was reported that Y", "X called for Y"."""
from __future__ import annotations

from spacy.tokens import Span, Token

from verify.extraction.attribution_spans import (
    NON_CLAIMANTS, SUBJECT_DEPS, Attribution, can_speak, noun_phrase, reads_alone, trimmed_range,
)
from verify.extraction.reporting_cues import POSITION_LEMMAS, REPORTING_LEMMAS, SPEECH_LEMMAS


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)

def _is_trailing_frame(sentence: Span, verb: Token) -> bool:
    """'..., the source added.' / '..., said Mr. Smith on Friday.': a speech frame closing the sentence."""
    if verb.lemma_.lower() not in SPEECH_LEMMAS:
        return False
    frame = [verb] + [t for c in verb.children
                      if c.dep_ in SUBJECT_DEPS + ("aux", "neg", "prt", "npadvmod", "advmod", "prep", "agent")
                      and (c.dep_ in SUBJECT_DEPS or c.i > verb.i or c.dep_ in ("aux", "neg"))
                      for t in c.subtree]
    first = min(t.i for t in frame)
    last = max(t.i for t in frame)
    before = sentence.doc[first - 1] if first > sentence.start else None
    after = [t for t in sentence.doc[last + 1:sentence.end] if not (t.is_punct or t.is_space)]
    return before is not None and (before.text == "," or before.is_quote) and not after

def reporting_verb(sentence: Span) -> Attribution | None:
    candidates = [t for t in sentence if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in REPORTING_LEMMAS]
    # A closing "..., X said." frames the whole sentence; otherwise the reporting verb nearest the
    # root does, and nested ones are content.
    trailing = [t for t in candidates if _is_trailing_frame(sentence, t)]
    for verb in trailing:
        attribution = _speech_without_clause(sentence, verb)
        if attribution is not None:
            return attribution
    candidates.sort(key=_depth)
    for verb in candidates:
        attribution = _from_verb(sentence, verb)
        if attribution is not None:
            return attribution
    for verb in candidates:
        if verb.lemma_.lower() in SPEECH_LEMMAS:
            attribution = _speech_without_clause(sentence, verb)
            if attribution is not None:
                return attribution
    return _position_verb(sentence)

def _position_verb(sentence: Span) -> Attribution | None:
    """'Mr. Trump has called for taxing pass-through income': a stated position, content = the object."""
    verbs = [t for t in sentence if t.pos_ == "VERB" and t.lemma_.lower() in POSITION_LEMMAS
             and t.dep_ in ("ROOT", "conj", "advcl", "xcomp", "ccomp")]
    for verb in sorted(verbs, key=_depth):
        attribution = _speech_without_clause(sentence, verb)
        if attribution is not None and attribution.claimant.lower() not in NON_CLAIMANTS - {"it"}:
            return attribution
    return None

def _subject_of(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None and verb.dep_ in ("advcl", "conj", "xcomp") and verb.tag_ in ("VBG", "VBN", "VB", "VBD", "VBZ"):
        # "NATO officials have expressed concerns, stating that ...": the subject is inherited.
        return _subject_of(verb.head)
    return subject

def _claimant_for(verb: Token) -> tuple[str, int | None, int | None] | None:
    """Claimant of a reporting verb: its subject, or the agent of a passive ("it was said by X")."""
    subject = _subject_of(verb)
    if subject is None:
        return None
    if subject.dep_ == "nsubjpass" or subject.lower_ in NON_CLAIMANTS - {"it"}:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if pobj is not None:
            return noun_phrase(pobj)
        if subject.lower_ in NON_CLAIMANTS or subject.dep_ == "nsubjpass" and subject.lower_ == "it":
            return "", None, None  # "it was reported that ...": attributed, source unstated
    if subject.dep_ == "nsubjpass":
        return None  # "the deal was announced": the subject is the content, not the claimant
    if subject.lower_ == "who" and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return noun_phrase(verb.head)  # "international observers, who warn ..." -> the observers
    return noun_phrase(subject)

def _speaking_subject(verb: Token) -> bool:
    subject = _subject_of(verb)
    if subject is None:
        return False
    if subject.lower_ == "who" and verb.dep_ == "relcl":
        subject = verb.head
    return can_speak(subject)

def _cue_text(verb: Token) -> str:
    cue_tokens = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt")]
    return " ".join(t.text for t in sorted(cue_tokens, key=lambda t: t.i))

def _from_verb(sentence: Span, verb: Token) -> Attribution | None:
    content_head = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis")), None) or next(
        (c for c in verb.children if c.dep_ == "xcomp"), None)
    if content_head is None and verb.dep_ == "ROOT":
        # "The economy grew, the minister said." is sometimes parsed with the clause as the head.
        content_head = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if content_head is None:
        return None
    claimant = _claimant_for(verb)
    if claimant is None:
        return None
    content_tokens = [t for t in content_head.subtree if not (t.dep_ == "mark" and t.head == content_head
                                                              and t.lower_ in ("that", "whether", "if"))]
    while content_tokens and (content_tokens[0].is_punct or content_tokens[0].is_quote or content_tokens[0].is_space):
        content_tokens = content_tokens[1:]
    content = trimmed_range(content_tokens)
    if content is None:
        return None
    return Attribution(
        claimant=claimant[0], claimant_start=claimant[1], claimant_end=claimant[2], cue=_cue_text(verb),
        content_start=content[0], content_end=content[1],
        frame_droppable=content_head.dep_ == "ccomp" and bool(claimant[0] or "report" in verb.lemma_)
        and reads_alone(sentence.doc, *content),
    )

def _speech_without_clause(sentence: Span, verb: Token) -> Attribution | None:
    """'"We will win," he said.' or 'he said, "..."': the content is the rest of the sentence."""
    if any(c.dep_ == "neg" for c in verb.children) or not _speaking_subject(verb):
        return None  # "The Kremlin did not respond"; "This revelation adds ..."
    claimant = _claimant_for(verb)
    if claimant is None or not claimant[0]:
        return None
    frame = {verb.i} | {t.i for c in verb.children if c.dep_ in SUBJECT_DEPS + ("aux", "neg", "prt") for t in c.subtree}
    rest = [t for t in sentence if t.i not in frame]
    content = trimmed_range(rest, min_tokens=2)  # '"Probably not," Ms. Moore said.'
    if content is None:
        return None
    return Attribution(
        claimant=claimant[0], claimant_start=claimant[1], claimant_end=claimant[2], cue=_cue_text(verb),
        content_start=content[0], content_end=content[1], frame_droppable=False,
    )
