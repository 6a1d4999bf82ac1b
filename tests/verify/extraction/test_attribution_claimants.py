"""Claimants as a fact-checker writes them: named and typed, unnamed sources marked, no false sources."""
import pytest
from spacy.tokens import Doc

from tests.verify.extraction.attribution_asserts import assert_no_claimant, assert_spans, attribution, sentence
from verify.extraction import extract_claims
from verify.extraction.attribution import find_attribution
from verify.extraction.attribution_subjects import subject_of
from verify.models import ClaimantType


@pytest.mark.parametrize("text", [
    "The deployment of foreign troops, particularly from North Korea, signals a significant shift in the war.",
    "The involvement of North Korea in the Russia-Ukraine war raises serious geopolitical concerns.",
    "The involvement of North Korea adds a new layer of complexity to a war that began in 2022.",
    "These changes underscore Ukraine's recognition of the evolving battlefield conditions.",
    "The partnership between Moscow and Pyongyang reflects a growing realignment of global alliances.",
    "The alliance also signals a clear message to the West about the willingness of regimes to collaborate.",
])
def test_an_event_or_a_fact_that_signals_raises_or_reflects_is_no_claimant(nlp, text):
    assert_no_claimant(attribution(nlp, text))


@pytest.mark.parametrize("text,claimant,kind", [
    ("While the scale remains unverified, reports suggest that as many as 11,000 troops are in the region.",
     "reports", ClaimantType.UNNAMED),
    ("Analysts speculate that Pyongyang is leveraging this alliance to secure economic support.",
     "Analysts", ClaimantType.UNNAMED),
    ("Military experts believe that Moscow is increasingly reliant on external partners.",
     "Military experts", ClaimantType.UNNAMED),
    ("The plant closed in May, officials said.", "officials", ClaimantType.UNNAMED),
    ("A source close to the Kremlin said that the plant closed in May.", "A source close to the Kremlin",
     ClaimantType.UNNAMED),
    ("The ministry said that the plant closed in May.", "The ministry", ClaimantType.ORGANISATION),
    ("The spokesman said that the plant closed in May.", "The spokesman", ClaimantType.PERSON),
    ("A spokesman said that the plant closed in May.", "A spokesman", ClaimantType.UNNAMED),
    ("NATO said that the plant closed in May.", "NATO", ClaimantType.ORGANISATION),
    ("Russian officials said that the plant closed in May.", "Russian officials", ClaimantType.UNNAMED),
])
def test_unnamed_sources_keep_their_words_and_span_and_are_marked_unnamed(nlp, text, claimant, kind):
    found = attribution(nlp, text)
    assert_spans(text, found, claimant=claimant)
    assert (found.claimant, found.claimant_type) == (claimant, kind)


@pytest.mark.parametrize("text,claimant", [
    ("Ukrainian President Volodymyr Zelensky said that 11,000 troops had arrived in Kursk.", "Volodymyr Zelensky"),
    ("Secretary of State John Kerry said the United States would work with other members.", "John Kerry"),
])
def test_a_job_title_is_not_part_of_a_persons_name(nlp, text, claimant):
    found = attribution(nlp, text)
    assert_spans(text, found, claimant=claimant)
    assert (found.claimant, found.claimant_type) == (claimant, ClaimantType.PERSON)


def test_a_role_gives_way_to_the_name_in_apposition(nlp):
    found = attribution(nlp, "An attorney for Pagliano, Mark MacDougall, stressed that his client was ready.")
    assert (found.claimant, found.claimant_type) == ("Mark MacDougall", ClaimantType.PERSON)


def test_a_pronoun_is_named_by_the_person_before_it_and_located_where_the_text_says_it(nlp):
    text = "Zelensky met Biden on Monday. He said that the plant closed in May."
    claim = extract_claims(text, threshold=0)[-1]
    assert (claim.claimant, claim.claimant_type) == ("Zelensky", ClaimantType.PERSON)
    assert text[claim.claimant_start:claim.claimant_end] == "He"


