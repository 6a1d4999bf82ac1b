"""Shared checks for the attribution rule tests: a sentence to try a rule on, and where the rule found
the claimant and the content."""
from spacy.tokens import Span

from verify.extraction.attribution_spans import Attribution


def sentence(nlp, text: str) -> Span:
    return nlp(text)[:]


def assert_spans(text: str, found: Attribution | None, *, claimant: str, content: str | None = None) -> None:
    """The attribution locates its claimant (and, when given, its content) at these words of the text."""
    assert found is not None, f"no attribution in {text!r}"
    assert text[found.claimant_start:found.claimant_end] == claimant
    if content is not None:
        assert text[found.content_start:found.content_end] == content
