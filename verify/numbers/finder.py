"""Numbers in running text, with their character spans: "11,000", "3.5 million", "51m", "half a million".

Ordinals ("24th"), decades ("1940s"), clock times ("10:00", "9am"), vague plurals ("thousands of")
and fractions ("two-thirds") are never numbers here; years are, and callers decide what to do with them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from verify.numbers.scales import ABBREVIATED_SCALES, SPACED_DIGIT_SCALES, WORD_SCALES, tidy_number
from verify.numbers.words import AND, ARTICLES, HALF, MINUS, is_number_word, is_scale_word, words_value


@dataclass(frozen=True)
class NumberSpan:
    value: int | float
    start: int  # character offsets into the text searched
    end: int
    text: str
    spelled: bool  # written in words ("one", "a dozen"), not figures


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    word: str = ""  # lower-cased; "" for a figure
    figure: float | None = None


_TOKEN = re.compile(
    # "-5", but not the "-16" of "F-16" nor the "-11" of "2024-11-02"
    r"(?P<sign>(?<![\w.,:\-−])[-−])?"
    # A figure starts here unless it continues another: "v1.2", "10:00", "1,300", "COVID-19".
    r"(?:(?<=minus-)|(?<![\w.:])(?<!\w[-−])(?<!\d,))"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<glued>mln|bn|mn|tn|k|m|b)\b)?"
    # not part of a longer figure, an ordinal ("24th"), a decade ("1940s", "90's") or a time ("9am")
    r"(?![\d]|[.,]\d|(?:st|nd|rd|th)\b|'?s\b|:\d|\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w))"
    r"|(?P<word>[^\W\d_]+(?:-[^\W\d_]+)*)",
    re.IGNORECASE,
)

_Parsed = tuple[float, bool, int]  # value, spelled, index of the first token after the number


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        if match.group("word"):
            tokens.append(_Token(start=match.start(), end=match.end(), word=match.group("word").lower()))
            continue
        value = float(match.group("digits").replace(",", ""))
        if match.group("glued"):
            value *= ABBREVIATED_SCALES[match.group("glued").lower()]
        if match.group("sign"):
            value = -value
        tokens.append(_Token(start=match.start(), end=match.end(), figure=value))
    return tokens


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number stated in `text`, left to right."""
    tokens = _tokens(text)
    found: list[NumberSpan] = []
    index = 0
    while index < len(tokens):
        parsed = _signed(text, tokens, index)
        if parsed is None:
            index += 1
            continue
        value, spelled, after = parsed
        start, end = tokens[index].start, tokens[after - 1].end
        found.append(NumberSpan(value=tidy_number(value), start=start, end=end, text=text[start:end],
                                spelled=spelled))
        index = after
    return found


def parse_number(text: str) -> int | float | None:
    """The value of a text that is one number and nothing else ('11,000', 'two hundred', '51m'), else None."""
    stripped = text.strip()
    numbers = find_numbers(stripped)
    if len(numbers) == 1 and numbers[0].start == 0 and numbers[0].end == len(stripped):
        return numbers[0].value
    return None


def _adjacent(text: str, tokens: list[_Token], index: int) -> bool:
    """Whether tokens[index] follows the token before it with only spaces between, on the same line."""
    if index >= len(tokens):
        return False
    gap = text[tokens[index - 1].end:tokens[index].start]
    return not gap.strip() and "\n" not in gap


def _signed(text: str, tokens: list[_Token], index: int) -> _Parsed | None:
    following = index + 1
    if tokens[index].word == MINUS and following < len(tokens) and (
            _adjacent(text, tokens, following) or text[tokens[index].end:tokens[following].start] == "-"):
        parsed = _unsigned(text, tokens, following)
        if parsed is not None:
            value, spelled, after = parsed
            return -value, spelled, after
    return _unsigned(text, tokens, index)


def _unsigned(text: str, tokens: list[_Token], index: int) -> _Parsed | None:
    token = tokens[index]
    if token.figure is not None:
        value, after = _with_half(text, tokens, token.figure, index + 1)
        value, after = _scaled(text, tokens, value, after, scales=SPACED_DIGIT_SCALES)
        return value, False, after
    following = index + 1
    if token.word == HALF and following < len(tokens) and tokens[following].word in ARTICLES \
            and _adjacent(text, tokens, following):
        parsed = _unsigned(text, tokens, following)  # "half" + "a million"
        if parsed is not None:
            return parsed[0] / 2, True, parsed[2]
    if token.word in ARTICLES and _adjacent(text, tokens, following) and is_scale_word(tokens[following].word):
        return _spelled(text, tokens, following, prefix=("one",))  # "a million" is "one million"
    if is_number_word(token.word) and not is_scale_word(token.word):
        return _spelled(text, tokens, index, prefix=())  # a bare "hundred" or "million" is no figure
    return None


def _spelled(text: str, tokens: list[_Token], index: int, *, prefix: tuple[str, ...]) -> _Parsed | None:
    """The longest run of number words from `index` that text2num reads, then any scale after it."""
    run: list[str] = []
    position = index
    while position < len(tokens) and (position == index or _adjacent(text, tokens, position)) and (
            tokens[position].word == AND or is_number_word(tokens[position].word)):
        run.append(tokens[position].word)
        position += 1
    for size in range(len(run), 0, -1):
        if run[size - 1] == AND:
            continue  # "two and three" is two numbers
        value = words_value(" ".join((*prefix, *run[:size])))
        if value is not None:
            value, after = _with_half(text, tokens, value, index + size)
            scaled, after = _scaled(text, tokens, value, after, scales=WORD_SCALES)
            return scaled, True, after
    if prefix:  # "a dozen": text2num reads no word after the article
        scaled, after = _scaled(text, tokens, words_value(" ".join(prefix)), index, scales=WORD_SCALES)
        return scaled, True, after
    return None


def _with_half(text: str, tokens: list[_Token], value: float, index: int) -> tuple[float, int]:
    """`value` plus a half when "and a half" follows it: "two and a half million" is 2.5 million."""
    words = [token.word for token in tokens[index:index + 3]]
    if len(words) == 3 and words[0] == AND and words[1] in ARTICLES and words[2] == HALF \
            and all(_adjacent(text, tokens, i) for i in range(index, index + 3)):
        return value + 0.5, index + 3
    return value, index


def _scaled(text: str, tokens: list[_Token], value: float, index: int, *,
            scales: dict[str, int]) -> tuple[float, int]:
    """`value` times the scale words right after it ("3.5 million", "two dozen")."""
    while index < len(tokens) and _adjacent(text, tokens, index) and tokens[index].word in scales:
        value *= scales[tokens[index].word]
        index += 1
    return value, index
