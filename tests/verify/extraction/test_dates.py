from datetime import date, datetime

import pytest

from verify.extraction import extract_claims
from verify.extraction.dates import names_a_date, resolve_date, resolve_dates

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


@pytest.mark.parametrize("expression", ["earlier this year", "later this year", "in recent months", "nightly",
                                        "last week"])
def test_vague_expressions_name_no_date(expression):
    assert not names_a_date(expression)
    assert resolve_date(expression, published_at=SUNDAY) is None


@pytest.mark.parametrize("expression", ["Saturday", "this year", "June", "2019", "March 3, 2024"])
def test_pinned_expressions_name_a_date_even_without_publication_date(expression):
    assert names_a_date(expression)


def test_resolve_dates_leaves_other_kinds_alone():
    count = {"kind": "count", "surface": "Saturday", "value": 3}
    date_quantity = {"kind": "date", "surface": "Saturday", "value": None}
    assert resolve_dates([count, date_quantity], published_at=SUNDAY) == [
        count, {**date_quantity, "resolved": "2024-11-02"}]


def test_extraction_keeps_only_dates_in_the_attributed_content(nlp):
    text = "The ministry said on Saturday that 40 drones were shot down over the capital on Friday."
    [claim] = extract_claims(text, published_at=SUNDAY)
    assert claim.text.startswith("40 drones")
    dates = [q for q in claim.quantities if q["kind"] == "date"]
    assert [(q["surface"], q["resolved"]) for q in dates] == [("Friday", "2024-11-01")]


def test_extraction_drops_vague_dates(nlp):
    text = "Earlier this year, the ministry said 40 drones were shot down over the capital."
    [claim] = extract_claims(text, published_at=SUNDAY)
    assert [q["kind"] for q in claim.quantities] == ["count"]
