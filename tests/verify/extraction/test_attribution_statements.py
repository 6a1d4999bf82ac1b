"""Issuing a statement is saying: "X issued a statement calling ...", "according to a speech X delivered"."""
import pytest

from tests.verify.extraction.attribution_asserts import assert_spans, attribution, sentence
from verify.extraction.attribution_statements import statement_act, statement_setting


@pytest.mark.parametrize("text,claimant,content", [
    ("After the meeting, the Security Council issued a statement calling the test a clear violation.",
     "the Security Council", "calling the test a clear violation"),
    ("In contrast, Clinton has delivered a mostly positive message since the debate.",
     "Clinton", "a mostly positive message since the debate"),
    ("The Washington Post ran a feature Saturday that profiled a supporter of the nominee.",
     "The Washington Post", "profiled a supporter of the nominee"),
    ("Hours earlier, Donald Trump unleashed a series of tweets criticizing Alicia Machado.",
     "Donald Trump", "criticizing Alicia Machado"),
    ("Hillary Clinton has a new campaign ad hitting Donald Trump, the Republican nominee.",
     "Hillary Clinton", "hitting Donald Trump, the Republican nominee"),
])
def test_the_subject_of_a_statement_it_issues_is_the_claimant(nlp, text, claimant, content):
    assert_spans(text, statement_act(sentence(nlp, text)), claimant=claimant, content=content)


@pytest.mark.parametrize("text", [
    "The deployment sends a message to the West.",  # an event is no speaker
    "The company released a new phone on Monday.",  # not a statement
    "Trump made the comments Friday during a brief appearance in Grand Rapids.",  # where, not what
    "During his tour, he paused to make an improbable remark.",  # what he went on to do
    "The campaign has a new video on its website.",  # a document that says nothing here
])
def test_issuing_something_other_than_a_statement_names_no_claimant(nlp, text):
    assert statement_act(sentence(nlp, text)) is None


def test_according_to_a_speech_names_who_gave_it(nlp):
    text = "The goal is to curb activist investors, according to a speech Mrs. Clinton delivered in July."
    found = attribution(nlp, text)
    assert found.claimant == "Clinton"
    assert text[found.content_start:found.content_end] == "The goal is to curb activist investors"


@pytest.mark.parametrize("text,claimant", [
    ("In a speech in Fort Pierce on Friday, Clinton laid out her proposals to expand national service.", "Clinton"),
    ("In an interview with a local radio host, the general made it clear he had major misgivings.", "the general"),
    ("In this poll, the senator rose one point since the debate while his rival fell.", "this poll"),
])
def test_what_is_done_in_a_speech_or_found_in_a_poll_is_attributed(nlp, text, claimant):
    assert_spans(text, statement_setting(sentence(nlp, text)), claimant=claimant)


@pytest.mark.parametrize("text", [
    "In the debate, the senator stood to the left of the stage.",  # a debate is an event, not a statement
    "The senator rose one point in this poll.",  # the poll named after its finding is left to other rules
    "In Fort Pierce, Clinton visited a school.",
])
def test_other_settings_name_no_claimant(nlp, text):
    assert statement_setting(sentence(nlp, text)) is None


def test_making_the_case_is_a_statement_not_one_already_given(nlp):
    found = statement_act(sentence(nlp, "Mr. Obama has previously made the case for Mrs. Clinton during campaign stops."))
    assert found is not None and found.claimant == "Mr. Obama"


def test_a_case_sent_back_is_a_lawsuit_not_an_argument(nlp):
    assert statement_act(sentence(nlp, "By a 2-to-1 vote, the court of appeals sent the case back to the lower court.")) is None
