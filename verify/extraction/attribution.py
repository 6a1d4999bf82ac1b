"""Who says so: claimant, reporting cue and the attributed content of a sentence (dependency rules).

Patterns, tried in order: "according to X"; a reporting verb with a clause ("X said that Y",
"Y, X said", passive "it was reported that Y"); a speech verb without a clause ('"...," he said');
a cue noun with a possessor ("Trump's claim that Y").
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from verify.extraction.doc_text import doc_text
from verify.extraction.reporting_cues import (
    NOUN_CUES, POSITION_LEMMAS, REPORTING_LEMMAS, SPEAKER_NOUNS, SPEECH_LEMMAS,
)

# Pronouns make a poor claim text on their own ("it threatens ..."), so the frame is kept then.
_PRONOUNS = frozenset({"it", "they", "he", "she", "this", "that", "these", "those", "we", "i", "you", "there"})
# Children that belong to a claimant's description, not to its name ("John Smith, the mayor, who ...").
_CLAIMANT_EXCLUDED_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "punct", "cc", "parataxis", "case"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_TRAILING_PUNCTUATION = frozenset({".", ",", ";", ":", "!", "?", "—", "–", "-", "…"})
_NON_CLAIMANTS = frozenset({"it", "there", "which", "that", "what"})
_SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "who"})
_SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_SPEAKER_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "ent", "ents")


def _can_speak(head: Token) -> bool:
    """Is this noun a person or body that can hold a position? ("This revelation adds" is not.)"""
    if head.lower_ in _SPEAKER_PRONOUNS or head.ent_type_ in _SPEAKER_ENTITIES or head.pos_ == "PROPN":
        return True
    if head.pos_ != "NOUN":
        return False
    return head.lower_ in SPEAKER_NOUNS or head.lemma_.lower() in SPEAKER_NOUNS or head.lower_.endswith(_SPEAKER_SUFFIXES)


@dataclass(frozen=True)
class Attribution:
    claimant: str
    claimant_start: int | None  # character offsets in the document
    claimant_end: int | None
    cue: str
    content_start: int  # the attributed content (character offsets in the document)
    content_end: int
    frame_droppable: bool  # True when the content reads well as a claim without "X said that"


def find_attribution(sentence: Span) -> Attribution | None:
    """The sentence's attribution by the first pattern that matches (most specific first)."""
    for pattern in (_speaker_label, _according_to, _dash_signature, _reporting_verb, _noun_cue):
        attribution = pattern(sentence)
        if attribution is not None:
            return attribution
    return None


def _speaker_label(sentence: Span) -> Attribution | None:
    """Transcripts and headlines: 'WALLACE: ...', 'Pat Caddell: Voters worried ...'."""
    tokens = [t for t in sentence if not t.is_space]
    colon = next((i for i, t in enumerate(tokens[:6]) if t.text == ":"), None)
    if not colon:
        return None
    label = tokens[:colon]
    if not all(t.pos_ == "PROPN" or t.is_upper or t.text in (".", "-") for t in label):
        return None
    content = _trimmed_range(tokens[colon + 1:])
    if content is None:
        return None
    start, end = label[0].idx, label[-1].idx + len(label[-1].text)
    return Attribution(
        claimant=doc_text(sentence.doc)[start:end], claimant_start=start, claimant_end=end, cue=":",
        content_start=content[0], content_end=content[1], frame_droppable=False,
    )


def _noun_phrase(head: Token) -> tuple[str, int, int]:
    """The name part of a noun phrase: "NATO officials", "John Smith" (not ", the mayor of ...")."""
    tokens = [head]
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in _CLAIMANT_EXCLUDED_DEPS:
                continue
            tokens.append(child)
            stack.append(child)
    if head.dep_ != "conj":  # "Washington and Seoul": keep the coordinated names together
        for conj in head.conjuncts:
            if conj.i > head.i:
                tokens.extend(t for t in conj.subtree if t.dep_ not in _CLAIMANT_EXCLUDED_DEPS or t.dep_ == "cc")
                tokens.extend(t for t in head.children if t.dep_ == "cc")
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    doc = head.doc
    start, end = first.idx, last.idx + len(last.text)
    return doc_text(doc)[start:end], start, end


