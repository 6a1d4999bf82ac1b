"""annotations.matching.core.numbers: which numbers a claim asserts, and when two sets agree."""
import pytest

from annotations.matching.core import extract_numbers, numbers_agree


def agree(left, right):
    return numbers_agree(extract_numbers(left), extract_numbers(right))


def test_half_a_million_is_five_hundred_thousand_not_a_million():
    assert extract_numbers("half a million people") == frozenset({500_000.0})
    assert agree("half a million people marched", "500,000 people marched")
    assert not agree("half a million people marched", "1 million people marched")


def test_hyphenated_number_words_agree_with_figures():
    assert extract_numbers("Twenty-one people were killed") == frozenset({21.0})
    assert agree("21 dead", "Twenty-one people were killed")
    assert not agree("20 dead", "Twenty-one people were killed")


def test_hundred_and_fifty_is_one_number():
    assert extract_numbers("two hundred and fifty soldiers") == frozenset({250.0})


def test_a_dozen_is_twelve():
    assert extract_numbers("a dozen ships") == frozenset({12.0})
    assert not agree("a dozen ships sank", "13 ships sank")


def test_a_million_and_one_million_are_one_million():
    assert extract_numbers("a million bikers") == extract_numbers("one million bikers") == frozenset({1e6})


def test_vague_plurals_assert_no_figure():
    assert extract_numbers("thousands of troops and dozens of tanks") == frozenset()


def test_lone_one_asserts_no_figure():
    assert extract_numbers("one of the largest protests") == frozenset()


@pytest.mark.parametrize("text", ["the 24th", "in 2019", "at 10:00", "the 1940s", "at 9am"])
def test_years_ordinals_times_and_decades_are_left_out(text):
    assert extract_numbers(text) == frozenset()


def test_a_year_with_a_thousands_separator_is_a_quantity():
    assert extract_numbers("2,019 votes") == frozenset({2019.0})


def test_links_handles_and_tweet_trailers_are_ignored():
    text = "12 arrests https://t.co/ab12 — Police (@police42) January 14, 2020"
    assert extract_numbers(text) == frozenset({12.0})


def test_dollar_amounts_keep_their_value():
    assert extract_numbers("$51m in aid") == frozenset({51e6})


def test_negative_figures_differ_from_positive_ones():
    assert extract_numbers("-5 degrees") == frozenset({-5.0})
