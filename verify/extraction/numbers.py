"""Number words and digit strings -> numeric values ("11,000" -> 11000, "3.5 million" -> 3500000)."""
from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
    "a": 1, "an": 1, "half": 0.5,
}
SCALES = {
    "hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000, "mn": 1_000_000,
    "mln": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
    "trillion": 1_000_000_000_000, "tn": 1_000_000_000_000, "dozen": 12,
}
_DIGITS = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def tidy_number(value: float) -> int | float:
    """Integers as int (11000, not 11000.0): nicer in JSON and in the UI."""
    rounded = round(value)
    return int(rounded) if abs(value - rounded) < 1e-9 else round(value, 6)


def parse_number(text: str) -> int | float | None:
    """'11,000' -> 11000; 'two hundred' -> 200; '3.5 million' -> 3500000; '51m' -> 51000000."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    # "51m", "2bn": digits glued to a scale suffix.
    glued = re.match(r"^([\d.,]+)(k|m|mn|mln|bn|b|tn)$", words[0])
    if glued and len(words) == 1:
        base = parse_number(glued.group(1))
        return None if base is None else tidy_number(base * SCALES[glued.group(2)])
    total = 0.0
    current = 0.0
    seen_any = False
    for word in words:
        if word == "and":
            continue
        if _DIGITS.match(word):
            current += float(word.replace(",", ""))
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in SCALES:
            scale = SCALES[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total += current
                current = 0.0
        else:
            return None
        seen_any = True
    if not seen_any:
        return None
    return tidy_number(total + current)