def test_a_relative_pronoun_is_named_by_its_noun(nlp):
    text = "These actions drew criticism from international observers, who warn that the war could spread."
    found = attribution(nlp, text)
    assert (found.claimant, found.claimant_type) == ("international observers", ClaimantType.UNNAMED)
    assert text[found.claimant_start:found.claimant_end] == "who"


def test_a_speaker_label_in_a_transcript_owns_the_whole_turn(nlp):
    text = ('"WALLACE: Let us start with the news on the debate story. The Clinton camp invited Mark Cuban.\n\n'
            '"PENCE: Well, Hillary Clinton apparently thinks this is a game show. I think the tweet was a joke.\n\n'
            '"But the truth is that Donald Trump has a unique way of communicating to the American people.')
    speakers = [(c.claimant, c.claimant_type) for c in extract_claims(text, threshold=0)]
    assert speakers[0] == ("WALLACE", ClaimantType.PERSON)
    assert speakers[-3:] == [("PENCE", ClaimantType.PERSON)] * 3


def test_a_verb_inside_quotation_marks_is_what_the_speaker_said(nlp):
    found = attribution(nlp, '"I think Mark Cuban knows as much about security as I do," Pence said on Sunday.')
    assert (found.claimant, found.cue) == ("Pence", "said")


def test_a_speech_frame_between_commas_frames_the_sentence(nlp):
    found = attribution(nlp, "Acts of protest, Mr. Obama said, are acts of patriotism in the United States.")
    assert found.claimant == "Obama" and found.claimant_type == ClaimantType.PERSON


def test_a_signature_alone_after_a_quote_signs_every_sentence_of_it(nlp):
    text = ("“Donald Trump scares me. Hearing him talk about communities of color in relation to law and order "
            "makes me fearful. Hearing his hateful words makes me afraid for the future.” ― Krystal Correa\n"
            "“He can’t even answer a question without scaring people about something else first. And wow, he "
            "is obsessed with Mexico.” ― Esther Tapia\n")
    claims = extract_claims(text, threshold=0)
    assert [c.claimant for c in claims] == ["Krystal Correa"] * 3 + ["Esther Tapia"] * 2


def test_an_introducer_ending_in_a_colon_owns_the_next_paragraph(nlp):
    text = ("Limbaugh added:\n\nAnd from a supposed front-runner, this reeks of the greatest fear I have seen. "
            "She cannot beat this guy without stacking the deck.")
    claims = extract_claims(text, threshold=0)
    assert [c.claimant for c in claims] == ["Limbaugh", "Limbaugh"]


def test_a_passive_report_names_its_agent(nlp):
    found = attribution(nlp, "The registration issue was first reported by The Washington Post on Monday.")
    assert (found.claimant, found.claimant_type) == ("The Washington Post", ClaimantType.ORGANISATION)


def test_a_view_held_with_a_clause_is_attributed(nlp):
    found = attribution(nlp, "Protesters were frustrated that the police released only some of the footage.")
    assert (found.claimant, found.claimant_type, found.cue) == ("Protesters", ClaimantType.UNNAMED, "were frustrated")


def test_a_dateline_is_no_speaker(nlp):
    found = attribution(nlp, "WASHINGTON -- President Obama, dedicating the museum on Saturday, said it "
                             "would tell an American story.")
    assert found.claimant == "Obama"


@pytest.mark.parametrize("text,claimant", [
    ("NATO officials said that the plant closed in May.", "NATO officials"),
    ("U.S. officials said that the plant closed in May.", "U.S. officials"),
    ("Officials at the Pentagon said that the plant closed in May.", "Officials at the Pentagon"),
])
def test_officials_of_a_named_institution_speak_for_it_as_an_organisation(nlp, text, claimant):
    found = attribution(nlp, text)
    assert (found.claimant, found.claimant_type) == (claimant, ClaimantType.ORGANISATION)


