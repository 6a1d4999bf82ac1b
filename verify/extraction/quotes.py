"""Multi-sentence quotations: every sentence of a quote belongs to the speaker named once in it.

'"We will rebuild. The money is there," the mayor said.' -> "We will rebuild." is the mayor's too.
"""
from __future__ import annotations

_OPENING = {"“": "”", '"': '"', "«": "»"}


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of quotations, each within one paragraph (unclosed quotes are ignored)."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    closing = ""
    for index, char in enumerate(text):
        if open_at is None:
            if char in _OPENING:
                open_at, closing = index, _OPENING[char]
        elif char == closing:
            regions.append((open_at, index + 1))
            open_at = None
        elif char == "\n" and text[index + 1: index + 2] == "\n":
            open_at = None  # a paragraph break ends an unclosed quotation
    return regions


def spread_over_quotes(*, text: str, ranges: list[tuple[int, int]], owners: list) -> list:
    """For sentences (char ranges) sharing a quotation, copy the one known owner to the others.

    `owners[i]` is the attribution of sentence i or None; returns the completed list.
    """
    result = list(owners)
    for quote_start, quote_end in quote_regions(text):
        members = [i for i, (start, end) in enumerate(ranges) if start < quote_end and quote_start < end]
        if len(members) < 2:
            continue
        known = [result[i] for i in members if result[i] is not None and result[i].claimant]
        if len({a.claimant for a in known}) != 1:
            continue  # no speaker, or two different ones: do not guess
        for i in members:
            if result[i] is None:
                result[i] = known[0]
    return result
