"""Multi-sentence quotations: every sentence of a quote belongs to the speaker named once near it.

'"We will rebuild. The money is there," the mayor said.' -> "We will rebuild." is the mayor's too;
so are further quotes in the same paragraph, and a quoted paragraph introduced by "She said:".
"""
from __future__ import annotations

_OPENING = {"“": "”", '"': '"', "«": "»"}
_QUOTE_CHARS = "“”\"«»"
# Inside a quotation "I think ..." is the quoted speaker's own claim: the speaker wins.
_SPEAKER_RELATIVE = frozenset({"i", "we", "you", "me", "us"})


def _is_weak(attribution) -> bool:
    return attribution is None or attribution.claimant.lower() in _SPEAKER_RELATIVE


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
        elif char == "\n":
            open_at = None  # a line break ends an unclosed quotation
    return regions


def _paragraph_of(text: str, position: int) -> int:
    """Paragraph number of a character position (paragraphs are separated by line breaks)."""
    return text.count("\n", 0, position)


def spread_over_quotes(*, text: str, ranges: list[tuple[int, int]], owners: list) -> list:
    """Complete sentence attributions from quotations; `owners[i]` belongs to sentence `ranges[i]`.

    A speaker is copied only when it is the single speaker available: never a guess between two.
    """
    result = list(owners)
    regions = quote_regions(text)
    quoted = [any(s < q_end and q_start < e for q_start, q_end in regions) or text[s:s + 1] in _QUOTE_CHARS
              for s, e in ranges]

    def single_speaker(indexes: list[int]):
        known = [result[i] for i in indexes if not _is_weak(result[i]) and result[i].claimant]
        return known[0] if known and len({a.claimant for a in known}) == 1 else None

    # 1. Sentences sharing one quotation.
    for quote_start, quote_end in regions:
        members = [i for i, (s, e) in enumerate(ranges) if s < quote_end and quote_start < e]
        speaker = single_speaker(members) if len(members) > 1 else None
        for i in members:
            if speaker is not None and _is_weak(result[i]):
                result[i] = speaker
    # 2. Quoted sentences in a paragraph with a single speaker.
    paragraphs: dict[int, list[int]] = {}
    for i, (start, _) in enumerate(ranges):
        paragraphs.setdefault(_paragraph_of(text, start), []).append(i)
    ordered = sorted(paragraphs)
    for position, number in enumerate(ordered):
        members = paragraphs[number]
        speaker = single_speaker(members)
        if speaker is None and position > 0 and quoted[members[0]]:
            # 3. A quoted paragraph introduced by 'She made the following comment:'.
            previous = paragraphs[ordered[position - 1]][-1]
            if text[:ranges[previous][1]].rstrip().endswith(":") and not _is_weak(result[previous]) \
                    and result[previous].claimant:
                speaker = result[previous]
        if speaker is None:
            continue
        for i in members:
            if _is_weak(result[i]) and quoted[i]:
                result[i] = speaker
    return result
