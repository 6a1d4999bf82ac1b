"""Shared checks for the attribution rule tests: a sentence to try a rule on, what the rules find in
it, and where they found the claimant and the content (or that they found no claimant)."""
from spacy.tokens import Span

from verify.extraction.attribution import find_attribution
from verify.extraction.attribution_spans import Attribution


def sentence(nlp, text: str) -> Span:
    return nlp(text)[:]


def attribution(nlp, text: str) -> Attribution | None:
    return find_attribution(sentence(nlp, text))


def assert_no_claimant(found: Attribution | None) -> None:
    assert found is None or not found.claimant, f"claimant {found.claimant!r} found"


def assert_spans(text: str, found: Attribution | None, *, claimant: str, content: str | None = None) -> None:
    """The attribution locates its claimant (and, when given, its content) at these words of the text."""
    assert found is not None, f"no attribution in {text!r}"
    assert text[found.claimant_start:found.claimant_end] == claimant
    if content is not None:
        assert text[found.content_start:found.content_end] == content
