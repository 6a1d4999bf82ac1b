"""Multi-sentence quotations: every sentence of a quote belongs to the speaker named once near it.

'"We will rebuild. The money is there," the mayor said.' -> "We will rebuild." is the mayor's too;
so are further quotes in the same paragraph, a quoted paragraph introduced by "She said:", the
paragraphs of a quotation that runs over several (each opens with a quotation mark, only the last
closes), and everything a transcript's speaker says after "PENCE:" up to the next speaker.
A claimant named inside quotation marks is part of what is quoted, never the quote's speaker.
"""
from __future__ import annotations

from verify.extraction.attribution_spans import QUOTE_CHARS, SPEAKER_RELATIVE
from verify.extraction.quote_marks import quote_regions


def _inside(position: int | None, regions: list[tuple[int, int]]) -> bool:
    return position is not None and any(start < position < end for start, end in regions)


def _is_weak(attribution, regions: list[tuple[int, int]]) -> bool:
    """No speaker of its own: none, or a claimant quoted by someone else ("I"/"we" inside a quotation). An
    "I" outside quotation marks is the writer's own voice ("I laughed and said, ..."), which no quoted
    speaker in the paragraph replaces."""
    if attribution is None:
        return True
    if attribution.claimant.lower() in SPEAKER_RELATIVE and attribution.claimant_start is None:
        return True
    return not attribution.speaker_turn and _inside(attribution.claimant_start, regions)


def _mostly_quoted(start: int, end: int, regions: list[tuple[int, int]]) -> bool:
    """Is at least half of the sentence quotation? A phrase in quotation marks (a title, a nickname, scare
    quotes: 'yoking him with the nickname "Lyin' Ted."') does not make the writer's sentence a quote."""
    inside = sum(max(0, min(end, q_end) - max(start, q_start)) for q_start, q_end in regions)
    return inside * 2 >= end - start


def _paragraph_of(text: str, position: int) -> int:
    """Paragraph number of a character position (paragraphs are separated by line breaks)."""
    return text.count("\n", 0, position)


def spread_over_quotes(*, text: str, ranges: list[tuple[int, int]], owners: list) -> list:
    """Complete sentence attributions from quotations; `owners[i]` belongs to sentence `ranges[i]`.

    A speaker is copied only when it is the single speaker available: never a guess between two.
    """
    result = list(owners)
    regions = quote_regions(text)
    quoted = [_mostly_quoted(s, e, regions) or text[s:s + 1] in QUOTE_CHARS for s, e in ranges]

    def weak(i: int) -> bool:
        return _is_weak(result[i], regions)

    def single_speaker(indexes: list[int]):
        known = [result[i] for i in indexes if not weak(i) and result[i].claimant]
        return known[0] if known and len({a.claimant for a in known}) == 1 else None

    _speaker_turns(text, ranges, result, regions)
    # 0. Sentences inside what a label or introducer introduces ('Caddell continued:' + a paragraph).
    owners_beyond = [result[j] for j, (start, end) in enumerate(ranges) if not weak(j) and result[j].claimant
                     and (result[j].content_start < start or result[j].content_end > end)]
    for owner in owners_beyond:
        for i, (start, end) in enumerate(ranges):
            if owner.content_start <= start and end <= owner.content_end + 1 and weak(i):
                result[i] = owner
    # 1. Sentences sharing one quotation.
    for quote_start, quote_end in regions:
        members = [i for i, (s, e) in enumerate(ranges) if s < quote_end and quote_start < e]
        speaker = single_speaker(members) if len(members) > 1 else None
        for i in members:
            if speaker is not None and weak(i):
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
            if text[:ranges[previous][1]].rstrip().endswith(":") and not weak(previous) \
                    and result[previous].claimant:
                speaker = result[previous]
        if speaker is None:
            continue
        for i in members:
            if weak(i) and quoted[i]:
                result[i] = speaker
    return result


def _speaker_turns(text: str, ranges: list[tuple[int, int]], result: list, regions: list[tuple[int, int]]) -> None:
    """'PENCE: ...': the speaker says the rest of the paragraph, and of a quotation running over
    several paragraphs, up to the next speaker."""
    speaker = None
    turn_end = -1
    for i, (start, _) in enumerate(ranges):
        if result[i] is not None and result[i].speaker_turn:
            speaker = result[i]
            paragraph_end = text.find("\n", start)
            turn_end = max([paragraph_end if paragraph_end >= 0 else len(text)]
                           + [e for s, e in regions if s <= start < e])
        elif speaker is not None and start < turn_end:
            result[i] = speaker
        else:
            speaker = None