def _according_to(sentence: Span) -> Attribution | None:
    for token in sentence:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None and token.i + 1 < sentence.end and sentence.doc[token.i + 1].lower_ == "to":
            to = sentence.doc[token.i + 1]
        if to is None:
            continue
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            continue
        claimant, c_start, c_end = _noun_phrase(source)
        frame = sorted(set(token.subtree) | set(to.subtree), key=lambda t: t.i)
        content = _outside(sentence, frame[0].i, frame[-1].i + 1)
        if content is None:
            continue
        return Attribution(
            claimant=claimant, claimant_start=c_start, claimant_end=c_end, cue="according to",
            content_start=content[0], content_end=content[1],
            frame_droppable=_reads_alone(sentence.doc, content[0], content[1]),
        )
    return None


_DASHES = frozenset({"―", "—", "–"})


def _dash_signature(sentence: Span) -> Attribution | None:
    """'"... to be a bully." ― Veronica Cruz': a quotation signed after a dash."""
    tokens = [t for t in sentence if not t.is_space]
    for position, token in enumerate(tokens[1:-1], start=1):
        if token.text not in _DASHES or not tokens[position - 1].is_quote:
            continue
        signature = tokens[position + 1:]
        while signature and signature[-1].is_punct:
            signature = signature[:-1]
        if not signature or len(signature) > 8 or not any(t.pos_ == "PROPN" for t in signature):
            continue
        content = _trimmed_range([t for t in tokens[:position] if not t.is_quote])
        if content is None:
            continue
        start, end = signature[0].idx, signature[-1].idx + len(signature[-1].text)
        return Attribution(
            claimant=doc_text(sentence.doc)[start:end], claimant_start=start, claimant_end=end, cue=token.text,
            content_start=content[0], content_end=content[1], frame_droppable=False,
        )
    return None


def _outside(sentence: Span, frame_start: int, frame_end: int) -> tuple[int, int] | None:
    """Char range of the sentence on the larger side of a frame, without joining commas."""
    doc = sentence.doc
    before = [t for t in doc[sentence.start:frame_start] if not t.is_space]
    after = [t for t in doc[frame_end:sentence.end] if not t.is_space]
    side = after if len(after) >= len(before) else before
    return _trimmed_range(side)


def _trimmed_range(tokens: list[Token], *, min_tokens: int = 3) -> tuple[int, int] | None:
    while tokens and (tokens[0].is_space or tokens[0].is_quote or tokens[0].text in ",;:—–-"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_space or tokens[-1].is_quote or tokens[-1].text in _TRAILING_PUNCTUATION):
        tokens = tokens[:-1]
    if len(tokens) < min_tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _is_trailing_frame(sentence: Span, verb: Token) -> bool:
    """'..., the source added.' / '..., said Mr. Smith on Friday.': a speech frame closing the sentence."""
    if verb.lemma_.lower() not in SPEECH_LEMMAS:
        return False
    frame = [verb] + [t for c in verb.children
                      if c.dep_ in _SUBJECT_DEPS + ("aux", "neg", "prt", "npadvmod", "advmod", "prep", "agent")
                      and (c.dep_ in _SUBJECT_DEPS or c.i > verb.i or c.dep_ in ("aux", "neg"))
                      for t in c.subtree]
    first = min(t.i for t in frame)
    last = max(t.i for t in frame)
    before = sentence.doc[first - 1] if first > sentence.start else None
    after = [t for t in sentence.doc[last + 1:sentence.end] if not (t.is_punct or t.is_space)]
    return before is not None and (before.text == "," or before.is_quote) and not after


def _reporting_verb(sentence: Span) -> Attribution | None:
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
        if attribution is not None and attribution.claimant.lower() not in _NON_CLAIMANTS - {"it"}:
            return attribution
    return None


