from verify.extraction.doc_text import span_text

from tests.verify.extraction.conftest import SAMPLE_ARTICLE


def test_span_text_is_the_spans_own_text_for_every_sentence_and_entity(nlp):
    doc = nlp(SAMPLE_ARTICLE.read_text(encoding="utf-8") + "\n\n  Trailing  spaces.  ")
    spans = [*doc.sents, *doc.ents, doc[:], doc[3:3]]
    assert [span_text(span) for span in spans] == [span.text for span in spans]
