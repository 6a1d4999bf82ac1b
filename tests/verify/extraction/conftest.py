"""Fixtures for extraction tests: no database, one spaCy model per session (cached by get_nlp)."""
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
SAMPLE_ARTICLE = REPO_ROOT / "verify" / "sample_data" / "sample_article.txt"
SEED_ARTICLE = REPO_ROOT.parent / "shared" / "data" / "seed" / "article.txt"


@pytest.fixture(scope="session")
def nlp():
    from verify.extraction.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def sample_extraction(nlp):
    from verify.extraction import extract_claims_from_raw

    return extract_claims_from_raw(SAMPLE_ARTICLE.read_text(encoding="utf-8"))
