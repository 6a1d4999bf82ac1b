"""Verbs of position in the sense that takes a position: "raised concerns", "saw X as", "called for"."""
import pytest

from tests.verify.extraction.attribution_asserts import assert_no_claimant, assert_spans, attribution


@pytest.mark.parametrize("text", [
    "In August, Democratic-aligned super PACs raised $64 million for the race.",  # money, not a view
    "In its relief efforts, the United Nations struggles to raise the money it needs to feed the refugees.",
])
def test_raising_money_states_no_position(nlp, text):
    assert_no_claimant(attribution(nlp, text))


def test_raising_a_concern_states_a_position(nlp):
    text = "The senator raised concerns about the cost of the program."
    assert_spans(text, attribution(nlp, text), claimant="The senator")


@pytest.mark.parametrize("text", [
    "The former governor aggressively pushed the strategy during the convention.",
    "The senator showed up at the debate on Monday.",
    "In the end, Washington backed out of the deal with the truckers.",
    "She recently called in to a radio town hall about the schools.",
    "The senator knows nothing about the plan.",
    "The minister went to see the melting ice in Greenland.",
    "In 2007, Mexico accepted the administration's request to cooperate in a pilot program.",
])
def test_other_senses_of_position_verbs_state_no_position(nlp, text):
    assert_no_claimant(attribution(nlp, text))


@pytest.mark.parametrize("text,claimant", [
    ("In July, the NAACP called for a moratorium on charter schools.", "the NAACP"),
    ("Many voters saw the remark as an insult to veterans.", "Many voters"),
    ("The mayor knows that the budget is short by $20 million.", "The mayor"),
    ("The union pushed for a higher minimum wage in the city.", "The union"),
])
def test_the_position_senses_of_those_verbs_still_name_their_claimant(nlp, text, claimant):
    assert_spans(text, attribution(nlp, text), claimant=claimant)
