"""A held view states a position: "X has been critical of Y", "X is an opponent of Y"."""
import pytest

from tests.verify.extraction.attribution_asserts import assert_spans, attribution, sentence
from verify.extraction.attribution_stances import stance_predicate
from verify.models import ClaimantType


@pytest.mark.parametrize("text,claimant", [
    ("Graham has been critical of the nominee since the primary.", "Graham"),
    ("The senator's aides were coy about whether they would change their approach.", "The senator's aides"),
    ("Maria Olsen has been an outspoken supporter of the alliance.", "Maria Olsen"),
])
def test_the_holder_of_a_stance_is_the_claimant(nlp, text, claimant):
    assert_spans(text, stance_predicate(sentence(nlp, text)), claimant=claimant)


def test_a_relative_stance_holder_is_named_by_the_person_it_describes(nlp):
    found = attribution(nlp, "Kaine is a former lawyer who is a staunch opponent of the death penalty.")
    assert found.claimant == "Kaine" and found.claimant_type == ClaimantType.PERSON


@pytest.mark.parametrize("text", [
    "The store is open on Sundays.",
    "The weather was critical to the harvest.",  # a thing holds no view
    "The bridge is important to the region.",
])
def test_things_and_neutral_adjectives_hold_no_stance(nlp, text):
    assert stance_predicate(sentence(nlp, text)) is None


def test_being_against_something_is_a_stance(nlp):
    text = "If the developer could make money doing it, Sen. Bernie Sanders is against it."
    assert_spans(text, stance_predicate(sentence(nlp, text)), claimant="Sen. Bernie Sanders")
