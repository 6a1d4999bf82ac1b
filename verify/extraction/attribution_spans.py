"""Shared pieces of attribution: the result type, claimant noun phrases and content ranges."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from verify.extraction.doc_text import doc_text
from verify.extraction.reporting_cues import SPEAKER_NOUNS

PRONOUNS = frozenset({"it", "they", "he", "she", "this", "that", "these", "those", "we", "i", "you", "there"})
# Children that belong to a claimant's description, not to its name ("John Smith, the mayor, who ...").
CLAIMANT_EXCLUDED_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "punct", "cc", "parataxis", "case"})
SUBJECT_DEPS = ("nsubj", "nsubjpass")
TRAILING_PUNCTUATION = frozenset({".", ",", ";", ":", "!", "?", "—", "–", "-", "…"})
NON_CLAIMANTS = frozenset({"it", "there", "which", "that", "what"})
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "who"})
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
SPEAKER_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "ent", "ents")


def can_speak(head: Token) -> bool:
    """Is this noun a person or body that can hold a position? ("This revelation adds" is not.)"""
    if head.lower_ in SPEAKER_PRONOUNS or head.ent_type_ in SPEAKER_ENTITIES or head.pos_ == "PROPN":
        return True
    if head.pos_ != "NOUN":
        return False
    return (head.lower_ in SPEAKER_NOUNS or head.lemma_.lower() in SPEAKER_NOUNS
            or head.lower_.endswith(SPEAKER_SUFFIXES))

@dataclass(frozen=True)
class Attribution:
    claimant: str
    claimant_start: int | None  # character offsets in the document
    claimant_end: int | None
    cue: str
    content_start: int  # the attributed content (character offsets in the document)
    content_end: int
    frame_droppable: bool  # True when the content reads well as a claim without "X said that"

def noun_phrase(head: Token) -> tuple[str, int, int]:
    """The name part of a noun phrase: "NATO officials", "John Smith" (not ", the mayor of ...")."""
    tokens = [head]
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in CLAIMANT_EXCLUDED_DEPS:
                continue
            tokens.append(child)
            stack.append(child)
    if head.dep_ != "conj":  # "Washington and Seoul": keep the coordinated names together
        for conj in head.conjuncts:
            if conj.i > head.i:
                tokens.extend(t for t in conj.subtree if t.dep_ not in CLAIMANT_EXCLUDED_DEPS or t.dep_ == "cc")
                tokens.extend(t for t in head.children if t.dep_ == "cc")
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    doc = head.doc
    start, end = first.idx, last.idx + len(last.text)
    return doc_text(doc)[start:end], start, end

def outside(sentence: Span, frame_start: int, frame_end: int) -> tuple[int, int] | None:
    """Char range of the sentence on the larger side of a frame, without joining commas."""
    doc = sentence.doc
    before = [t for t in doc[sentence.start:frame_start] if not t.is_space]
    after = [t for t in doc[frame_end:sentence.end] if not t.is_space]
    side = after if len(after) >= len(before) else before
    return trimmed_range(side)

def trimmed_range(tokens: list[Token], *, min_tokens: int = 3) -> tuple[int, int] | None:
    while tokens and (tokens[0].is_space or tokens[0].is_quote or tokens[0].text in ",;:—–-"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_space or tokens[-1].is_quote or tokens[-1].text in TRAILING_PUNCTUATION):
        tokens = tokens[:-1]
    if len(tokens) < min_tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)

def reads_alone(doc, start: int, end: int) -> bool:
    words = doc_text(doc)[start:end].split()
    return len(words) >= 4 and words[0].lower().strip("“\"'") not in PRONOUNS
