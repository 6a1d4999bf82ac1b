"""Who says so: claimant, reporting cue and the attributed content of a sentence (dependency rules)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

REPORTING_LEMMAS = frozenset({
    "say", "state", "claim", "tell", "report", "announce", "confirm", "deny", "add", "note", "warn",
    "insist", "argue", "allege", "suggest", "accuse", "estimate", "write", "explain", "declare", "assert",
    "maintain", "acknowledge", "admit", "indicate", "reveal", "predict", "stress", "emphasise", "emphasize",
    "contend", "testify", "tweet", "post", "conclude", "believe", "think", "expect", "recall", "complain",
    "caution", "concede", "disclose", "agree", "promise", "vow", "pledge", "urge", "speculate", "fear",
    "mention", "observe", "remark", "reply", "respond", "answer", "signal", "show", "find", "charge",
    "boast", "acknowledge", "concur", "hint", "imply", "reiterate", "repeat", "point", "assure", "suspect",
    "allege", "insinuate", "proclaim", "counter", "predict", "forecast", "project", "calculate",
})
# Pronouns make a poor claim text on their own ("it threatens ..."), so the frame is kept then.
_PRONOUNS = frozenset({"it", "they", "he", "she", "this", "that", "these", "those", "we", "i", "you", "there"})
# Children that belong to a claimant's description, not to its name ("John Smith, the mayor, who ...").
_CLAIMANT_EXCLUDED_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "punct", "cc", "parataxis"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_TRAILING_PUNCTUATION = frozenset({".", ",", ";", ":", "!", "?", "—", "–", "-", "…"})


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
    return _according_to(sentence) or _reporting_verb(sentence)


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
    return doc.text[start:end], start, end


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
        frame_start, frame_end = frame[0].i, frame[-1].i + 1
        content = _outside(sentence, frame_start, frame_end)
        if content is None:
            continue
        return Attribution(
            claimant=claimant, claimant_start=c_start, claimant_end=c_end, cue="according to",
            content_start=content[0], content_end=content[1],
            frame_droppable=_reads_alone(sentence.doc, content[0], content[1]),
        )
    return None


def _outside(sentence: Span, frame_start: int, frame_end: int) -> tuple[int, int] | None:
    """Char range of the sentence on the larger side of a frame, without joining commas."""
    doc = sentence.doc
    before = [t for t in doc[sentence.start:frame_start] if not t.is_space]
    after = [t for t in doc[frame_end:sentence.end] if not t.is_space]
    side = after if len(after) >= len(before) else before
    while side and side[0].is_punct and side[0].text in ",;:—–-":
        side = side[1:]
    while side and side[-1].text in _TRAILING_PUNCTUATION:
        side = side[:-1]
    if len(side) < 3:
        return None
    return side[0].idx, side[-1].idx + len(side[-1].text)


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _reporting_verb(sentence: Span) -> Attribution | None:
    candidates = [
        t for t in sentence
        if t.lemma_.lower() in REPORTING_LEMMAS and t.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("ccomp", "xcomp") or c.dep_ == "parataxis" for c in t.children)
        or (t.lemma_.lower() in REPORTING_LEMMAS and t.pos_ == "VERB" and t.head.dep_ == "ccomp"
            and t.dep_ == "ROOT")
    ]
    # The reporting verb nearest the root frames the whole sentence; nested ones are content.
    for verb in sorted(candidates, key=_depth):
        attribution = _from_verb(sentence, verb)
        if attribution is not None:
            return attribution
    # "The economy grew, the minister said.": the content is a ccomp to the left of the verb.
    return None


def _subject_of(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is None and verb.dep_ in ("advcl", "conj", "xcomp") and verb.tag_ in ("VBG", "VBN", "VB"):
        # "NATO officials have expressed concerns, stating that ...": the subject is inherited.
        return _subject_of(verb.head)
    return subject


def _from_verb(sentence: Span, verb: Token) -> Attribution | None:
    content_head = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis")), None) or next(
        (c for c in verb.children if c.dep_ == "xcomp"), None)
    if content_head is None:
        return None
    subject = _subject_of(verb)
    cue_tokens = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt")]
    cue = " ".join(t.text for t in sorted(cue_tokens, key=lambda t: t.i))
    claimant, c_start, c_end = "", None, None
    if subject is not None and subject.dep_ == "nsubjpass" and subject.lower_ == "it":
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if pobj is not None:
            claimant, c_start, c_end = _noun_phrase(pobj)
    elif subject is not None:
        claimant, c_start, c_end = _noun_phrase(subject)
    else:
        return None
    content_tokens = [t for t in content_head.subtree if not (t.dep_ == "mark" and t.head == content_head
                                                              and t.lower_ in ("that", "whether", "if"))]
    content_tokens = [t for t in content_tokens if not t.is_space]
    while content_tokens and (content_tokens[0].is_punct or content_tokens[0].is_quote):
        content_tokens = content_tokens[1:]
    while content_tokens and content_tokens[-1].text in _TRAILING_PUNCTUATION:
        content_tokens = content_tokens[:-1]
    if len(content_tokens) < 3:
        return None
    start = content_tokens[0].idx
    end = content_tokens[-1].idx + len(content_tokens[-1].text)
    return Attribution(
        claimant=claimant, claimant_start=c_start, claimant_end=c_end, cue=cue,
        content_start=start, content_end=end,
        frame_droppable=content_head.dep_ == "ccomp" and _reads_alone(sentence.doc, start, end),
    )


def _reads_alone(doc, start: int, end: int) -> bool:
    words = doc.text[start:end].split()
    return len(words) >= 4 and words[0].lower().strip("“\"'") not in _PRONOUNS