def test_a_bare_surname_misread_as_a_body_is_the_person_named_before(nlp):
    doc = nlp("Donald Trump spoke in Ohio. Trump this week also said he would consider naming a new judge.")
    found = find_attribution(list(doc.sents)[-1])
    assert found.claimant == "Trump" and found.claimant_type == ClaimantType.PERSON


def test_which_after_a_body_stands_for_it_however_the_clause_is_parsed(nlp):
    text = ("To solve this quandary, they turned to the Chicago Police Department which reported "
            "\u201c2,521 shooting incidents\u201d in the city between January 1 and September 18.")
    found = attribution(nlp, text)
    assert found.claimant == "the Chicago Police Department"
    assert found.claimant_type == ClaimantType.ORGANISATION
    assert text[found.claimant_start:found.claimant_end] == "which"


def test_a_verb_the_parser_left_without_subject_takes_the_name_before_its_apposition(nlp):
    words = ["Later", ",", "Minyon", "Moore", ",", "a", "senior", "adviser", ",", "called", "the", "plan",
             "a", "mistake", "."]
    heads = [9, 9, 3, 9, 3, 7, 7, 3, 3, 9, 11, 9, 13, 9, 9]
    deps = ["advmod", "punct", "compound", "dep", "punct", "det", "amod", "appos", "punct", "ROOT", "det",
            "dobj", "det", "oprd", "punct"]
    tags = ["RB", ",", "NNP", "NNP", ",", "DT", "JJ", "NN", ",", "VBD", "DT", "NN", "DT", "NN", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags,
              ents=["O", "O", "B-PERSON", "I-PERSON"] + ["O"] * 11)
    assert subject_of(doc[9]).text == "Moore"


def test_a_subject_that_cannot_speak_gives_way_to_the_name_before_the_verb(nlp):
    text = ("With 50 days until the election, Minyon Moore, a senior adviser to the Clinton campaign, called "
            "Mr. Obama's remarks on Saturday \"a true wake-up call\" to his coalition of supporters.")
    found = attribution(nlp, text)
    assert found.claimant == "Minyon Moore" and found.cue == "called"


def test_a_gerund_after_a_preposition_is_said_by_the_subject_of_its_verb(nlp):
    text = ("Dean, a medical doctor, then appeared on MSNBC on Tuesday and began by saying he would never "
            "diagnose someone through television.")
    found = attribution(nlp, text)
    assert found.claimant == "Dean" and found.cue == "saying"


def test_a_verb_tagged_as_a_noun_takes_the_compound_before_it_as_subject(nlp):
    # "The Smith campaign plans to employ the governor", parsed as one noun phrase ("campaign" a compound).
    words = ["The", "Smith", "campaign", "plans", "to", "employ", "the", "governor", "in", "Ohio", "."]
    doc = Doc(nlp.vocab, words=words, heads=[2, 2, 3, 3, 5, 3, 7, 5, 5, 8, 3],
              deps=["det", "compound", "compound", "ROOT", "aux", "xcomp", "det", "dobj", "prep", "pobj", "punct"],
              pos=["DET", "PROPN", "NOUN", "NOUN", "PART", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
              tags=["DT", "NNP", "NN", "NNS", "TO", "VB", "DT", "NN", "IN", "NNP", "."],
              lemmas=["the", "Smith", "campaign", "plan", "to", "employ", "the", "governor", "in", "Ohio", "."])
    assert subject_of(doc[3]).text == "campaign"
    assert find_attribution(doc[:]).claimant == "The Smith campaign"


def test_a_pronoun_stands_for_the_speaker_not_for_someone_named_in_the_quote(nlp):
    text = ('In one tweet, Smith said: "Did the mayor help Maria Lopez become a citizen so she could use her?"\n\n'
            "He offered no proof that the mayor had a role in her citizenship.")
    claim = next(c for c in extract_claims(text, threshold=0) if c.sentence.startswith("He offered"))
    assert claim.claimant == "Smith"
