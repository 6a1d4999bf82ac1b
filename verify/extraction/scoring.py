"""Check-worthiness scoring: one code path for extraction, workers and the evaluation command."""
from __future__ import annotations

import os
import threading
from typing import NamedTuple, Protocol

from spacy.tokens import Span

from verify.extraction.attribution import Attribution, find_attribution
from verify.extraction.attribution_claimants import reported_from_named_source
from verify.extraction.nlp import get_nlp
from verify.extraction.rule_scorer import RuleScorer
from verify.extraction.screening import is_named_statement, screen_sentence
from verify.extraction.trained_scorer import load_model_dir

CHECKWORTHINESS_THRESHOLD = 0.5
# A set-aside sentence keeps this share of its score: below the cut-off, still ordered among its kind.
SET_ASIDE_FACTOR = 0.5
# What a named source said is queued at least at this score (news attributes far more than debates do):
# a statement by a named source (screening.is_named_statement), or a quote the article carries on from a
# source it named before (attribution_claimants.reported_from_named_source).
NAMED_STATEMENT_FLOOR = 0.6
MODEL_SETTING_NAME = "VERIFY_CHECKWORTHINESS_MODEL"

_lock = threading.Lock()
_scorers: dict[str, "Scorer"] = {}


class Scorer(Protocol):
    name: str

    def score(self, sentences: list[Span]) -> list[float]: ...


def configured_model_dir() -> str:
    """A trained model directory from the Django setting or environment; "" means the rules."""
    try:
        from django.conf import settings

        if settings.configured:
            value = getattr(settings, MODEL_SETTING_NAME, None)
            if value is not None:
                return str(value)
    except ImportError:
        pass
    return os.environ.get(MODEL_SETTING_NAME, "")


def get_scorer(model_dir: str | None = None) -> Scorer:
    """The scorer for a model directory (None: the configured one), loaded once per process."""
    directory = configured_model_dir() if model_dir is None else model_dir
    scorer = _scorers.get(directory)
    if scorer is not None:
        return scorer
    with _lock:
        if directory not in _scorers:
            _scorers[directory] = _load_scorer(directory)
        return _scorers[directory]


def _load_scorer(directory: str) -> Scorer:
    if not directory:
        return RuleScorer()
    return load_model_dir(directory)


class ScreenedScore(NamedTuple):
    score: float  # what is stored and ranked: halved when set aside
    set_aside: str  # "" or a SetAsideReason value
    before_screening: float  # whether the sentence would have been queued is decided on this


def screened_scores(spans: list[Span], *, scorer: Scorer | None = None,
                    attributions: list[Attribution | None] | None = None) -> list[ScreenedScore]:
    """(score, set-aside reason) per sentence: the scorer's score, raised for a named source's statement,
    then screening of those it would queue. `attributions` are the sentences' own (extraction has found
    them already); without them they are found here, only where the floor could apply."""
    if not spans:
        return []
    scores = [min(1.0, max(0.0, float(s))) for s in (scorer or get_scorer()).score(spans)]
    screened = []
    for index, (span, score) in enumerate(zip(spans, scores)):
        if score < NAMED_STATEMENT_FLOOR and (is_named_statement(span) or reported_from_named_source(
                span, attributions[index] if attributions is not None else _attribution_in_context(span))):
            score = NAMED_STATEMENT_FLOOR
        reason = screen_sentence(span).reason if score >= CHECKWORTHINESS_THRESHOLD else ""
        screened.append(ScreenedScore(score=score * SET_ASIDE_FACTOR if reason else score, set_aside=reason,
                                      before_screening=score))
    return screened


def _attribution_in_context(span: Span) -> Attribution | None:
    """The span's attribution, or None for a text of one sentence: nobody can be named before it there."""
    doc = span.doc
    if span.start == 0 and span.end == len(doc) and sum(1 for _ in doc.sents) == 1:
        return None
    return find_attribution(span)


def score_spans(spans: list[Span], *, scorer: Scorer | None = None) -> list[float]:
    return [screened.score for screened in screened_scores(spans, scorer=scorer)]


def score_sentences(sentences: list[str], *, model_dir: str | None = None, batch_size: int = 256) -> list[float]:
    """Scores for standalone sentences: one nlp.pipe pass, then the same scorer extraction uses."""
    nlp = get_nlp()
    spans = [doc[:] for doc in nlp.pipe(sentences, batch_size=batch_size)]
    return score_spans(spans, scorer=get_scorer(model_dir))
