"""The matcher: BM25 finds candidates, character n-gram cosine scores them, numbers must agree.

Stage 1 (recall): BM25 over the claim text and its title (for fact-checks), top `pool` rows
(k1 0.9, b 0.4: Anserini's defaults for short passages, a standard choice rather than a fit;
on the CLEF 2020 dev tweets they also beat 1.2/0.75, see bench/README.md).
Stage 2 (precision): the pool is ranked twice, by BM25 and by the idf-weighted cosine of character
3-5-grams (robust to rewording, inflection and spelling), and the two rankings are combined by
reciprocal rank fusion (k = 60, the usual constant), which needs no score calibration.
Hard rule: a candidate whose stated numbers disagree with the query's is dropped, whatever its
score ("11,000 troops" is not "12,000 troops").
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import numpy as np

from verify.matching.core.bm25 import BM25Index
from verify.matching.core.charsim import CharSimilarity, char_features, char_features_many
from verify.matching.core.numbers import extract_numbers, numbers_agree
from verify.matching.core.text import tokenize

DEFAULT_POOL = 200
BM25_K1 = 0.9
BM25_B = 0.4
# Reciprocal rank fusion: score = 1/(RRF_K + bm25 rank) + 1/(RRF_K + char rank), ranks from 1.
RRF_K = 60


@dataclass(frozen=True)
class Document:
    key: Hashable
    text: str
    title: str = ""  # extra matching text (a fact-check's headline); numbers are read from `text`


@dataclass(frozen=True)
class Candidate:
    key: Hashable
    score: float  # in (0, 1]: the fused rank score, 1.0 when first by both BM25 and char cosine
    similarity: float  # the char cosine alone, comparable across queries (used for thresholds)
    bm25: float


@dataclass
class _Row:
    key: Hashable
    chars: tuple[np.ndarray, np.ndarray]
    numbers: frozenset[float]
    tokens: list[str] = field(repr=False, default_factory=list)


class Matcher:
    def __init__(self, *, pool: int = DEFAULT_POOL) -> None:
        self.pool = pool
        self._bm25 = BM25Index(k1=BM25_K1, b=BM25_B)
        self._chars = CharSimilarity()
        self._rows: list[_Row | None] = []
        self._row_of: dict[Hashable, int] = {}

    def __len__(self) -> int:
        return len(self._row_of)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._row_of

    def add(self, document: Document, *, tokens: list[str] | None = None,
            chars: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        """Index a document; re-adding a key replaces its earlier text."""
        self.remove(document.key)
        combined = f"{document.text} {document.title}".strip()
        tokens = tokenize(combined) if tokens is None else tokens
        chars = char_features(combined) if chars is None else chars
        row = _Row(key=document.key, chars=chars, numbers=extract_numbers(document.text))
        index = self._bm25.add(tokens)
        assert index == len(self._rows)
        self._rows.append(row)
        self._row_of[document.key] = index
        self._chars.add(row.chars)

    def add_many(self, documents: Iterable[Document], *, tokens: list[list[str] | None] | None = None) -> None:
        """Index many documents (character features are computed in one batch: much faster)."""
        documents = list(documents)
        features = char_features_many([f"{d.text} {d.title}".strip() for d in documents])
        for position, document in enumerate(documents):
            self.add(document, tokens=tokens[position] if tokens else None, chars=features[position])

    def remove(self, key: Hashable) -> None:
        index = self._row_of.pop(key, None)
        if index is None:
            return
        row = self._rows[index]
        self._rows[index] = None
        self._bm25.remove(index)
        if row is not None:
            self._chars.remove(row.chars)

    def search(self, text: str, *, limit: int = 10, exclude: Iterable[Hashable] = (),
               allow=None) -> list[Candidate]:
        """The best `limit` documents for `text`, best first; `allow(key)` may veto candidates."""
        tokens = tokenize(text)
        rows, bm25 = self._bm25.top(tokens, self.pool)
        if rows.size == 0:
            return []
        excluded = set(exclude)
        query_numbers = extract_numbers(text)
        kept_rows, kept_bm25 = [], []
        for index, score in zip(rows.tolist(), bm25.tolist()):
            row = self._rows[index]
            if row is None or row.key in excluded:
                continue
            if not numbers_agree(query_numbers, row.numbers):
                continue  # the hard rule: disagreeing numbers are never the same claim
            if allow is not None and not allow(row.key):
                continue
            kept_rows.append(index)
            kept_bm25.append(score)
        if not kept_rows:
            return []
        similarity = self._chars.cosines(char_features(text), [self._rows[i].chars for i in kept_rows])
        bm25_array = np.asarray(kept_bm25, dtype=np.float32)
        final = _rank_fusion(bm25_array, similarity, np.asarray(kept_rows))
        # Stable sort over rows in index order: ties go to the earlier document.
        order = np.lexsort((np.asarray(kept_rows), -final))[:limit]
        return [
            Candidate(key=self._rows[kept_rows[i]].key, score=float(final[i]), similarity=float(similarity[i]),
                      bm25=float(bm25_array[i]))
            for i in order
        ]


def _ranks(scores: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """1-based rank of each entry by score, best first; ties go to the earlier row."""
    order = np.lexsort((rows, -scores))
    ranks = np.empty(len(scores), dtype=np.float64)
    ranks[order] = np.arange(1, len(scores) + 1)
    return ranks


def _rank_fusion(bm25: np.ndarray, similarity: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Reciprocal rank fusion of the two rankings, scaled so that first by both is 1.0."""
    fused = 1.0 / (RRF_K + _ranks(bm25, rows)) + 1.0 / (RRF_K + _ranks(similarity, rows))
    return (fused * (RRF_K + 1) / 2).astype(np.float32)


def same_claim_numbers(left: str, right: str) -> bool:
    """The numbers-must-agree rule on two raw texts (exposed for the UI and tests)."""
    return numbers_agree(extract_numbers(left), extract_numbers(right))
