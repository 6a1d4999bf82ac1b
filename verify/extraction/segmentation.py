"""Sentence boundaries from layout: a line break always ends a sentence.

The statistical parser happily glues a heading or a "TAGS" line onto the next paragraph, so this
component (run before the parser, which respects preset boundaries) starts a sentence after every
line break, and keeps a heading-like line in one piece.
"""
from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

COMPONENT_NAME = "verify_paragraph_boundaries"
FINAL_PUNCTUATION = tuple('.!?…"”’\')')
# Longer lines without final punctuation are probably prose missing a full stop, not a heading.
MAX_HEADING_TOKENS = 20
_BOUNDARY_PUNCTUATION = FINAL_PUNCTUATION + (":", ";")


def is_heading_line(line: str) -> bool:
    """A short line without sentence-final punctuation: a headline, sub-heading or label."""
    stripped = line.strip()
    if not stripped:
        return False
    return not stripped.endswith(FINAL_PUNCTUATION) and len(stripped.split()) <= MAX_HEADING_TOKENS


@Language.component(COMPONENT_NAME)
def paragraph_boundaries(doc: Doc) -> Doc:
    # Boundaries are collected in an array and written once: setting `token.is_sent_start` one
    # token at a time makes spaCy rescan the whole Doc on every assignment (quadratic time).
    starts = numpy.zeros((len(doc), 1), dtype="int32")  # 1 starts a sentence, -1 does not, 0 unknown
    line: list[int] = []
    for token in doc:
        if token.is_space and "\n" in token.text:
            _close_line(doc, line, starts)
            line = []
            continue
        line.append(token.i)
    _close_line(doc, line, starts)
    doc.from_array([SENT_START], starts.astype("uint64"))
    return doc


def _close_line(doc: Doc, indices: list[int], starts: numpy.ndarray) -> None:
    if not indices:
        return
    starts[indices[0], 0] = 1
    text = "".join(doc[i].text_with_ws for i in indices)
    heading = is_heading_line(text)
    previous = doc[indices[0]]
    for i in indices[1:]:
        token = doc[i]
        # Inside a line a sentence can only start after sentence-final punctuation: this stops
        # the parser splitting "General | Oleksandr Tarnavskiy has been appointed".
        if heading or not previous.text.endswith(_BOUNDARY_PUNCTUATION):
            starts[i, 0] = -1
        if not token.is_space:  # "end.  Next": look past the extra space
            previous = token


def add_paragraph_boundaries(nlp: Language) -> None:
    if COMPONENT_NAME in nlp.pipe_names:
        return
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT_NAME, before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT_NAME, before="senter")
    else:
        nlp.add_pipe(COMPONENT_NAME, first=True)
