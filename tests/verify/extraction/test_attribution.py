import pytest

from tests.verify.extraction.attribution_asserts import assert_no_claimant, assert_spans, attribution, sentence
from verify.extraction import extract_claims
from verify.models import ClaimantType


@pytest.mark.parametrize("text,claimant,cue,content", [
    ("The plant closed in May, according to officials in Kyiv.", "officials in Kyiv", "according to",
     "The plant closed in May"),
    ("Zelensky stated that 11,000 troops had arrived in Kursk.", "Zelensky", "stated",
     "11,000 troops had arrived in Kursk"),
    ("The economy grew 3% last year, the minister said.", "the minister", "said", "The economy grew 3% last year"),
    ("\"We will rebuild the bridge by March,\" said John Smith, the mayor of Springfield.", "John Smith", "said",
     "We will rebuild the bridge by March"),
])
def test_reported_speech_patterns(nlp, text, claimant, cue, content):
    found = attribution(nlp, text)
    assert_spans(text, found, claimant=claimant, content=content)
    assert (found.claimant, found.cue) == (claimant, cue)


def test_passive_attribution_has_cue_but_no_claimant(nlp):
    found = attribution(nlp, "It was reported that the plant closed last week.")
    assert found.claimant == "" and found.cue == "was reported"
    assert found.claimant_start is None


def test_frame_is_dropped_from_claim_text_but_sentence_kept(nlp):
    text = "Speaking on Saturday, Zelensky stated that 11,000 North Korean troops had arrived in Kursk."
    [claim] = extract_claims(text)
    assert claim.claimant == "Zelensky" and claim.cue == "stated"
    assert claim.text == "11,000 North Korean troops had arrived in Kursk."
    assert claim.sentence == text


def test_pronoun_content_keeps_the_frame(nlp):
    text = "NATO officials have expressed concerns about the pact, stating that it threatens security in Europe."
    [claim] = extract_claims(text)
    assert claim.claimant == "NATO officials"
    assert claim.text == claim.sentence


def test_multi_sentence_quote_shares_its_speaker(nlp):
    text = ('"We have spent 14 million euros on the bridge since 2021. The rest of the money will come from '
            'the regional budget in 2025," said Anna Berg, the project director.')
    claims = extract_claims(text)
    assert len(claims) == 2
    assert {c.claimant for c in claims} == {"Anna Berg"}


def test_signed_quote_after_a_dash(nlp):
    found = attribution(nlp, "\u201cThe factory closed 300 jobs in 2023.\u201d \u2015 Maria Lopez")
    assert found.claimant == "Maria Lopez"


def test_inanimate_subject_is_not_a_claimant(nlp):
    [claim] = extract_claims("This revelation adds a new layer of complexity to a war that began in 2022.")
    assert claim.claimant == ""


def test_according_to_opening_a_sentence_the_parser_misread_still_names_the_source(nlp):
    text = "According to conservative radio host Rush Limbaugh, the move reeks of fear and desperation."
    found = attribution(nlp, text)
    assert found.claimant == "Rush Limbaugh"
    assert text[found.content_start:found.content_end] == "the move reeks of fear and desperation"


def test_according_to_inside_a_reported_clause_leaves_the_reporter_as_claimant(nlp):
    text = ("The researchers reported that Apple holds $214 billion offshore; Nike holds $10 billion offshore, "
            "and the report says that Apple has 3 subsidiaries, according to its own website.")
    assert attribution(nlp, text).claimant == "The researchers"


@pytest.mark.parametrize("text", [
    "Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted to Avoid Bad Optics.",
    "CLARIFICATION: The first sentence has been changed to reflect that the senator is calling for a review.",
])
def test_a_headline_or_notice_before_a_colon_is_no_speaker(nlp, text):
    found = attribution(nlp, text)
    assert found is None or found.cue != ":"


def test_a_speaker_label_still_names_the_speaker(nlp):
    assert attribution(nlp, "Pat Caddell: Voters worried about the economy are moving away.").claimant == "Pat Caddell"


def test_a_document_that_reads_a_quote_is_its_source(nlp):
    text = "\u201cThe developer has managed to erase much of his debt,\u201d the article read."
    found = attribution(nlp, text)
    assert found.claimant == "the article" and found.cue == "read"


def test_reading_something_is_no_frame(nlp):
    found = attribution(nlp, "The senator read the report on the flight to Denver.")
    assert found is None or found.cue != "read"


