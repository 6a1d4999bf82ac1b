"""The lexical half of a snapshot: BM25 as bm25s's sparse term x row matrix, memory-mapped.

bm25s precomputes each (term, row) BM25 weight into a CSC matrix saved as .npy arrays; opened with
mmap every process of a machine shares them, and a query's scores are the sum of its terms' columns.
Scores are on the scale of core/bm25.py (Lucene idf, k1 0.9, b 0.4, times k1 + 1, which bm25s's
"lucene" variant leaves out), so calibration made on either holds for both.

Rows indexed after the snapshot (the delta) are scored with the snapshot's statistics
(`row_scores`): the same idf and average length, so a delta row and a snapshot row of the same
text score alike.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from pathlib import Path

import numpy as np

STATS_FILE = "stats.json"
# The vocabulary as sorted 64-bit term hashes and their column ids (.npy, memory-mapped): bm25s's own
# vocab.index.json would be a dict of every term in each process (~10^5-10^6 terms at 10^6 rows).
VOCAB_HASHES = "vocab_hashes.npy"
VOCAB_IDS = "vocab_ids.npy"


def term_hash(term: str) -> int:
    return int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "little")


class SparseStore:
    def __init__(self, retriever, *, avg_length: float, hashes: np.ndarray, ids: np.ndarray) -> None:
        self._retriever = retriever
        self.k1 = float(retriever.k1)
        self.b = float(retriever.b)
        self.avg_length = avg_length or 1.0
        self.n_rows = int(retriever.scores["num_docs"])
        self._hashes = hashes
        self._ids = ids
        self._indptr = retriever.scores["indptr"]

    @staticmethod
    def build(tokens: list[list[str]], directory: Path, *, k1: float, b: float) -> None:
        """Write the BM25 matrix of the rows' tokens (row i = tokens[i]) into `directory`."""
        import bm25s  # heavy (scipy): only processes that build or open a snapshot pay for it

        directory.mkdir(parents=True, exist_ok=True)
        retriever = bm25s.BM25(k1=k1, b=b, method="lucene")
        # bm25s cannot index zero rows; a one-row placeholder keeps an empty snapshot valid (n_rows says 0).
        retriever.index(tokens or [[]], show_progress=False)
        retriever.save(str(directory))
        vocab = retriever.vocab_dict
        hashes = np.fromiter((term_hash(term) for term in vocab), dtype=np.uint64, count=len(vocab))
        ids = np.fromiter(vocab.values(), dtype=np.int64, count=len(vocab))
        order = np.argsort(hashes, kind="stable")
        if len(hashes) > 1 and (np.diff(hashes[order]) == 0).any():
            raise ValueError("Two index terms share a 64-bit hash.")
        np.save(directory / VOCAB_HASHES, hashes[order])
        np.save(directory / VOCAB_IDS, ids[order])
        average = sum(len(row) for row in tokens) / len(tokens) if tokens else 1.0
        (directory / STATS_FILE).write_text(json.dumps({"avg_length": average, "rows": len(tokens)}))

    @classmethod
    def open(cls, directory: Path) -> SparseStore:
        import bm25s  # heavy (scipy): only processes that build or open a snapshot pay for it

        retriever = bm25s.BM25.load(str(directory), mmap=True, load_vocab=False, show_progress=False)
        stats = json.loads((directory / STATS_FILE).read_text())
        for name in ("data", "indices", "indptr"):  # plain views: numpy's memmap subclass is slow to index
            retriever.scores[name] = np.asarray(retriever.scores[name])
        store = cls(retriever, avg_length=stats["avg_length"],
                    hashes=np.asarray(np.load(directory / VOCAB_HASHES, mmap_mode="r")),
                    ids=np.asarray(np.load(directory / VOCAB_IDS, mmap_mode="r")))
        store.n_rows = int(stats["rows"])
        return store

    def _term_id(self, term: str) -> int | None:
        if not term or not len(self._hashes):
            return None
        wanted = np.uint64(term_hash(term))
        position = int(np.searchsorted(self._hashes, wanted))
        if position < len(self._hashes) and self._hashes[position] == wanted:
            return int(self._ids[position])
        return None

    def _term_ids(self, tokens: list[str]) -> list[int]:
        return sorted({term_id for term_id in map(self._term_id, set(tokens)) if term_id is not None})

    def scores(self, tokens: list[str]) -> np.ndarray:
        """The BM25 score of every row for the query (each distinct query term counted once)."""
        ids = self._term_ids(tokens)
        if not ids or not self.n_rows:
            return np.zeros(self.n_rows, dtype=np.float32)
        scores = self._retriever.get_scores_from_ids(ids)[:self.n_rows]
        return (np.asarray(scores, dtype=np.float32) * (self.k1 + 1)).astype(np.float32)

    def idf(self, term: str) -> float:
        term_id = self._term_id(term)
        df = 0 if term_id is None or not self.n_rows else int(self._indptr[term_id + 1] - self._indptr[term_id])
        n = max(self.n_rows, 1)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def row_scores(self, query: list[str], rows: list[list[str]]) -> np.ndarray:
        """BM25 of rows outside the snapshot, with the snapshot's idf and average length."""
        terms = set(query)
        idf = {term: self.idf(term) for term in terms}
        out = np.zeros(len(rows), dtype=np.float32)
        for position, tokens in enumerate(rows):
            counts = Counter(token for token in tokens if token in terms)
            if not counts:
                continue
            norm = self.k1 * (1 - self.b + self.b * len(tokens) / self.avg_length)
            out[position] = sum(idf[term] * tf * (self.k1 + 1) / (tf + norm) for term, tf in counts.items())
        return out
