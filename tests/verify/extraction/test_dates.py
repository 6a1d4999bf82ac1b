from datetime import date, datetime

import pytest

from verify.extraction import extract_claims
from verify.extraction.dates import resolve_date

SUNDAY = date(2024, 11, 3)


@pytest.mark.parametrize("expression,expected", [
    ("Saturday", "2024-11-02"), ("on Sunday", "2024-11-03"), ("yesterday", "2024-11-02"),
    ("June", "2024-06"), ("March 3, 2024", "2024-03-03"), ("3 March", "2024-03-03"), ("last year", "2023"),
    ("2019", "2019"), ("last week", None), ("next Tuesday", "2024-11-05"),
])
def test_resolve_date_against_publication(expression, expected):
    assert resolve_date(expression, published_at=SUNDAY) == expected


def test_without_publication_date_only_absolute_dates_resolve():
    assert resolve_date("Saturday", published_at=None) is None
    assert resolve_date("March 3, 2024", published_at=None) == "2024-03-03"


def test_extraction_resolves_weekday_against_published_at(nlp):
    text = "The ministry said 40 drones were shot down over the capital on Saturday."
    published = datetime(2024, 11, 3, 9, 30)
    [claim] = extract_claims(text, published_at=published)
    [saturday] = [q for q in claim.quantities if q["kind"] == "date"]
    assert saturday["resolved"] == "2024-11-02"
    [unresolved] = [q for q in extract_claims(text)[0].quantities if q["kind"] == "date"]
    assert "resolved" not in unresolved
