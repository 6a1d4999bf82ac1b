"""A small BM25 index: postings per term as numpy arrays, scores accumulated with bincount.

Documents are appended (never rewritten in place): `add` returns the internal row number, and
`remove` tombstones a row so an edited document can be re-added. Statistics (idf, average length)
follow the live rows. Built for ~10^5 short documents: a query touches only its terms' postings.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

import numpy as np


class BM25Index:
    def __init__(self, *, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self._postings: dict[str, tuple[list[int], list[int]]] = {}
        self._frozen: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._lengths: list[int] = []
        self._alive: list[bool] = []
        self._total_length = 0
        self._live_count = 0
        self._length_array: np.ndarray | None = None
        self._alive_array: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self._lengths)

    @property
    def live_count(self) -> int:
        return self._live_count

    def add(self, tokens: list[str]) -> int:
        row = len(self._lengths)
        for term, count in Counter(tokens).items():
            rows, counts = self._postings.setdefault(term, ([], []))
            rows.append(row)
            counts.append(count)
            self._frozen.pop(term, None)
        self._lengths.append(len(tokens))
        self._alive.append(True)
        self._total_length += len(tokens)
        self._live_count += 1
        self._length_array = None
        self._alive_array = None
        return row

    def remove(self, row: int) -> None:
        if self._alive[row]:
            self._alive[row] = False
            self._total_length -= self._lengths[row]
            self._live_count -= 1
            self._alive_array = None
            self._length_array = None  # the average length changed

    def _posting(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        frozen = self._frozen.get(term)
        if frozen is None:
            raw = self._postings.get(term)
            if raw is None:
                return None
            frozen = (np.asarray(raw[0], dtype=np.int64), np.asarray(raw[1], dtype=np.float32))
            self._frozen[term] = frozen
        return frozen

    def idf(self, term: str) -> float:
        posting = self._posting(term)
        df = 0 if posting is None else len(posting[0])
        n = max(self._live_count, 1)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def scores(self, tokens: list[str], *, idf: Callable[[str], float] | None = None,
               avg_length: float | None = None) -> np.ndarray:
        """BM25 score of every row for the query (dead rows score 0).

        `idf` and `avg_length` replace this index's own statistics (a delta scored as part of a
        larger snapshot: core/delta.py)."""
        n_rows = len(self._lengths)
        total = np.zeros(n_rows, dtype=np.float32)
        if not n_rows:
            return total
        if self._length_array is None:
            self._length_array = np.asarray(self._lengths, dtype=np.float32)
            avg = self._total_length / max(self._live_count, 1) or 1.0
            self._norm = (self.k1 * (1 - self.b + self.b * self._length_array / avg)).astype(np.float32)
        norm = self._norm
        if avg_length is not None:
            norm = (self.k1 * (1 - self.b + self.b * self._length_array / (avg_length or 1.0))).astype(np.float32)
        idf = idf or self.idf
        all_rows, all_weights = [], []
        for term in set(tokens):
            posting = self._posting(term)
            if posting is None:
                continue
            rows, tf = posting
            all_rows.append(rows)
            all_weights.append(idf(term) * tf * (self.k1 + 1) / (tf + norm[rows]))
        if all_rows:
            # One bincount over all the query's postings: one pass instead of one per term.
            total = np.bincount(np.concatenate(all_rows), weights=np.concatenate(all_weights),
                                minlength=n_rows).astype(np.float32)
        if self._live_count != n_rows:
            if self._alive_array is None:
                self._alive_array = np.asarray(self._alive, dtype=bool)
            total[~self._alive_array] = 0.0
        return total

    def top(self, tokens: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """Row numbers and scores of the k best rows with a positive score, best first."""
        scores = self.scores(tokens)
        positive = np.flatnonzero(scores > 0)
        if positive.size == 0:
            return positive, scores[positive]
        if positive.size > k:
            best = positive[np.argpartition(-scores[positive], k - 1)[:k]]
        else:
            best = positive
        # Ties go to the earliest row (the older fact-check), whatever order argpartition left.
        best = np.sort(best)
        order = best[np.argsort(-scores[best], kind="stable")]
        return order, scores[order]
