"""Numbers in a sentence, normalised: value, unit, kind, and whether they are approximate or a bound."""
from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span, Token

from verify.extraction.doc_text import doc_text, sentence_entities
from verify.extraction.numbers import parse_number

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

# Modifiers immediately before a number: (approximate, bound).
_MODIFIERS: dict[str, tuple[bool, str | None]] = {
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
    r"(?P<mod>" + "|".join(re.escape(m) for m in sorted(_MODIFIERS, key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE,
)
_DATE_LABELS = {"DATE", "TIME"}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NOUN_POS = {"NOUN", "PROPN"}


def _modifier(text_before: str) -> tuple[int, bool, str | None]:
    """Where an approximation/bound phrase right before a number starts (or len(text_before)),
    whether it makes the number approximate, and which bound it sets."""
    match = _MODIFIER_BEFORE.search(text_before)
    if not match:
        return len(text_before), False, None
    start = match.start("mod")
    if start > 0 and text_before[start - 1].isalnum():  # "moreover 20" is not "over 20"
        return len(text_before), False, None
    approximate, bound = _MODIFIERS[match.group("mod").lower()]
    return start, approximate, bound


def _scaled(number: str, scale: str | None) -> int | float | None:
    return parse_number(f"{number}{scale.lower()}" if scale and len(scale) <= 3 else f"{number} {scale or ''}")


def _quantity(*, value, unit, surface, approximate, bound, kind, start, end) -> dict[str, Any]:
    return {
        "value": value, "unit": unit, "surface": surface, "approximate": approximate, "bound": bound,
        "kind": kind, "start": start, "end": end,
    }


def extract_quantities(sentence: Span) -> list[dict[str, Any]]:
    """Quantities in a sentence; `start`/`end` are character offsets in the sentence's document."""
    text = sentence.text
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
        start, approximate, bound = _modifier(text[: match.start()])
        taken.append((match.start(), match.end()))
        found.append(_quantity(
            value=value, unit=unit, surface=text[start: match.end()].strip(), approximate=approximate,
            bound=bound, kind=kind, start=base + start, end=base + match.end(),
        ))

    for match in _MONEY_PREFIXED.finditer(text):
        currency = match.group("cur").strip().lower()
        add_regex_match(match, kind="money", unit=_CURRENCY_SYMBOLS.get(currency) or _CURRENCY_CODES[currency])
    for match in _MONEY_SUFFIXED.finditer(text):
        add_regex_match(match, kind="money", unit=_CURRENCY_WORDS[match.group("cur").lower()])
    for match in _PERCENT.finditer(text):
        unit = "percentage points" if match.group("unit").lower().startswith("percentage") else "%"
        add_regex_match(match, kind="percent", unit=unit)

    for quantity in _counts(sentence, overlaps=lambda s, e: overlaps(s - base, e - base)):
        found.append(quantity)
    found.extend(_dates(sentence))
    found.sort(key=lambda q: q["start"])
    return found


def _number_groups(sentence: Span) -> list[list[Token]]:
    """Runs of adjacent number tokens ("3.5", "million") in a sentence."""
    groups: list[list[Token]] = []
    for token in sentence:
        is_number = token.like_num or token.tag_ == "CD"
        if is_number and parse_number(token.text) is not None:
            if groups and groups[-1][-1].i == token.i - 1:
                groups[-1].append(token)
            else:
                groups.append([token])
    return groups


def _counts(sentence: Span, *, overlaps) -> list[dict[str, Any]]:
    text = sentence.text
    base = sentence.start_char
    counts = []
    for group in _number_groups(sentence):
        first, last = group[0], group[-1]
        start, end = first.idx, last.idx + len(last.text)
        if overlaps(start, end) or first.ent_type_ in _DATE_LABELS or first.ent_type_ == "ORDINAL":
            continue
        if first.lower_ == "one" and len(group) == 1 and last.dep_ != "nummod":
            continue  # "one of the largest" is not a count
        value = parse_number(" ".join(t.text for t in group))
        if value is None:
            continue
        unit_token = _unit_for(last)
        if unit_token is None and _YEAR.fullmatch(first.text):
            continue  # a bare year outside a DATE entity: leave it to dates
        modifier_start, approximate, bound = _modifier(text[: start - base])
        surface_start = base + modifier_start
        surface_end = unit_token.idx + len(unit_token.text) if unit_token is not None else end
        counts.append(_quantity(
            value=value, unit=unit_token.text.lower() if unit_token is not None else "",
            surface=doc_text(sentence.doc)[surface_start:surface_end], approximate=approximate, bound=bound,
            kind="count" if unit_token is not None else "other", start=surface_start, end=surface_end,
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


_DATE_WORDS = re.compile(
    r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    r"\b(yesterday|today|tomorrow|last|next|this|earlier|ago|week|month|year)\b",
    re.IGNORECASE,
)


def _dates(sentence: Span) -> list[dict[str, Any]]:
    dates = []
    for entity in sentence_entities(sentence):
        if entity.label_ != "DATE" or not _DATE_WORDS.search(entity.text):
            continue  # "nightly" is a DATE entity but nothing a reader could check
        year = _YEAR.search(entity.text)
        dates.append(_quantity(
            value=int(year.group(1)) if year else None, unit="year" if year else "", surface=entity.text,
            approximate=False, bound=None, kind="date", start=entity.start_char, end=entity.end_char,
        ))
    return dates
