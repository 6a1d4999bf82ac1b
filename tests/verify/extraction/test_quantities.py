from verify.extraction.quantities import extract_quantities


def quantities(nlp, text, **kwargs):
    return extract_quantities(nlp(text)[:], **kwargs)


def counts(nlp, text):
    return [(q["value"], q["unit"]) for q in quantities(nlp, text) if q["kind"] == "count"]


def test_counts_with_approximation_and_bounds(nlp):
    found = quantities(nlp, "Reports say as many as 11,000 North Korean troops and over 200 drones were involved.")
    troops, drones = [q for q in found if q["kind"] == "count"]
    assert (troops["value"], troops["unit"], troops["approximate"], troops["bound"]) == (11000, "troops", True, "upper")
    assert troops["surface"] == "as many as 11,000 North Korean troops"
    assert (drones["value"], drones["unit"], drones["bound"]) == (200, "drones", "lower")
    assert drones["surface"] == "over 200 drones"


def test_half_a_million_is_five_hundred_thousand(nlp):
    assert counts(nlp, "Half a million people marched in the capital.") == [(500_000, "people")]


def test_hyphenated_number_words_are_one_count(nlp):
    assert counts(nlp, "Twenty-one people were killed in the attack.") == [(21, "people")]


def test_hundred_and_fifty_is_one_count(nlp):
    assert counts(nlp, "Two hundred and fifty soldiers crossed the border.") == [(250, "soldiers")]


def test_a_dozen_is_twelve(nlp):
    assert counts(nlp, "A dozen ships were sunk near the port.") == [(12, "ships")]


def test_figures_with_scale_words(nlp):
    found = counts(nlp, "The city has 3.5 million residents.")
    assert found == [(3_500_000, "residents")]


def test_vague_plurals_are_not_counts(nlp):
    assert counts(nlp, "Dozens of people and thousands of troops were there.") == []


def test_one_of_is_not_a_count(nlp):
    assert counts(nlp, "It is one of the largest firms in the country.") == []


def test_money_and_percent(nlp):
    found = quantities(nlp, "The company sold its unit for $51m, and revenue fell 12% in the quarter.")
    money = next(q for q in found if q["kind"] == "money")
    percent = next(q for q in found if q["kind"] == "percent")
    assert (money["value"], money["unit"], money["surface"]) == (51000000, "USD", "$51m")
    assert (percent["value"], percent["unit"]) == (12, "%")


def test_money_with_a_spelled_scale(nlp):
    [money] = [q for q in quantities(nlp, "The plan costs 1.2 billion dollars a year.") if q["kind"] == "money"]
    assert (money["value"], money["unit"]) == (1_200_000_000, "USD")


def test_quantity_offsets_point_into_the_document(nlp):
    doc = nlp("Officials said 93 missiles were fired.")
    for quantity in extract_quantities(doc[:]):
        assert doc.text[quantity["start"]:quantity["end"]] == quantity["surface"]


def test_modifier_before_money_sets_bound_and_surface(nlp):
    doc = nlp("The deal was worth more than $5m, officials said.")
    [money] = [q for q in extract_quantities(doc[:]) if q["kind"] == "money"]
    assert (money["value"], money["bound"], money["surface"]) == (5000000, "lower", "more than $5m")
    assert doc.text[money["start"]:money["end"]] == money["surface"]


def test_dates_are_their_own_kind_not_counts(nlp):
    found = quantities(nlp, "The firm hired 300 people in 2019.")
    assert [(q["kind"], q["value"]) for q in found] == [("count", 300), ("date", 2019)]


def test_vague_dates_are_not_quantities(nlp):
    found = quantities(nlp, "Earlier this year, prices rose 5% in recent months.")
    assert [q["kind"] for q in found] == ["percent"]


def test_dates_outside_the_claim_span_are_left_out(nlp):
    text = "The ministry said on Saturday that 40 drones were shot down on Friday."
    content_start = text.index("40 drones")
    found = quantities(nlp, text, dates_within=(content_start, len(text)))
    assert [q["surface"] for q in found if q["kind"] == "date"] == ["Friday"]
    assert [q["surface"] for q in quantities(nlp, text) if q["kind"] == "date"] == ["Saturday", "Friday"]
