"""The matcher: BM25 and a sentence embedding find candidates, stage 2 scores them, numbers are compared.

Where the rows live: a memory-mapped snapshot (core/snapshot.py: usearch vectors and bm25s
matrix, shared by every process of a machine) plus an in-memory delta (core/delta.py) of the rows
added since; a row re-added or removed masks its snapshot copy. Without a snapshot every row is in
the delta, which is then an ordinary in-memory index (tests, evaluation, small installations).
Stage 1 (recall, core/pool.py): the union of the top `pool` rows by BM25 over the claim text and
its title (for fact-checks; k1 0.9, b 0.4: Anserini's defaults for short passages) and, when an
embedder is configured (core/dense.py, MiniLM by default), the top `pool` rows by embedding cosine.
Stage 2 (precision): each candidate's raw BM25 and embedding cosine go through the calibration of
the embedding model (core/scoring.py): a logistic regression fitted on labelled pairs, whose output
is the probability that the candidate is the same claim. It ranks (a fitted interpolation of the
cosine and BM25 relative to the pool's best) and it is what the auto/suggest thresholds compare.
The numbers rule: a candidate whose stated numbers disagree with the query's is never the same claim
("11,000 troops" is not "12,000 troops"), so it comes back marked `numbers_agree=False` and the desk
never links it automatically nor copies its verdict unconfirmed. It is still listed: an earlier check
of the same story with another figure ("$3.6M" against "$4 million") is what a reviewer most needs to
see, and CLEF's labelled pairs say so (the hard drop hid the right fact-check for 26 of the 800 train
tweets and 4 of the 197 dev tweets). `numbers_must_agree=True` leaves such candidates out.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np

from annotations.matching.core.delta import BM25_B, BM25_K1, Delta
from annotations.matching.core.dense import Embedder
from annotations.matching.core.numbers import extract_numbers, numbers_agree
from annotations.matching.core.pool import DENSE_MIN_COSINE, gather
from annotations.matching.core.scoring import Calibration, calibration_for
from annotations.matching.core.snapshot import Snapshot
from annotations.matching.core.text import tokenize

DEFAULT_POOL = 200
__all__ = ["BM25_B", "BM25_K1", "DEFAULT_POOL", "DENSE_MIN_COSINE", "Candidate", "Document", "Matcher"]


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
    numbers_agree: bool = True  # False: it states other numbers than the query, so it is not the same claim


class Matcher:
    def __init__(self, *, pool: int = DEFAULT_POOL, embedder: Embedder | None = None,
                 snapshot: Snapshot | None = None, calibration: Calibration | None = None) -> None:
        self.pool = pool
        self.embedder = embedder
        self.snapshot = snapshot
        # The embedding model's own calibration (calibration.json beside it), else the packaged MiniLM's.
        self.calibration = calibration or calibration_for(embedder.version if embedder else "")
        self._delta = Delta()
        self._masked: set[int] = set()  # snapshot rows replaced or deleted since it was built
        self._masked_array = np.zeros(0, dtype=np.int64)

    def __len__(self) -> int:
        snapshot_rows = len(self.snapshot) - len(self._masked) if self.snapshot is not None else 0
        return snapshot_rows + len(self._delta)

    def __contains__(self, key: Hashable) -> bool:
        if key in self._delta:
            return True
        return self.snapshot is not None and bool(self._snapshot_rows([key]).keys() - self._masked)

    @property
    def delta_rows(self) -> int:
        """Rows held in memory (removed ones included) until the next snapshot."""
        return self._delta.rows

    @property
    def masked_rows(self) -> int:
        return len(self._masked)

    def _snapshot_rows(self, keys: list[Hashable]) -> dict[int, Hashable]:
        return {row: key for key, row in self.snapshot.rows_of(keys).items()} if self.snapshot is not None else {}

    def _mask(self, keys: list[Hashable]) -> None:
        rows = set(self._snapshot_rows(keys)) - self._masked
        if rows:
            self._masked |= rows
            self._masked_array = np.fromiter(sorted(self._masked), dtype=np.int64)

    def add_row(self, key: Hashable, *, tokens: list[str], numbers: frozenset[float],
                vector: np.ndarray | None = None) -> None:
        """Index one prepared row (tokens, numbers, embedding); it replaces any earlier version of the key."""
        self._mask([key])
        self._delta.add(key, tokens=tokens, numbers=numbers, vector=vector if self.embedder is not None else None)

    def add(self, document: Document, *, tokens: list[str] | None = None, vector: np.ndarray | None = None) -> None:
        """Index a document; re-adding a key replaces its earlier text. `vector`: its stored embedding."""
        self.add_many([document], tokens=[tokens], vectors=[vector])

    def add_many(self, documents: Iterable[Document], *, tokens: list[list[str] | None] | None = None,
                 vectors: list[np.ndarray | None] | None = None) -> None:
        """Index many documents (missing embeddings are computed in one batch)."""
        documents = list(documents)
        combined = [f"{d.text} {d.title}".strip() for d in documents]
        vectors = list(vectors) if vectors else [None] * len(documents)
        if self.embedder is not None:
            missing = [position for position, vector in enumerate(vectors) if vector is None]
            if missing:
                for position, vector in zip(missing, self.embedder.encode([combined[p] for p in missing])):
                    vectors[position] = vector
        self._mask([document.key for document in documents])
        for position, document in enumerate(documents):
            row_tokens = tokens[position] if tokens and tokens[position] is not None else tokenize(combined[position])
            self._delta.add(document.key, tokens=row_tokens, numbers=extract_numbers(document.text),
                            vector=vectors[position])

    def remove(self, key: Hashable) -> None:
        self._delta.remove(key)
        self._mask([key])

    def search(self, text: str, *, limit: int = 10, exclude: Iterable[Hashable] = (),
               allow=None, numbers_must_agree: bool = False) -> list[Candidate]:
        """The best `limit` documents for `text`, best first; `allow(key)` may veto candidates.

        Candidates stating other numbers than `text` are marked numbers_agree=False, or left out
        with numbers_must_agree=True."""
        if not len(self):
            return []
        vector = self.embedder.encode([text])[0] if self.embedder is not None else None
        entries = gather(snapshot=self.snapshot, delta=self._delta, masked=self._masked_array,
                         tokens=tokenize(text), vector=vector, pool=self.pool)
        excluded = set(exclude)
        query_numbers = extract_numbers(text)
        agree = {entry.key: numbers_agree(query_numbers, entry.numbers) for entry in entries}
        kept = [entry for entry in entries
                if entry.key not in excluded
                and (agree[entry.key] or not numbers_must_agree)
                and (allow is None or allow(entry.key))]
        if not kept:
            return []
        bm25 = np.asarray([entry.bm25 for entry in kept], dtype=np.float32)
        dense = None if vector is None else np.asarray([entry.dense for entry in kept], dtype=np.float32)
        place = np.asarray([source * (1 << 40) + row for source, row in (entry.order for entry in kept)])
        differ = np.asarray([not agree[entry.key] for entry in kept], dtype=np.float64)
        final = self.calibration.probabilities(bm25=bm25, dense=dense, numbers_differ=differ)
        order = np.lexsort((place, -final))[:limit]  # ties go to the earlier row
        return [Candidate(key=kept[i].key, score=float(final[i]), bm25=float(bm25[i]),
                          dense=None if dense is None else float(dense[i]), numbers_agree=agree[kept[i].key])
                for i in order]
