"""Claimant precision/recall against PolNeAR-style annotations."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from verify.extraction.brat import AnnotatedAttribution, Spans, article_pairs, read_brat_attributions
from verify.extraction.claim import ExtractedClaim
from verify.extraction.nlp import get_nlp
from verify.extraction.pipeline import claims_from_doc
from verify.extraction.scoring import CHECKWORTHINESS_THRESHOLD, get_scorer


def _overlaps(spans: Spans, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def score_article(claims: list[ExtractedClaim], gold: list[AnnotatedAttribution]) -> dict[str, int]:
    """Counts for one article.

    A predicted claimant is correct when it overlaps the Source of an attribution whose Content
    overlaps the claim's sentence. A gold sourced attribution is found when some claim overlapping
    its Content has such a claimant.
    """
    sourced = [g for g in gold if g.source]
    predicted = [c for c in claims if c.claimant and c.claimant_start is not None]
    correct = 0
    for claim in predicted:
        if any(_overlaps(g.content, claim.start, claim.end)
               and _overlaps(g.source, claim.claimant_start, claim.claimant_end) for g in sourced):
            correct += 1
    found = 0
    for g in sourced:
        if any(_overlaps(g.content, c.start, c.end) and _overlaps(g.source, c.claimant_start, c.claimant_end)
               for c in predicted):
            found += 1
    contents_covered = sum(1 for g in gold if any(_overlaps(g.content, c.start, c.end) for c in claims))
    return {"predicted": len(predicted), "correct": correct, "gold_sourced": len(sourced), "found": found,
            "gold_contents": len(gold), "contents_covered": contents_covered}


def _figures(totals: dict[str, int]) -> dict[str, float]:
    precision = totals["correct"] / totals["predicted"] if totals["predicted"] else 0.0
    recall = totals["found"] / totals["gold_sourced"] if totals["gold_sourced"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"claimant_precision": round(precision, 4), "claimant_recall": round(recall, 4), "claimant_f1": round(f1, 4)}


def half_of(text: Path, articles: list[str]) -> int:
    """0 or 1: articles in name order dealt alternately, so each half mixes outlets and dates alike
    (an article annotated twice stays in one half)."""
    return articles.index(text.stem) % 2


def outlet_of(text: Path) -> str:
    """The outlet an article comes from: its file name up to the first underscore ("nyt_2016-09-20_..." -> "nyt")."""
    return text.stem.split("_", 1)[0]


def evaluate_directory(directory: str | Path, *, threshold: float | None = None) -> dict[str, Any]:
    """Claimant figures over the whole folder, over its two article-wise halves and per outlet (to see that
    a change helps broadly, not one half's articles or one outlet's style)."""
    pairs = article_pairs(directory)
    articles = sorted({text.stem for text, _ in pairs})
    nlp = get_nlp()
    scorer = get_scorer()
    texts = [text.read_text(encoding="utf-8") for text, _ in pairs]
    keys = ("predicted", "correct", "gold_sourced", "found", "gold_contents", "contents_covered")
    totals = dict.fromkeys(keys, 0)
    halves = [dict.fromkeys(keys, 0), dict.fromkeys(keys, 0)]
    outlets: dict[str, dict[str, int]] = {}
    cut_off = CHECKWORTHINESS_THRESHOLD if threshold is None else threshold
    started = time.perf_counter()
    # The annotated offsets refer to the file text as is, so it is not cleaned first.
    for doc, (text, annotation) in zip(nlp.pipe(texts, batch_size=16), pairs):
        claims = claims_from_doc(doc, threshold=cut_off, scorer=scorer)
        half = halves[half_of(text, articles)]
        outlet = outlets.setdefault(outlet_of(text), dict.fromkeys(keys, 0) | {"articles": 0})
        outlet["articles"] += 1
        for key, value in score_article(claims, read_brat_attributions(annotation)).items():
            totals[key] += value
            half[key] += value
            outlet[key] += value
    elapsed = time.perf_counter() - started
    return {
        "articles": len(pairs),
        **_figures(totals),
        "content_recall": round(totals["contents_covered"] / max(1, totals["gold_contents"]), 4),
        **totals,
        "halves": [{"articles": sum(1 for t, _ in pairs if half_of(t, articles) == i), **_figures(h)}
                   for i, h in enumerate(halves)],
        "outlets": {name: {"articles": counts["articles"], **_figures(counts)} for name, counts in sorted(outlets.items())},
        "threshold": cut_off,
        "seconds": round(elapsed, 2),
    }
