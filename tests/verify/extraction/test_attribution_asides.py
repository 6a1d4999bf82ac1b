"""An "as" aside names the source of the clause around it: "as X pointed out", "as X put it"."""
import pytest

from tests.verify.extraction.attribution_asserts import assert_spans, attribution, sentence
from verify.extraction.attribution_asides import as_aside
from verify.models import ClaimantType


@pytest.mark.parametrize("text,claimant,content", [
    ("The island, as one of the governor's advisers pointed out, rarely gets two storms in a year.",
     "one of the governor's advisers", "The island, as one of the governor's advisers pointed out, rarely gets two "
     "storms in a year"),
    ("As Ms. Lindqvist put it in a radio interview, the network is providing a view the press ignores.",
     "Ms. Lindqvist", "the network is providing a view the press ignores"),
    ("The video does not show whether the driver had a weapon, as police have said.",
     "police", "The video does not show whether the driver had a weapon"),
])
def test_the_speaker_of_an_as_aside_is_the_claimant(nlp, text, claimant, content):
    assert_spans(text, as_aside(sentence(nlp, text)), claimant=claimant, content=content)


def test_an_aside_wins_over_the_subject_of_the_clause_it_comments_on(nlp):
    found = attribution(nlp, "The bridge, as the engineers noted, will not reopen before March.")
    assert found.claimant == "the engineers"
    assert found.claimant_type == ClaimantType.UNNAMED


@pytest.mark.parametrize("text", [
    "As he announced his candidacy, protesters gathered outside the hall.",  # a time, not a source
    "The company failed, as predicted.",  # nobody named
    "As the sun rose, the troops crossed the river.",
])
def test_an_as_clause_that_reports_nothing_names_no_claimant(nlp, text):
    assert as_aside(sentence(nlp, text)) is None


def test_examples_after_such_as_are_no_aside_and_the_main_clause_goes_on(nlp):
    text = ("The senator has sharply criticized trade deals such as the Pacific Partnership and called for "
            "steep tariffs on steel.")
    assert as_aside(sentence(nlp, text)) is None
    assert attribution(nlp, text).claimant == "The senator"
