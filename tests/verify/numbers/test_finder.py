"""verify.numbers.finder: numbers in running text, in figures and in words."""
import pytest

from verify.numbers import find_numbers, parse_number


def values(text):
    return [number.value for number in find_numbers(text)]


@pytest.mark.parametrize("text,expected", [
    ("half a million people", [500_000]),
    ("Twenty-one people were killed", [21]),
    ("two hundred and fifty soldiers", [250]),
    ("a dozen ships", [12]),
    ("half a dozen eggs", [6]),
    ("two dozen eggs", [24]),
    ("a hundred and fifty homes", [150]),
    ("a million people", [1_000_000]),
    ("one million people", [1_000_000]),
    ("eleven thousand troops", [11_000]),
    ("twenty one hundred", [2_100]),
    ("two and a half million people", [2_500_000]),
    ("one and a half years", [1.5]),
])
def test_number_words_read_as_one_value(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("11,000 troops", [11_000]),
    ("3.5 million people", [3_500_000]),
    ("1.2 billion dollars", [1_200_000_000]),
    ("sold for 51m", [51_000_000]),
    ("a 2bn deal", [2_000_000_000]),
    ("a 5 bn deal", [5_000_000_000]),
    ("revenue of 12.75", [12.75]),
    ("100 thousand", [100_000]),
])
def test_figures_with_scales(text, expected):
    assert values(text) == expected


def test_a_spaced_single_letter_is_a_unit_not_a_scale():
    assert values("a wall 5 m high") == [5]


@pytest.mark.parametrize("text,expected", [
    ("temperatures of -5 degrees", [-5]),
    ("a slump of minus-1,300 points", [-1_300]),
    ("minus five degrees", [-5]),
])
def test_negative_numbers(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text", [
    "thousands of people", "hundreds of thousands fled", "dozens of ships", "millions watched",
])
def test_vague_plurals_are_not_numbers(text):
    assert values(text) == []


@pytest.mark.parametrize("text", [
    "the 24th of December", "the first time", "the twenty-fourth day", "at 10:00", "at 9am", "at 10 p.m.",
    "the 1940s", "the '90s and 90's", "two-thirds of voters", "F-16 jets", "COVID-19 cases", "a hundred-year",
])
def test_ordinals_times_decades_fractions_and_names_are_not_numbers(text):
    assert values(text) == []


def test_bare_scale_word_is_not_a_number():
    assert values("the Hundred Years War") == []


def test_years_are_numbers_the_caller_may_drop():
    assert values("elected in 2019") == [2019]


def test_a_figure_and_a_half_with_a_scale_is_one_value():
    assert values("2 and a half million doses") == [2_500_000]


def test_two_numbers_joined_by_and_stay_two():
    assert values("between two and three") == [2, 3]


def test_a_thousands_group_is_not_split():
    assert values("1,300 points") == [1_300]
    assert 300 not in values("11,000th visitor")


def test_spans_point_into_the_text_and_mark_spelled_numbers():
    text = "As many as 11,000 troops and half a million people"
    troops, people = find_numbers(text)
    assert (text[troops.start:troops.end], troops.spelled) == ("11,000", False)
    assert (text[people.start:people.end], people.text, people.spelled) == ("half a million", "half a million", True)


def test_integers_come_back_as_int():
    [number] = find_numbers("3.5 million")
    assert isinstance(number.value, int)


def test_words_across_a_line_break_are_separate_numbers():
    assert values("two\nhundred") == [2]


@pytest.mark.parametrize("text,value", [
    ("11,000", 11_000), ("3.5 million", 3_500_000), ("51m", 51_000_000), ("two hundred", 200), ("93", 93),
    ("2bn", 2_000_000_000), (" half a million ", 500_000), ("a dozen", 12),
])
def test_parse_number_reads_a_text_that_is_one_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["troops", "11,000 troops", "two and three", "", "thousands"])
def test_parse_number_rejects_anything_else(text):
    assert parse_number(text) is None
