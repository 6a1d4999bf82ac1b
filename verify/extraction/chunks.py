"""Long articles in pieces: spaCy refuses a text over `nlp.max_length` (1,000,000 characters), and its
parser and entity recogniser need about 1 GB per 100,000 characters in one doc. Extraction reads a
long article as chunks of whole paragraphs (a paragraph break is a sentence boundary anyway, see
segmentation.py) and gives every claim offsets in the whole text.
"""
from __future__ import annotations

import dataclasses
import re

from verify.extraction.claim import ExtractedClaim

# A text up to this long is read in one piece; longer ones are cut at paragraph breaks into pieces no longer.
CHUNK_CHARS = 100_000
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Where a paragraph longer than a whole chunk may be cut: after a sentence's end, else at any space.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def text_chunks(text: str, *, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering `text` in order, each piece at most `limit` characters."""
    if len(text) <= limit:
        return [(0, text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start=start, limit=limit)
        chunks.append((start, text[start:end]))
        start = end
    chunks.append((start, text[start:]))
    return chunks


def _cut(text: str, *, start: int, limit: int) -> int:
    """The end of the next piece: the last paragraph break, sentence end or space within the limit."""
    window = text[start:start + limit]
    for pattern in (_PARAGRAPH_BREAK, _SENTENCE_END, _SPACE):
        ends = [match.end() for match in pattern.finditer(window) if match.end() < len(window)]
        if ends and ends[-1] > 0:
            return start + ends[-1]
    return start + limit  # one unbroken run of characters: cut it anywhere


def claim_shifted(claim: ExtractedClaim, *, offset: int, sentences_before: int) -> ExtractedClaim:
    """A claim found in a chunk, with offsets (its own, its entities', quantities' and claimant's) in the
    whole text and its sentence counted from the text's first sentence."""
    if not offset and not sentences_before:
        return claim

    def moved(items: list[dict]) -> list[dict]:
        return [{**item, **{key: item[key] + offset for key in ("start", "end") if item.get(key) is not None}}
                for item in items]

    return dataclasses.replace(
        claim, start=claim.start + offset, end=claim.end + offset,
        sentence_index=claim.sentence_index + sentences_before,
        entities=moved(claim.entities), quantities=moved(claim.quantities),
        claimant_start=None if claim.claimant_start is None else claim.claimant_start + offset,
        claimant_end=None if claim.claimant_end is None else claim.claimant_end + offset,
    )
