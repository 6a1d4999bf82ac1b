"""Per-document caches: spaCy rebuilds `doc.text`, `span.text` and `span.ents` from scratch on each access."""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

_KEY = "verify_text"


def doc_text(doc: Doc) -> str:
    cached = doc.user_data.get(_KEY)
    if cached is None:
        cached = doc.user_data[_KEY] = doc.text
    return cached


def span_text(span: Span) -> str:
    """`span.text`, sliced from the document's cached text instead of joined token by token."""
    if not len(span):
        return ""
    return doc_text(span.doc)[span.start_char:span.end_char]


_ENTS_KEY = "verify_ents"


def sentence_entities(sentence: Span) -> list[Span]:
    """`sentence.ents` without spaCy's scan of every entity in the document on each call."""
    doc = sentence.doc
    cached = doc.user_data.get(_ENTS_KEY)
    if cached is None:
        entities = list(doc.ents)
        cached = doc.user_data[_ENTS_KEY] = ([e.start for e in entities], entities)
    starts, entities = cached
    first = bisect_left(starts, sentence.start)
    found = []
    for entity in entities[first:]:
        if entity.start >= sentence.end:
            break
        if entity.end <= sentence.end:
            found.append(entity)
    return found
