"""Articles longer than spaCy's max_length are read in chunks of whole paragraphs, with the claims a
single pass would give (offsets, sentence numbers, entities and figures in the whole text)."""
import pytest

from tests.factories import ArticleFactory
from verify import services
from verify.extraction import extract_claims
from verify.extraction.chunks import text_chunks
from verify.extraction.nlp import get_nlp
from verify.models import ArticleStatus

PARAGRAPH = ("The ministry said on Monday that {n} bridges were destroyed in the Kharkiv region. "
             "Mayor Ana Lopez claimed that {m} homes lost power after the strike.")


def long_text(paragraphs: int = 40) -> str:
    return "\n\n".join(PARAGRAPH.format(n=10 + i, m=1000 + 7 * i) for i in range(paragraphs))


def as_tuples(claims):
    return [(c.text, c.start, c.end, c.sentence_index, c.claimant, c.claimant_start, c.entities, c.quantities)
            for c in claims]


@pytest.fixture
def short_max_length(monkeypatch):
    """spaCy's limit lowered so that a few kilobytes are "too long" (the real one is 1,000,000)."""
    nlp = get_nlp()
    monkeypatch.setattr(nlp, "max_length", 1500)
    return nlp.max_length


def test_a_text_longer_than_spacys_max_length_gives_the_claims_of_one_pass(monkeypatch):
    text = long_text()
    whole = as_tuples(extract_claims(text))
    monkeypatch.setattr(get_nlp(), "max_length", 1500)

    chunked = extract_claims(text)

    assert len(text) > 1500 * 3
    assert as_tuples(chunked) == whole and len(whole) >= 40
    assert all(text[c.start:c.end] == c.sentence for c in chunked)


@pytest.mark.django_db
def test_an_article_longer_than_spacys_max_length_is_processed_not_failed(short_max_length):
    article = ArticleFactory(raw_content=long_text())

    processed = services.article_process(article_id=article.pk)

    assert processed.status == ArticleStatus.DONE, processed.error
    assert processed.claims.count() >= 40


def test_chunks_cover_the_text_in_order_and_end_at_paragraph_breaks():
    text = long_text(10)

    chunks = text_chunks(text, limit=500)

    assert "".join(piece for _, piece in chunks) == text
    assert all(len(piece) <= 500 and text[offset:offset + len(piece)] == piece for offset, piece in chunks)
    assert all(piece.endswith("\n\n") for _, piece in chunks[:-1])


def test_a_paragraph_longer_than_a_chunk_is_cut_after_a_sentence_and_a_run_without_spaces_anywhere():
    sentences = "".join(f"Sentence number {i} is here. " for i in range(40))
    assert all(piece.endswith(". ") for _, piece in text_chunks(sentences, limit=200)[:-1])
    assert [len(piece) for _, piece in text_chunks("x" * 450, limit=200)] == [200, 200, 50]
