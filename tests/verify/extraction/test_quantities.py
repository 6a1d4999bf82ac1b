import pytest

from verify.extraction.numbers import parse_number
from verify.extraction.quantities import extract_quantities


def quantities(nlp, text):
    return extract_quantities(nlp(text)[:])


@pytest.mark.parametrize("text,value", [("11,000", 11000), ("3.5 million", 3500000), ("51m", 51000000),
                                        ("two hundred", 200), ("93", 93), ("2bn", 2000000000)])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_counts_with_approximation_and_bounds(nlp):
    found = quantities(nlp, "Reports say as many as 11,000 North Korean troops and over 200 drones were involved.")
    troops, drones = [q for q in found if q["kind"] == "count"]
    assert (troops["value"], troops["unit"], troops["approximate"], troops["bound"]) == (11000, "troops", True, "upper")
    assert troops["surface"] == "as many as 11,000 North Korean troops"
    assert (drones["value"], drones["unit"], drones["bound"]) == (200, "drones", "lower")
    assert drones["surface"] == "over 200 drones"


def test_money_and_percent(nlp):
    found = quantities(nlp, "The company sold its unit for $51m, and revenue fell 12% in the quarter.")
    money = next(q for q in found if q["kind"] == "money")
    percent = next(q for q in found if q["kind"] == "percent")
    assert (money["value"], money["unit"], money["surface"]) == (51000000, "USD", "$51m")
    assert (percent["value"], percent["unit"]) == (12, "%")


def test_quantity_offsets_point_into_the_document(nlp):
    doc = nlp("Officials said 93 missiles were fired.")
    for quantity in extract_quantities(doc[:]):
        assert doc.text[quantity["start"]:quantity["end"]] == quantity["surface"]


def test_modifier_before_money_sets_bound_and_surface(nlp):
    doc = nlp("The deal was worth more than $5m, officials said.")
    [money] = [q for q in extract_quantities(doc[:]) if q["kind"] == "money"]
    assert (money["value"], money["bound"], money["surface"]) == (5000000, "lower", "more than $5m")
    assert doc.text[money["start"]:money["end"]] == money["surface"]
