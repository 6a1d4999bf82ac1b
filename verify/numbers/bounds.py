"""Hedges and bounds right before a number: "as many as 11,000" is approximate and an upper bound."""
from __future__ import annotations

import re
from typing import Literal, NamedTuple

Bound = Literal["upper", "lower"]

# Phrase immediately before a number: (approximate, bound).
MODIFIERS: dict[str, tuple[bool, Bound | None]] = {
    "as many as": (True, "upper"), "as much as": (True, "upper"), "up to": (False, "upper"),
    "fewer than": (False, "upper"), "less than": (False, "upper"), "no more than": (False, "upper"),
    "at most": (False, "upper"), "under": (False, "upper"), "below": (False, "upper"),
    "just under": (True, "upper"), "nearly": (True, "upper"), "almost": (True, "upper"),
    "more than": (False, "lower"), "over": (False, "lower"), "at least": (False, "lower"),
    "above": (False, "lower"), "in excess of": (False, "lower"), "upwards of": (False, "lower"),
    "exceeding": (False, "lower"), "no fewer than": (False, "lower"), "greater than": (False, "lower"),
    "just over": (True, "lower"), "well over": (False, "lower"),
    "about": (True, None), "around": (True, None), "approximately": (True, None), "roughly": (True, None),
    "some": (True, None), "an estimated": (True, None), "estimated": (True, None), "close to": (True, None),
    "circa": (True, None), "approx.": (True, None), "~": (True, None), "some estimated": (True, None),
}
_MODIFIER_BEFORE = re.compile(
    r"(?P<mod>" + "|".join(re.escape(m) for m in sorted(MODIFIERS, key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE,
)


class Modifier(NamedTuple):
    start: int  # where the phrase starts in the text before the number (its length when there is none)
    approximate: bool
    bound: Bound | None


def modifier_before(text_before: str) -> Modifier:
    """The approximation/bound phrase that `text_before` ends with, if any."""
    match = _MODIFIER_BEFORE.search(text_before)
    if not match:
        return Modifier(start=len(text_before), approximate=False, bound=None)
    start = match.start("mod")
    if start > 0 and text_before[start - 1].isalnum():  # "moreover 20" is not "over 20"
        return Modifier(start=len(text_before), approximate=False, bound=None)
    approximate, bound = MODIFIERS[match.group("mod").lower()]
    return Modifier(start=start, approximate=approximate, bound=bound)
