"""The in-memory part of the index: rows changed since the snapshot was built (or every row, without one).

Small by design (the rebuild folds it into the next snapshot), so it lives in each process: a row
added here is searchable at once. BM25 postings are core/bm25.py's; scores use the snapshot's
statistics when there is one (core/sparse_store.py `idf`, `avg_length`) so that a delta row and a
snapshot row compare, and the delta's own otherwise. Embeddings are a float32 matrix searched exactly.
"""
from __future__ import annotations

from collections.abc import Hashable

import numpy as np

from annotations.matching.core.bm25 import BM25Index
from annotations.matching.core.sparse_store import SparseStore

BM25_K1 = 0.9
BM25_B = 0.4


class Delta:
    def __init__(self) -> None:
        self._bm25 = BM25Index(k1=BM25_K1, b=BM25_B)
        self._keys: list[Hashable | None] = []
        self._numbers: list[frozenset[float]] = []
        self._row_of: dict[Hashable, int] = {}
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._live = np.zeros(0, dtype=bool)

    def __len__(self) -> int:
        return len(self._row_of)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._row_of

    @property
    def rows(self) -> int:
        """Rows ever added (removed ones included): what the delta costs until the next rebuild."""
        return len(self._keys)

    def add(self, key: Hashable, *, tokens: list[str], numbers: frozenset[float],
            vector: np.ndarray | None = None) -> None:
        """Index a row; re-adding a key replaces it."""
        self.remove(key)
        row = self._bm25.add(tokens)
        self._keys.append(key)
        self._numbers.append(numbers)
        self._row_of[key] = row
        self._grow(row + 1)
        self._live[row] = True
        if vector is not None:
            vector = np.asarray(vector, dtype=np.float32).ravel()
            if self._vectors.shape[1] != vector.size:
                if self._vectors.shape[1] and self._live[:row].any():
                    raise ValueError(f"Embedding size {vector.size} differs from the delta's {self._vectors.shape[1]}.")
                self._vectors = np.zeros((len(self._live), vector.size), dtype=np.float32)
            self._vectors[row] = vector

    def _grow(self, size: int) -> None:
        if size <= len(self._live):
            return
        capacity = max(size, 2 * len(self._live), 64)
        live = np.zeros(capacity, dtype=bool)
        live[:len(self._live)] = self._live
        self._live = live
        if self._vectors.shape[1]:
            vectors = np.zeros((capacity, self._vectors.shape[1]), dtype=np.float32)
            vectors[:len(self._vectors)] = self._vectors
            self._vectors = vectors
        else:
            self._vectors = np.zeros((capacity, 0), dtype=np.float32)

    def remove(self, key: Hashable) -> None:
        row = self._row_of.pop(key, None)
        if row is not None:
            self._bm25.remove(row)
            self._keys[row] = None
            self._live[row] = False

    def alive(self, row: int) -> bool:
        return bool(self._live[row])

    def key(self, row: int) -> Hashable:
        return self._keys[row]

    def numbers(self, row: int) -> frozenset[float]:
        return self._numbers[row]

    def bm25_scores(self, tokens: list[str], sparse: SparseStore | None) -> np.ndarray:
        """BM25 of every delta row (dead rows 0), with the snapshot's statistics when given."""
        if sparse is None or not sparse.n_rows:
            return self._bm25.scores(tokens)
        return self._bm25.scores(tokens, idf=sparse.idf, avg_length=sparse.avg_length)

    def cosines(self, query: np.ndarray) -> np.ndarray:
        """Cosine of every delta row with the query (dead rows and rows without a vector: -1)."""
        n_rows = len(self._keys)
        query = np.asarray(query, dtype=np.float32).ravel()
        if not n_rows or self._vectors.shape[1] != query.size:
            return np.full(n_rows, -1.0, dtype=np.float32)
        return np.where(self._live[:n_rows], self._vectors[:n_rows] @ query, -1.0).astype(np.float32)
