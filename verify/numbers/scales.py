"""Scale words and abbreviations ("million", "bn"), and how values are written back out."""
from __future__ import annotations

# Words that multiply the number before them: "3.5 million", "two dozen", "half a million".
WORD_SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "dozen": 12,
}
# Abbreviations, read as scales only right after digits: glued ("51m", "2bn") or, when they cannot
# be a unit, spaced ("5 bn"). "5 m" is five metres, so single letters count only when glued.
ABBREVIATED_SCALES: dict[str, int] = {
    "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "b": 1_000_000_000,
    "bn": 1_000_000_000, "tn": 1_000_000_000_000,
}
GLUED_ONLY = frozenset({"k", "m", "b"})
SPACED_DIGIT_SCALES: dict[str, int] = WORD_SCALES | {
    word: scale for word, scale in ABBREVIATED_SCALES.items() if word not in GLUED_ONLY
}


def tidy_number(value: float) -> int | float:
    """Integers as int (11000, not 11000.0), and no float noise from 3.5 * 1e6: nicer in JSON and the UI."""
    rounded = round(value)
    return int(rounded) if abs(value - rounded) < 1e-9 else round(value, 6)
