"""Date quantities resolved against the publication date: "on Saturday" -> the Saturday before.

Adds `resolved` (ISO: "2024-11-02", "2024-06" or "2024") to date quantities when the expression
pins a day, month or year; leaves it out when only the publication date is missing ("Saturday").
Expressions that never pin one ("last week", "earlier this year") are no date quantities at all.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTH_ABBREVIATIONS = {name[:3]: number for name, number in _MONTHS.items()} | {"sept": 9}
_RELATIVE_DAYS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                  "yesterday": -1, "tomorrow": 1, "overnight": 0}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")
_MONTH = re.compile(r"\b(" + "|".join(sorted(list(_MONTHS) + list(_MONTH_ABBREVIATIONS), key=len, reverse=True))
                    + r")\.?\b", re.IGNORECASE)
# "earlier this year" places an event somewhere in a year, not on a date a reader could look up.
_RELATIVE_YEAR = re.compile(r"\b(?:(earlier|later)\s+)?(last|this|next) year\b", re.IGNORECASE)
# Any day will do: whether an expression can be pinned down does not depend on which day it was.
_ANY_PUBLICATION_DAY = date(2000, 6, 15)


def _as_date(published_at: datetime | date | None) -> date | None:
    if published_at is None:
        return None
    return published_at.date() if isinstance(published_at, datetime) else published_at


def resolve_date(expression: str, *, published_at: datetime | date | None) -> str | None:
    """ISO date, month or year for a date expression, or None if it cannot be pinned down."""
    text = expression.lower().strip()
    published = _as_date(published_at)
    year_match = _YEAR.search(text)
    month_match = _MONTH.search(text)
    month = None
    if month_match:
        word = month_match.group(1).lower()
        month = _MONTHS.get(word) or _MONTH_ABBREVIATIONS.get(word[:4] if word.startswith("sept") else word[:3])
    if month and not (word == "may" and not year_match and not _DAY.search(text.replace(word, ""))
                      and published is None):
        day_text = text[:month_match.start()] + " " + text[month_match.end():]
        day_text = _YEAR.sub(" ", day_text)
        day_match = _DAY.search(day_text)
        year = int(year_match.group(1)) if year_match else None
        if year is None and published is not None:
            # "in June" in a November article is this June; "in December" in a March one is last year's.
            year = published.year if month <= published.month + 1 else published.year - 1
        if year is None:
            return None
        if day_match:
            try:
                return date(year, month, int(day_match.group(1))).isoformat()
            except ValueError:
                pass
        return f"{year:04d}-{month:02d}"
    if year_match and not _MONTH.search(text):
        return year_match.group(1)
    if published is None:
        return None
    relative_year = _RELATIVE_YEAR.search(text)
    if relative_year:
        if relative_year.group(1):
            return None
        offset = {"last": -1, "this": 0, "next": 1}[relative_year.group(2).lower()]
        return str(published.year + offset)
    for phrase, offset in _RELATIVE_DAYS.items():
        if phrase in text:
            return (published + timedelta(days=offset)).isoformat()
    for index, weekday in enumerate(_WEEKDAYS):
        if weekday in text:
            # News reports the past: "on Saturday" is the latest Saturday up to the publication day.
            back = (published.weekday() - index) % 7
            if "next" in text:
                back = -((index - published.weekday()) % 7 or 7)
            elif "last" in text and back == 0:
                back = 7
            return (published - timedelta(days=back)).isoformat()
    return None


def names_a_date(expression: str) -> bool:
    """Whether the expression pins a day, month or year once the publication date is known:
    "Saturday" and "March 3" do, "earlier this year", "in recent months" and "nightly" never do."""
    return resolve_date(expression, published_at=_ANY_PUBLICATION_DAY) is not None


def resolve_dates(quantities: list[dict[str, Any]], *, published_at: datetime | date | None) -> list[dict[str, Any]]:
    """Date quantities gain `resolved` when it can be worked out; other quantities are unchanged."""
    resolved = []
    for quantity in quantities:
        if quantity.get("kind") == "date":
            value = resolve_date(quantity["surface"], published_at=published_at)
            if value is not None:
                quantity = {**quantity, "resolved": value}
        resolved.append(quantity)
    return resolved
