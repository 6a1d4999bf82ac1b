"""Numbers in text, shared by claim extraction and claim matching (pure Python: no spaCy, no Django).

`find_numbers` finds every stated number with its span, `parse_number` reads a text that is one
number, `modifier_before` reads the hedge or bound before one ("as many as", "more than").
"""
from verify.numbers.bounds import MODIFIERS, Bound, Modifier, modifier_before
from verify.numbers.finder import NumberSpan, find_numbers, parse_number
from verify.numbers.scales import tidy_number

__all__ = [
    "MODIFIERS", "Bound", "Modifier", "NumberSpan", "find_numbers", "modifier_before", "parse_number",
    "tidy_number",
]
