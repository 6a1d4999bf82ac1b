"""verify.numbers.bounds: the hedge or bound phrase right before a number."""
import pytest

from verify.numbers import Modifier, modifier_before


@pytest.mark.parametrize("before,approximate,bound", [
    ("Reports say as many as ", True, "upper"),
    ("up to ", False, "upper"),
    ("fewer than ", False, "upper"),
    ("nearly ", True, "upper"),
    ("more than ", False, "lower"),
    ("at least ", False, "lower"),
    ("just over ", True, "lower"),
    ("about ", True, None),
    ("an estimated ", True, None),
])
def test_phrase_before_a_number_sets_approximation_and_bound(before, approximate, bound):
    modifier = modifier_before(before)
    assert (modifier.approximate, modifier.bound) == (approximate, bound)


def test_modifier_start_is_where_the_phrase_begins():
    before = "Reports say as many as "
    assert modifier_before(before).start == before.index("as many as")


def test_longest_phrase_wins():
    assert modifier_before("no more than ") == Modifier(start=0, approximate=False, bound="upper")
    assert modifier_before("well over ") == Modifier(start=0, approximate=False, bound="lower")


def test_a_phrase_inside_a_word_is_no_modifier():
    assert modifier_before("moreover ") == Modifier(start=len("moreover "), approximate=False, bound=None)


def test_no_phrase_means_exact_and_unbounded():
    assert modifier_before("officials said ") == Modifier(start=15, approximate=False, bound=None)
