import pytest

from verify.extraction import extract_claims
from verify.extraction.attribution import find_attribution


def attribution(nlp, text):
    return find_attribution(nlp(text)[:])


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
    assert (found.claimant, found.cue) == (claimant, cue)
    assert text[found.content_start:found.content_end] == content
    assert text[found.claimant_start:found.claimant_end] == claimant


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
