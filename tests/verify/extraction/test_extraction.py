
from verify.extraction import (
    CHECKWORTHINESS_THRESHOLD, EXTRACTOR_VERSION, extract_claims, extract_claims_batch,
    score_sentences,
)


def test_public_constants():
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION
    assert 0 < CHECKWORTHINESS_THRESHOLD < 1


def test_offsets_and_entities_are_consistent(sample_extraction):
    cleaned, claims = sample_extraction
    assert claims
    indexes = [c.sentence_index for c in claims]
    assert indexes == sorted(indexes) and len(set(indexes)) == len(indexes)
    for claim in claims:
        assert cleaned[claim.start:claim.end] == claim.sentence
        assert 0.0 <= claim.score <= 1.0
        for entity in claim.entities:
            assert cleaned[entity["start"]:entity["end"]] == entity["text"]
            assert claim.start <= entity["start"] < entity["end"] <= claim.end
        if claim.claimant_start is not None:
            assert cleaned[claim.claimant_start:claim.claimant_end] == claim.claimant


def test_reporting_frame_dropped_but_sentence_kept(sample_extraction):
    _, claims = sample_extraction
    claim = next(c for c in claims if "as many as 11,000" in c.sentence)
    assert claim.claimant == "reports" and claim.cue == "suggest"
    assert claim.text.startswith("As many as 11,000")
    assert claim.sentence.startswith("The full size")


def test_questions_and_headings_are_not_claims(nlp):
    text = ("Army Moves Troops To The Border\n\nDid the army move 5,000 troops to the border in May?\n\n"
            "The army moved 5,000 troops to the border in May, the defence ministry said.")
    claims = extract_claims(text)
    expected = "The army moved 5,000 troops to the border in May, the defence ministry said."
    assert [c.sentence for c in claims] == [expected]


def test_opinion_scores_below_factual_sentence():
    opinion, fact = score_sentences(["I think this is a wonderful idea.",
                                     "Unemployment fell to 3.5% in 2019, the Labor Department reported."])
    assert opinion < CHECKWORTHINESS_THRESHOLD <= fact
    assert all(0.0 <= s <= 1.0 for s in (opinion, fact))


def test_batch_matches_single_calls(sample_extraction):
    cleaned, claims = sample_extraction
    other = "The ministry said 40 drones were shot down over Kyiv on Tuesday."
    assert extract_claims_batch([cleaned, other, ""]) == [claims, extract_claims(other), []]


def test_score_sentences_matches_extraction_scores(sample_extraction):
    _, claims = sample_extraction
    # The same scorer on the same sentence; a standalone parse may differ slightly from in-article.
    scores = score_sentences([c.sentence for c in claims])
    assert len(scores) == len(claims)
    assert all(abs(a - c.score) < 0.15 for a, c in zip(scores, claims))
