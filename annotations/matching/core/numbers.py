"""The numbers a text asserts, normalised so that "11,000", "11000" and "eleven thousand" are equal.

The rule the desk relies on: two texts whose asserted numbers disagree are never the same claim,
however close their wording ("11,000 troops" vs "12,000 troops"). Reading numbers is
verify.numbers' job; this module only decides which of them a claim asserts.
"""
from __future__ import annotations

import re

from verify.numbers import NumberSpan, find_numbers

# Links, handles and tweet attributions carry digits that are not part of what is asserted.
_NOISE = re.compile(
    r"https?://\S+|pic\.twitter\.com/\S+|www\.\S+|@\w+|#\w+"
    # the "— Name (@handle) January 14, 2020" trailer of an embedded tweet
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\b",
    re.IGNORECASE,
)
_PLAIN_YEAR = re.compile(r"1[89]\d\d|20\d\d|2100")


def _asserted(number: NumberSpan) -> bool:
    # A bare 4-digit year dates a claim rather than stating a quantity of it.
    if not number.spelled and _PLAIN_YEAR.fullmatch(number.text):
        return False
    # A lone "one" ("one of the largest") names no figure.
    return not (number.spelled and number.value == 1)


def extract_numbers(text: str) -> frozenset[float]:
    """Every quantity the text states, as values: '11,000 troops' -> {11000.0}, 'five million' -> {5000000.0}.

    Years, ordinals ("24th"), clock times and decades are left out: they date or order a claim
    rather than state its figures, and tweets carry their own posting date.
    """
    cleaned = _NOISE.sub(" ", text or "")
    return frozenset(float(number.value) for number in find_numbers(cleaned) if _asserted(number))


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