def _subject_of(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is None and verb.dep_ in ("advcl", "conj", "xcomp") and verb.tag_ in ("VBG", "VBN", "VB", "VBD", "VBZ"):
        # "NATO officials have expressed concerns, stating that ...": the subject is inherited.
        return _subject_of(verb.head)
    return subject


def _claimant_for(verb: Token) -> tuple[str, int | None, int | None] | None:
    """Claimant of a reporting verb: its subject, or the agent of a passive ("it was said by X")."""
    subject = _subject_of(verb)
    if subject is None:
        return None
    if subject.dep_ == "nsubjpass" or subject.lower_ in _NON_CLAIMANTS - {"it"}:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if pobj is not None:
            return _noun_phrase(pobj)
        if subject.lower_ in _NON_CLAIMANTS or subject.dep_ == "nsubjpass" and subject.lower_ == "it":
            return "", None, None  # "it was reported that ...": attributed, source unstated
    if subject.dep_ == "nsubjpass":
        return None  # "the deal was announced": the subject is the content, not the claimant
    if subject.lower_ == "who" and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return _noun_phrase(verb.head)  # "international observers, who warn ..." -> the observers
    return _noun_phrase(subject)


def _speaking_subject(verb: Token) -> bool:
    subject = _subject_of(verb)
    if subject is None:
        return False
    if subject.lower_ == "who" and verb.dep_ == "relcl":
        subject = verb.head
    return _can_speak(subject)


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
    content = _trimmed_range(content_tokens)
    if content is None:
        return None
    return Attribution(
        claimant=claimant[0], claimant_start=claimant[1], claimant_end=claimant[2], cue=_cue_text(verb),
        content_start=content[0], content_end=content[1],
        frame_droppable=content_head.dep_ == "ccomp" and bool(claimant[0] or "report" in verb.lemma_)
        and _reads_alone(sentence.doc, *content),
    )


def _speech_without_clause(sentence: Span, verb: Token) -> Attribution | None:
    """'"We will win," he said.' or 'he said, "..."': the content is the rest of the sentence."""
    if any(c.dep_ == "neg" for c in verb.children) or not _speaking_subject(verb):
        return None  # "The Kremlin did not respond"; "This revelation adds ..."
    claimant = _claimant_for(verb)
    if claimant is None or not claimant[0]:
        return None
    frame = {verb.i} | {t.i for c in verb.children if c.dep_ in _SUBJECT_DEPS + ("aux", "neg", "prt") for t in c.subtree}
    rest = [t for t in sentence if t.i not in frame]
    content = _trimmed_range(rest, min_tokens=2)  # '"Probably not," Ms. Moore said.'
    if content is None:
        return None
    return Attribution(
        claimant=claimant[0], claimant_start=claimant[1], claimant_end=claimant[2], cue=_cue_text(verb),
        content_start=content[0], content_end=content[1], frame_droppable=False,
    )


def _noun_cue(sentence: Span) -> Attribution | None:
    """"Trump's claim that ...", "the minister's statement": the possessor is the claimant."""
    for token in sentence:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in NOUN_CUES:
            continue
        possessor = next((c for c in token.children if c.dep_ == "poss"), None)
        if possessor is None or possessor.lower_ in ("its", "their", "his", "her", "our", "my", "your"):
            continue
        if possessor.ent_type_ in ("DATE", "TIME") or not _can_speak(possessor):
            continue  # "Tuesday's arguments" has no speaker
        claimant = _noun_phrase(possessor)
        content = _trimmed_range([t for t in sentence if t.i not in {possessor.i, token.i}])
        if content is None:
            continue
        return Attribution(
            claimant=claimant[0], claimant_start=claimant[1], claimant_end=claimant[2], cue=token.text,
            content_start=content[0], content_end=content[1], frame_droppable=False,
        )
    return None


def _reads_alone(doc, start: int, end: int) -> bool:
    words = doc_text(doc)[start:end].split()
    return len(words) >= 4 and words[0].lower().strip("“\"'") not in _PRONOUNS