def test_a_quote_parsed_as_a_second_subject_stays_content(nlp):
    text = ("\u201cThe campaign is in panic mode. Full panic mode,\u201d said Leslie Wimes, a president of "
            "the Democratic Women Caucus.")
    claims = extract_claims(text, threshold=0.0)
    assert claims and {c.claimant for c in claims} == {"Leslie Wimes"}


def test_a_report_that_clause_names_whose_report_it_is(nlp):
    text = "Hillary Clinton is seizing upon a New York Times report that Donald Trump had a net loss in 1995."
    assert attribution(nlp, text).claimant == "New York Times"


@pytest.mark.parametrize("text,claimant", [
    ("The Clinton campaign plans to employ the first lady as much as possible in the final weeks.",
     "The Clinton campaign"),
    ("He steadfastly refuses to release the tax returns every nominee has released.", "He"),
])
def test_a_stated_intention_names_its_claimant(nlp, text, claimant):
    assert attribution(nlp, text).claimant == claimant


def test_one_of_a_group_that_can_speak_is_an_unnamed_claimant(nlp):
    found = attribution(nlp, "One of the doctors called the product a miracle.")
    assert found.claimant == "One of the doctors" and found.claimant_type == ClaimantType.UNNAMED


def test_a_vote_is_a_position_on_the_record(nlp):
    found = attribution(nlp, "A House panel voted Thursday to hold the aide in contempt of Congress.")
    assert found.claimant == "A House panel"


def test_a_set_off_relative_clause_says_what_its_noun_holds(nlp):
    text = "The talks included members of the Saudi government, which has strongly denied any involvement."
    found = attribution(nlp, text)
    assert found.claimant == "the Saudi government" and text[found.claimant_start:found.claimant_end] == "which"


def test_a_restrictive_relative_clause_only_says_which_one(nlp):
    assert_no_claimant(attribution(nlp, "The man who called the police was arrested on Monday."))


def test_the_root_verb_of_saying_frames_the_sentence_when_parsed_without_a_clause(nlp):
    text = ("Angelique Brunner, a Washington-based developer and spokeswoman for the EB-5 Investment Coalition, "
            "which is made up of investors and developers, said many of the examples that critics point to as "
            "EB-5 investments in upscale areas failed to note that the program helped transform places that "
            "were previously economically depressed.")
    assert attribution(nlp, text).claimant == "Angelique Brunner"


def test_what_a_plan_would_do_is_what_its_owner_proposes(nlp):
    found = attribution(nlp, "Mrs. Clinton's plan would also cap the tax value of deductions at 28 percent.")
    assert found.claimant == "Clinton" and found.cue == "plan"


def test_a_remark_as_an_event_names_no_claimant(nlp):
    assert_no_claimant(attribution(nlp, "Trump's comments came as the facts were still being gathered."))


@pytest.mark.parametrize("text,claimant,content", [
    ("The committee pressed the director to admit that no manager had been disciplined.", "the director",
     "no manager had been disciplined"),
    ("The scandal has led the veteran columnist Ana Ruiz to predict that the mayor will resign.", "the veteran columnist",
     "the mayor will resign"),
])
def test_the_object_that_does_what_an_infinitive_says_is_its_speaker(nlp, text, claimant, content):
    assert_spans(text, attribution(nlp, text), claimant=claimant, content=content)


def test_someone_required_to_say_something_has_not_said_it(nlp):
    found = attribution(nlp, "The new law requires all candidates to disclose their tax returns.")
    assert found is None or found.claimant != "all candidates"


def test_a_belief_held_with_a_clause_names_its_holder(nlp):
    text = "Many people involved in the talks assumed that the buyer had the backing of the bank."
    assert_spans(text, attribution(nlp, text), claimant="Many people",
                 content="the buyer had the backing of the bank")


@pytest.mark.parametrize("text", [
    "Please feel free to call the office on Monday.",  # no clause: no belief stated
    "She guessed the answer on her first try.",  # an object, not a view
])
def test_a_belief_verb_without_its_holder_and_clause_names_no_claimant(nlp, text):
    assert_no_claimant(attribution(nlp, text))


def test_not_unveiling_something_states_nothing(nlp):
    assert_no_claimant(attribution(nlp, "The governor did not unveil plans to pay for the expansion."))


@pytest.mark.parametrize("text", [
    "He took over the obligations from Walter Energy, another mining company that had declared bankruptcy.",
    "If you are in that situation, please read the two guides I wrote in 2014 for people in that spot.",
    "Julie Davis reported from Midway Atoll, and Mark Landler from Kaneohe Bay, Hawaii.",  # a byline
])
def test_a_verb_of_saying_that_only_says_which_one_or_who_wrote_names_no_claimant(nlp, text):
    assert_no_claimant(attribution(nlp, text))
