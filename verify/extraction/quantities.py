"""Numbers in a sentence, normalised: value, unit, kind, and whether they are approximate or a bound.

Values come from verify.numbers; this module adds what needs spaCy: the counted noun, date and
ordinal entities, and the date quantities of the claim's own text.
"""
from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span, Token

from verify.extraction.dates import names_a_date
from verify.extraction.doc_text import doc_text, sentence_entities, span_text
from verify.numbers import find_numbers, modifier_before, parse_number

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:thousand|million|billion|trillion|mln|mn|bn|tn|k|m|b)\b"
_CURRENCY_SYMBOLS = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₴": "UAH", "₽": "RUB"}
_CURRENCY_CODES = {"usd": "USD", "eur": "EUR", "gbp": "GBP", "uah": "UAH", "rub": "RUB", "jpy": "JPY"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "hryvnia": "UAH", "hryvnias": "UAH",
    "yen": "JPY", "usd": "USD", "eur": "EUR", "gbp": "GBP",
}
_MONEY_PREFIXED = re.compile(
    rf"(?P<cur>US\$|\$|€|£|¥|₴|₽|\b(?:USD|EUR|GBP|UAH|RUB|JPY)\s?)(?P<num>{_NUMBER})\s?(?P<scale>{_SCALE})?",
    re.IGNORECASE,
)
_MONEY_SUFFIXED = re.compile(
    rf"\b(?P<num>{_NUMBER})\s?(?P<scale>{_SCALE})?\s?(?P<cur>dollars?|euros?|pounds?|roubles?|rubles?|"
    r"hryvnias?|yen|USD|EUR|GBP)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(rf"\b(?P<num>{_NUMBER})\s?(?P<unit>%|percent\b|per cent\b|percentage points?\b)", re.IGNORECASE)

_NOT_COUNTS = {"DATE", "TIME", "ORDINAL"}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NOUN_POS = {"NOUN", "PROPN"}


def _scaled(number: str, scale: str | None) -> int | float | None:
    # "$5 m" in a money expression is five million, so abbreviations are read glued to the digits.
    return parse_number(f"{number}{scale.lower()}" if scale and len(scale) <= 3 else f"{number} {scale or ''}")


def _quantity(*, value, unit, surface, approximate, bound, kind, start, end) -> dict[str, Any]:
    return {
        "value": value, "unit": unit, "surface": surface, "approximate": approximate, "bound": bound,
        "kind": kind, "start": start, "end": end,
    }


def extract_quantities(sentence: Span, *, dates_within: tuple[int, int] | None = None) -> list[dict[str, Any]]:
    """Quantities in a sentence; `start`/`end` are character offsets in the sentence's document.

    Dates are kept only inside `dates_within` (document offsets of the claim's text, when that is
    part of the sentence) and only when they name a day, month or year.
    """
    text = span_text(sentence)
    base = sentence.start_char
    found: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []

    def overlaps(start: int, end: int) -> bool:
        return any(start < t_end and t_start < end for t_start, t_end in taken)

    def add_regex_match(match: re.Match, *, kind: str, unit: str) -> None:
        if overlaps(match.start(), match.end()):
            return
        value = _scaled(match.group("num"), match.groupdict().get("scale"))
        if value is None:
            return
        modifier = modifier_before(text[: match.start()])
        taken.append((match.start(), match.end()))
        found.append(_quantity(
            value=value, unit=unit, surface=text[modifier.start: match.end()].strip(),
            approximate=modifier.approximate, bound=modifier.bound, kind=kind, start=base + modifier.start,
            end=base + match.end(),
        ))

    for match in _MONEY_PREFIXED.finditer(text):
        currency = match.group("cur").strip().lower()
        add_regex_match(match, kind="money", unit=_CURRENCY_SYMBOLS.get(currency) or _CURRENCY_CODES[currency])
    for match in _MONEY_SUFFIXED.finditer(text):
        add_regex_match(match, kind="money", unit=_CURRENCY_WORDS[match.group("cur").lower()])
    for match in _PERCENT.finditer(text):
        unit = "percentage points" if match.group("unit").lower().startswith("percentage") else "%"
        add_regex_match(match, kind="percent", unit=unit)

    found.extend(_counts(sentence, overlaps=lambda s, e: overlaps(s - base, e - base)))
    found.extend(_dates(sentence, within=dates_within))
    found.sort(key=lambda q: q["start"])
    return found


def _counts(sentence: Span, *, overlaps) -> list[dict[str, Any]]:
    text = span_text(sentence)
    base = sentence.start_char
    counts = []
    for number in find_numbers(text):
        start, end = base + number.start, base + number.end
        tokens = sentence.doc.char_span(start, end, alignment_mode="expand")
        if overlaps(start, end) or tokens is None or any(t.ent_type_ in _NOT_COUNTS for t in tokens):
            continue
        last = tokens[-1]
        if number.spelled and number.value == 1 and last.dep_ != "nummod":
            continue  # "one of the largest" is not a count
        unit_token = _unit_for(last)
        if unit_token is None and _YEAR.fullmatch(number.text):
            continue  # a bare year outside a DATE entity: leave it to dates
        modifier = modifier_before(text[:number.start])
        surface_start = base + modifier.start
        surface_end = unit_token.idx + len(unit_token.text) if unit_token is not None else end
        counts.append(_quantity(
            value=number.value, unit=unit_token.text.lower() if unit_token is not None else "",
            surface=doc_text(sentence.doc)[surface_start:surface_end], approximate=modifier.approximate,
            bound=modifier.bound, kind="count" if unit_token is not None else "other", start=surface_start,
            end=surface_end,
        ))
    return counts


def _unit_for(number: Token) -> Token | None:
    """The noun being counted: the head of a numeric modifier, or a noun right after the number."""
    head = number.head
    if number.dep_ in ("nummod", "quantmod", "compound") and head.pos_ in _NOUN_POS and head.i > number.i:
        while head.dep_ in ("nummod", "compound") and head.head.pos_ in _NOUN_POS and head.head.i > head.i:
            head = head.head  # "3.5" -> "million" -> "dollars"
        if head.like_num:
            return None
        return head
    for token in number.doc[number.i + 1: min(number.i + 3, number.sent.end)]:
        if token.pos_ in _NOUN_POS and not token.like_num:
            return token
        if token.pos_ not in ("ADJ", "PROPN", "NOUN"):
            break
    return None


def _dates(sentence: Span, *, within: tuple[int, int] | None) -> list[dict[str, Any]]:
    dates = []
    for entity in sentence_entities(sentence):
        if entity.label_ != "DATE" or not names_a_date(entity.text):
            continue  # "nightly", "in recent months": nothing a reader could look up
        if within is not None and not (within[0] <= entity.start_char and entity.end_char <= within[1]):
            continue  # in the reporting frame ("said on Saturday"), not in what is claimed
        year = _YEAR.search(entity.text)
        dates.append(_quantity(
            value=int(year.group(1)) if year else None, unit="year" if year else "", surface=entity.text,
            approximate=False, bound=None, kind="date", start=entity.start_char, end=entity.end_char,
        ))
    return dates
