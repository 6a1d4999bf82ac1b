import pytest

from tests.verify.extraction.acceptance import assert_acceptance_claims
from tests.verify.extraction.conftest import SEED_ARTICLE


def test_sample_article_yields_the_expected_claims(sample_extraction):
    cleaned, claims = sample_extraction
    assert_acceptance_claims(cleaned, claims)


def test_sample_article_skips_questions_opinion_and_headings(sample_extraction):
    _, claims = sample_extraction
    sentences = [c.sentence for c in claims]
    assert not any(s.endswith("?") for s in sentences)
    assert not any(s.startswith("I think") for s in sentences)
    assert not any(s.startswith("Kyiv Reshuffles") for s in sentences)
    assert not any(s.startswith("What a remarkable week") for s in sentences)


@pytest.mark.skipif(not SEED_ARTICLE.exists(),
                    reason=f"seed article not present at {SEED_ARTICLE} (shared data, never in the repo)")
def test_seed_article_yields_the_expected_claims(nlp):
    from verify.extraction import extract_claims_from_raw

    cleaned, claims = extract_claims_from_raw(SEED_ARTICLE.read_text(encoding="utf-8"))
    assert_acceptance_claims(cleaned, claims)
