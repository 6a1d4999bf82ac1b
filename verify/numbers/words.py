"""Spelled-out numbers, read by text2num ("two hundred and fifty" -> 250, "Twenty-one" -> 21)."""
from __future__ import annotations

from functools import lru_cache

from text_to_num import text2num

from verify.numbers.scales import WORD_SCALES

# Before a scale word, these stand for "one": "a million", "a dozen", "half a million".
ARTICLES = frozenset({"a", "an"})
HALF = "half"
MINUS = "minus"
AND = "and"


@lru_cache(maxsize=8192)
def words_value(phrase: str) -> int | None:
    """text2num's value for a phrase made only of number words, or None when it is not one."""
    try:
        return text2num(phrase.lower(), "en")
    except ValueError:
        return None


def is_number_word(word: str) -> bool:
    """'seven', 'twenty-one', 'hundred'; not ordinals ('fourth'), fractions ('two-thirds') or plurals.

    text2num reads "thousands" as 1000, but "thousands of people" (like "dozens", "hundreds")
    names no figure; no singular English cardinal ends in "s".
    """
    word = word.lower()
    return not word.endswith("s") and words_value(word) is not None


def is_scale_word(word: str) -> bool:
    return word.lower() in WORD_SCALES
