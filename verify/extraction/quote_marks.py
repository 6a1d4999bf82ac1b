"""Where quotations are in a text: the one scanner of quotation marks, for characters and for tokens.

Curly quotes open and close, straight ones close when they follow a word; a curly quote inside a
straight-quoted passage (and a straight one inside a curly passage) is nested; scraped text may close
a curly quotation with a straight mark. A quotation ends in its paragraph unless the next paragraph
opens with a quotation mark (it then runs on); an unclosed single-paragraph quote is ignored.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from verify.extraction.doc_text import doc_text

_OPENING = {"“": "”", '"': '"', "«": "»", "''": "''", "``": "''"}
_QUOTE_MARKS = re.compile(r"``|''|[“”\"«»]|\n")
_REOPENING = re.compile(r"\s*(``|''|[“\"«])")
_QUOTED_KEY = "verify_quoted_tokens"


def _continues(text: str, position: int) -> int | None:
    """After a line break inside a quotation: where the next paragraph's opening mark ends, if it has one."""
    match = _REOPENING.match(text, position)
    return match.end() if match else None


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of quotations. A quotation ends in its paragraph unless the next paragraph
    opens with a quotation mark (it then runs on); an unclosed single-paragraph quote is ignored."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    closing = ""
    nested = 0  # curly quotes inside a straight-quoted passage: "He called it “a sham.” And ..."
    straight = 0  # straight quotes inside a curly-quoted passage: “He called it "a sham." And ...”
    continued = False
    position = 0
    while (match := _QUOTE_MARKS.search(text, position)) is not None:
        mark, position = match.group(), match.end()
        if open_at is None:
            if mark in _OPENING:
                open_at, closing, nested, straight, continued = match.start(), _OPENING[mark], 0, 0, False
        elif mark == "\n":
            resumed = _continues(text, position)
            if resumed is not None:
                position, continued, nested, straight = resumed, True, 0, 0
            else:
                if continued:
                    regions.append((open_at, match.start()))
                open_at = None
        elif mark in ("“", "«") and closing != _OPENING[mark]:
            nested += 1
        elif mark in ("”", "»") and nested:
            nested -= 1
        elif mark == '"' and closing == "”" and not closes_at(text, match.start()):
            straight += 1
        elif mark == '"' and closing == "”" and straight:
            straight -= 1
        elif mark == closing or mark in ("”", "»") and closing in ('"', "''") or mark == '"' and closing == "”":
            # A curly quotation closed by a straight mark ('there was “no evidence" yet'), as scraped text mixes them.
            regions.append((open_at, position))
            open_at = None
    if open_at is not None and continued:
        regions.append((open_at, len(text)))
    return regions


def closes_at(text: str, position: int) -> bool:
    """Does a straight quotation mark at `position` close a quotation (it follows a word or punctuation, not
    a space)?"""
    return position > 0 and not text[position - 1].isspace()


def quoted_tokens(doc: Doc) -> frozenset[int]:
    """Indexes of the doc's tokens between quotation marks (the marks themselves excluded), as
    quote_regions reads its text; computed once per doc."""
    quoted = doc.user_data.get(_QUOTED_KEY)
    if quoted is None:
        inside: set[int] = set()
        for start, end in quote_regions(doc_text(doc)):
            span = doc.char_span(start, end, alignment_mode="expand")
            inside.update(t.i for t in span or () if start < t.idx and t.idx + len(t.text) < end)
        quoted = doc.user_data[_QUOTED_KEY] = frozenset(inside)
    return quoted
