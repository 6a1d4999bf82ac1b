"""The numbers a text asserts, normalised so that "11,000", "11000" and "11 thousand" are equal.

The rule the desk relies on: two texts whose asserted numbers disagree are never the same claim,
however close their wording ("11,000 troops" vs "12,000 troops").
"""
from __future__ import annotations

import re

_SCALES = {
    "hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000, "mn": 1_000_000,
    "mln": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
    "trillion": 1_000_000_000_000, "tn": 1_000_000_000_000,
}
_WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "dozen": 12, "million": 1_000_000, "billion": 1_000_000_000,
}
# Links, handles and tweet attributions carry digits that are not part of what is asserted.
_NOISE = re.compile(
    r"https?://\S+|pic\.twitter\.com/\S+|www\.\S+|@\w+|#\w+"
    # the "— Name (@handle) January 14, 2020" trailer of an embedded tweet
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"(?<![\w.:$])(?<!\w-)(?<!\d,)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"  # 11,000  11000  3.5
    r"(?:\s*(hundred|thousand|million|billion|trillion|mln|mn|bn|tn|k|m|b)\b)?"  # 3.5 million, 51m
    r"(?!\d|\w|:\d|'?s\b)",  # not ordinals (24th), times (10:00), decades (1940s)
    re.IGNORECASE,
)
_DOLLARS = re.compile(r"\$\s*(?=\d)")
_WORD_NUMBER = re.compile(
    r"\b(" + "|".join(_WORD_NUMBERS) + r")(?:[\s-]+(hundred|thousand|million|billion|trillion))?\b",
    re.IGNORECASE,
)


def _tidy(value: float) -> float:
    # 11000.0 and 11000 compare equal anyway; rounding removes float noise from 3.5 * 1e6.
    return round(value, 6)


def _is_year(value: float, text: str) -> bool:
    # A bare 4-digit year (1800-2100) dates a claim rather than stating a quantity of it.
    return 1800 <= value <= 2100 and float(value).is_integer() and "," not in text and "." not in text


def extract_numbers(text: str) -> frozenset[float]:
    """Every quantity the text states, as values: '11,000 troops' -> {11000.0}, 'five million' -> {5000000.0}.

    Years, ordinals ("24th"), clock times and decades are left out: they date or order a claim
    rather than state its figures, and tweets carry their own posting date.
    """
    cleaned = _DOLLARS.sub("", _NOISE.sub(" ", text or ""))
    values: set[float] = set()
    for match in _NUMBER.finditer(cleaned):
        whole, fraction, scale = match.groups()
        digits = whole + (f".{fraction}" if fraction else "")
        value = float(digits.replace(",", ""))
        if scale:
            scale_word = scale.lower()
            # "m"/"b"/"k" only count as scales when glued to the digits ("51m"), not "5 m" (metres).
            if len(scale_word) > 2 or match.group(0)[-len(scale) - 1].isdigit():
                value *= _SCALES[scale_word]
        elif _is_year(value, digits):
            continue
        values.add(_tidy(value))
    for match in _WORD_NUMBER.finditer(cleaned):
        word, scale = match.group(1).lower(), (match.group(2) or "").lower()
        if word in ("hundred", "thousand", "million", "billion") and not _preceded_by_word(cleaned, match.start()):
            continue  # "thousands of", "a million" is handled as one; "hundred" alone is vague
        value = float(_WORD_NUMBERS[word]) * (_SCALES[scale] if scale else 1)
        values.add(_tidy(value))
    return frozenset(values)


def _preceded_by_word(text: str, start: int) -> bool:
    # "a thousand", "one million": an explicit count word before the scale.
    return bool(re.search(r"\b(a|one)\s+$", text[max(0, start - 5):start], re.IGNORECASE))


def numbers_agree(left: frozenset[float], right: frozenset[float]) -> bool:
    """False when both texts state numbers and the fewer-numbered one states one the other does not.

    A text with no numbers agrees with anything (it asserts no figure to contradict); otherwise
    every number of the shorter set must appear in the longer one, so "11,000 troops" never matches
    "12,000 troops", while a tweet that adds a date to the same figure still matches.
    """
    if not left or not right:
        return True
    smaller, larger = (left, right) if len(left) <= len(right) else (right, left)
    return smaller <= larger
