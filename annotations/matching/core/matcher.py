"""The matcher: BM25 and a sentence embedding find candidates, a calibrated model scores them, numbers must agree.

Stage 1 (recall): the union of the top `pool` rows by BM25 over the claim text and its title (for
fact-checks; k1 0.9, b 0.4: Anserini's defaults for short passages, a standard choice rather than a
fit) and, when an embedder is configured (core/dense.py, MiniLM by default), the top `pool` rows by
cosine of the normalised embeddings over the whole index (a dot product: ~16 ms at 10^5 x 384).
Stage 2 (precision): each candidate's raw BM25 and embedding cosine go through the calibration of
the embedding model (core/scoring.py): a logistic regression fitted on labelled pairs, whose output
is the probability that the candidate is the same claim. It ranks (a fitted interpolation of the
cosine and BM25 relative to the pool's best) and it is what the auto/suggest thresholds compare.
Hard rule: a candidate whose stated numbers disagree with the query's is dropped, whatever its
score ("11,000 troops" is not "12,000 troops").
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import numpy as np

from annotations.matching.core.bm25 import BM25Index
from annotations.matching.core.charsim import CharSimilarity, char_features, char_features_many
from annotations.matching.core.dense import Embedder
from annotations.matching.core.numbers import extract_numbers, numbers_agree
from annotations.matching.core.scoring import Calibration, calibration_for
from annotations.matching.core.text import tokenize

DEFAULT_POOL = 200
BM25_K1 = 0.9
BM25_B = 0.4
# A document no query word reaches enters by its embedding only at this cosine or more, so that
# unrelated texts never come back (BM25's "shares a term" has no dense equivalent). MiniLM puts
# unrelated sentences at ~0-0.2; on the dev tweets 0.2 costs nothing (0.875), 0.3 already 0.004.
DENSE_MIN_COSINE = 0.2


@dataclass(frozen=True)
class Document:
    key: Hashable
    text: str
    title: str = ""  # extra matching text (a fact-check's headline); numbers are read from `text`


@dataclass(frozen=True)
class Candidate:
    key: Hashable
    score: float  # in [0, 1]: the calibrated probability that this is the same claim (thresholds use it)
    bm25: float
    dense: float | None = None  # the embedding cosine; None without an embedder


@dataclass
class _Row:
    key: Hashable
    chars: tuple[np.ndarray, np.ndarray]
    numbers: frozenset[float]
    tokens: list[str] = field(repr=False, default_factory=list)


class Matcher:
    def __init__(self, *, pool: int = DEFAULT_POOL, embedder: Embedder | None = None,
                 calibration: Calibration | None = None) -> None:
        self.pool = pool
        self.embedder = embedder
        # The embedding model's own calibration (calibration.json beside it), else the packaged MiniLM's.
        self.calibration = calibration or calibration_for(embedder.version if embedder else "")
        self._bm25 = BM25Index(k1=BM25_K1, b=BM25_B)
        self._chars = CharSimilarity()
        self._rows: list[_Row | None] = []
        self._row_of: dict[Hashable, int] = {}
        # Embeddings by row (grown by doubling); dead rows are masked out of the dense search.
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._live = np.zeros(0, dtype=bool)

    def __len__(self) -> int:
        return len(self._row_of)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._row_of

    def add(self, document: Document, *, tokens: list[str] | None = None,
            chars: tuple[np.ndarray, np.ndarray] | None = None, vector: np.ndarray | None = None) -> None:
        """Index a document; re-adding a key replaces its earlier text. `vector`: its stored embedding."""
        self.remove(document.key)
        combined = f"{document.text} {document.title}".strip()
        tokens = tokenize(combined) if tokens is None else tokens
        chars = char_features(combined) if chars is None else chars
        if self.embedder is not None and vector is None:
            vector = self.embedder.encode([combined])[0]
        row = _Row(key=document.key, chars=chars, numbers=extract_numbers(document.text))
        index = self._bm25.add(tokens)
        assert index == len(self._rows)
        self._rows.append(row)
        self._row_of[document.key] = index
        self._chars.add(row.chars)
        if self.embedder is not None:
            self._store_vector(index, vector)

    def add_many(self, documents: Iterable[Document], *, tokens: list[list[str] | None] | None = None,
                 vectors: list[np.ndarray | None] | None = None) -> None:
        """Index many documents (character features and missing embeddings are computed in one batch)."""
        documents = list(documents)
        combined = [f"{d.text} {d.title}".strip() for d in documents]
        features = char_features_many(combined)
        vectors = list(vectors) if vectors else [None] * len(documents)
        if self.embedder is not None:
            missing = [position for position, vector in enumerate(vectors) if vector is None]
            if missing:
                for position, vector in zip(missing, self.embedder.encode([combined[p] for p in missing])):
                    vectors[position] = vector
        for position, document in enumerate(documents):
            self.add(document, tokens=tokens[position] if tokens else None, chars=features[position],
                     vector=vectors[position])

    def _store_vector(self, index: int, vector: np.ndarray) -> None:
        vector = np.asarray(vector, dtype=np.float32).ravel()
        if self._vectors.shape[1] != vector.size:
            if self._live.any():
                raise ValueError(f"Embedding size {vector.size} differs from the index's {self._vectors.shape[1]}.")
            self._vectors = np.zeros((max(len(self._live), 1024), vector.size), dtype=np.float32)
        if index >= len(self._vectors):
            grown = np.zeros((max(index + 1, 2 * len(self._vectors)), vector.size), dtype=np.float32)
            grown[:len(self._vectors)] = self._vectors
            self._vectors = grown
        if index >= len(self._live):
            live = np.zeros(len(self._vectors), dtype=bool)
            live[:len(self._live)] = self._live
            self._live = live
        self._vectors[index] = vector
        self._live[index] = True

    def remove(self, key: Hashable) -> None:
        index = self._row_of.pop(key, None)
        if index is None:
            return
        row = self._rows[index]
        self._rows[index] = None
        self._bm25.remove(index)
        if row is not None:
            self._chars.remove(row.chars)
        if index < len(self._live):
            self._live[index] = False

    def _dense_top(self, query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Cosine of every row with the query, and the rows of the `pool` best live ones."""
        n_rows = len(self._rows)
        cosines = self._vectors[:n_rows] @ query if n_rows and self._vectors.shape[1] == query.size \
            else np.zeros(n_rows, dtype=np.float32)
        masked = np.where(self._live[:n_rows], cosines, -np.inf)
        live_count = int(self._live[:n_rows].sum())
        k = min(self.pool, live_count)
        if k == 0:
            return cosines, np.zeros(0, dtype=np.int64)
        best = np.argpartition(-masked, k - 1)[:k] if k < n_rows else np.flatnonzero(self._live[:n_rows])
        return cosines, best[masked[best] >= DENSE_MIN_COSINE]

    def search(self, text: str, *, limit: int = 10, exclude: Iterable[Hashable] = (),
               allow=None, numbers_must_agree: bool = True) -> list[Candidate]:
        """The best `limit` documents for `text`, best first; `allow(key)` may veto candidates.

        numbers_must_agree=False lifts the hard rule, only to tell a reader that texts alike were
        left out for their numbers."""
        tokens = tokenize(text)
        all_bm25 = self._bm25.scores(tokens)
        rows = _top_positive(all_bm25, self.pool)
        cosines = None
        if self.embedder is not None and self._rows:
            cosines, dense_rows = self._dense_top(self.embedder.encode([text])[0])
            rows = np.union1d(rows, dense_rows)  # sorted, so ties below go to the earlier row
        if rows.size == 0:
            return []
        excluded = set(exclude)
        query_numbers = extract_numbers(text)
        kept_rows = []
        for index in rows.tolist():
            row = self._rows[index]
            if row is None or row.key in excluded:
                continue
            if numbers_must_agree and not numbers_agree(query_numbers, row.numbers):
                continue  # the hard rule: disagreeing numbers are never the same claim
            if allow is not None and not allow(row.key):
                continue
            kept_rows.append(index)
        if not kept_rows:
            return []
        kept = np.asarray(kept_rows)
        bm25_array = all_bm25[kept].astype(np.float32)
        dense = None if cosines is None else cosines[kept].astype(np.float32)
        final = self.calibration.probabilities(bm25=bm25_array, dense=dense)
        # Stable sort over rows in index order: ties go to the earlier document.
        order = np.lexsort((kept, -final))[:limit]
        return [
            Candidate(key=self._rows[kept_rows[i]].key, score=float(final[i]), bm25=float(bm25_array[i]),
                      dense=None if dense is None else float(dense[i]))
            for i in order
        ]


def _top_positive(scores: np.ndarray, k: int) -> np.ndarray:
    """Rows of the k best positive scores (the BM25 pool), sorted by row."""
    positive = np.flatnonzero(scores > 0)
    if positive.size > k:
        # Ties at the cut go to the earliest row (the older fact-check), as in BM25Index.top.
        order = positive[np.argsort(-scores[positive], kind="stable")]
        positive = np.sort(order[:k])
    return positive
