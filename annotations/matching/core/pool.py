"""Stage 1 (recall) over a snapshot and a delta: the union of the top BM25 rows and the top dense rows.

The snapshot (core/snapshot.py) is the memory-mapped bulk of the index; the delta
(core/delta.py) holds in memory the rows changed since it was built, and the snapshot rows they
replace or delete are masked out (tombstones). The pool is what one index holding all the live rows
would give: the top `pool` rows by BM25 (both halves scored with the snapshot's statistics) and the
top `pool` rows by cosine (at DENSE_MIN_COSINE or more), each candidate with its raw BM25 score,
its cosine and its stated numbers: all stage 2 (scoring) needs.
"""
from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np

from annotations.matching.core.delta import Delta
from annotations.matching.core.snapshot import Snapshot

# A document no query word reaches enters by its embedding only at this cosine or more, so that
# unrelated texts never come back (BM25's "shares a term" has no dense equivalent).
DENSE_MIN_COSINE = 0.2


@dataclass(frozen=True)
class PoolEntry:
    key: Hashable
    bm25: float
    dense: float | None
    numbers: frozenset[float]
    order: tuple[int, int]  # (0, snapshot row) or (1, delta row): ties go to the earlier


def top_rows(scores: np.ndarray, k: int, *, masked: np.ndarray | None = None) -> np.ndarray:
    """Rows of the k best positive scores, best first (ties: the earlier row); masked rows never."""
    positive = np.flatnonzero(scores > 0)
    if masked is not None and masked.size and positive.size:
        positive = positive[~np.isin(positive, masked)]
    if positive.size > k:
        positive = positive[np.argpartition(-scores[positive], k - 1)[:k]]
    positive = np.sort(positive)
    return positive[np.argsort(-scores[positive], kind="stable")]


def gather(*, snapshot: Snapshot | None, delta: Delta, masked: np.ndarray, tokens: list[str],
           vector: np.ndarray | None, pool: int) -> list[PoolEntry]:
    """The candidate pool for a query's tokens and embedding (None: lexical only)."""
    sparse = snapshot.sparse if snapshot is not None else None
    # (bm25, source, row) for the BM25 pools of both halves, then the best `pool` of them.
    lexical: list[tuple[float, int, int]] = []
    snap_scores = None
    if snapshot is not None and len(snapshot):
        snap_scores = sparse.scores(tokens)
        lexical += [(float(snap_scores[row]), 0, int(row)) for row in top_rows(snap_scores, pool, masked=masked)]
    delta_scores = delta.bm25_scores(tokens, sparse)
    lexical += [(float(delta_scores[row]), 1, int(row)) for row in top_rows(delta_scores, pool)]
    lexical.sort(key=lambda item: (-item[0], item[1], item[2]))
    chosen = {(source, row) for _, source, row in lexical[:pool]}

    cosine: dict[tuple[int, int], float] = {}
    if vector is not None:
        dense: list[tuple[float, int, int]] = []
        if snapshot is not None and snapshot.vectors is not None:
            rows, cosines = snapshot.vectors.search(vector, pool + min(len(masked), pool))
            keep = ~np.isin(rows, masked) if masked.size else np.ones(len(rows), dtype=bool)
            dense += [(float(c), 0, int(r)) for r, c in zip(rows[keep], cosines[keep])]
        delta_cosines = delta.cosines(vector)
        if delta_cosines.size:
            for row in np.argsort(-delta_cosines, kind="stable")[:pool]:
                if delta.alive(int(row)):
                    dense.append((float(delta_cosines[row]), 1, int(row)))
        dense.sort(key=lambda item: (-item[0], item[1], item[2]))
        for value, source, row in dense[:pool]:
            cosine[(source, row)] = value
            if value >= DENSE_MIN_COSINE:
                chosen.add((source, row))
        # Cosines of the lexical candidates the dense search did not return.
        missing = sorted(row for source, row in chosen if source == 0 and (0, row) not in cosine)
        if missing and snapshot is not None and snapshot.vectors is not None:
            for row, value in zip(missing, snapshot.vectors.cosines(vector, np.asarray(missing))):
                cosine[(0, row)] = float(value)
        for source, row in chosen:
            if source == 1 and (1, row) not in cosine:
                cosine[(1, row)] = float(delta_cosines[row]) if row < delta_cosines.size else 0.0

    entries = []
    for source, row in sorted(chosen):
        if source == 0:
            key, numbers = int(snapshot.keys[row]), snapshot.numbers(row)
            bm25 = float(snap_scores[row]) if snap_scores is not None else 0.0
        else:
            key, numbers, bm25 = delta.key(row), delta.numbers(row), float(delta_scores[row])
        dense_value = cosine.get((source, row), 0.0) if vector is not None else None
        entries.append(PoolEntry(key=key, bm25=bm25, dense=dense_value, numbers=numbers, order=(source, row)))
    return entries
