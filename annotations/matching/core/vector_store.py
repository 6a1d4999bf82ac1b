"""The dense half of a snapshot: a usearch HNSW index of the rows' embeddings, memory-mapped.

Built once per snapshot (keys are row numbers 0..n-1), saved to one file and opened with
`view=True`: the file is mmap'ed read-only, so every process of a machine shares its pages and
opening it costs nothing. Vectors are stored quantised (i8 by default: a quarter of float32; f16
halves it) and the metric is the cosine, so a search returns rows with their cosine to the query.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

DEFAULT_DTYPE = "i8"
CONNECTIVITY = 16
EXPANSION_ADD = 64
# At least the pool asked for; more costs time, fewer loses recall of the approximate search.
EXPANSION_SEARCH = 256


def _index_class():
    """usearch's Index, imported where used (processes that never open a snapshot skip it). onnxruntime
    (core/onnx_encoder.py) must be loaded before usearch's compiled module in a process: the other order
    crashes inside onnxruntime's import (usearch 2.26.6, onnxruntime 1.31.1), so it is loaded first here."""
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        pass
    from usearch.index import Index

    return Index


class VectorStore:
    def __init__(self, index) -> None:
        self._index = index

    @staticmethod
    def build(vectors: np.ndarray, path: Path, *, dtype: str = DEFAULT_DTYPE, threads: int = 0,
              chunk: int = 50_000, progress=None) -> None:
        """Write the index of `vectors` (row i = key i) to `path`."""
        vectors = np.asarray(vectors, dtype=np.float32)
        index = _index_class()(ndim=vectors.shape[1], metric="cos", dtype=dtype, connectivity=CONNECTIVITY,
                      expansion_add=EXPANSION_ADD)
        for start in range(0, len(vectors), chunk):
            block = vectors[start:start + chunk]
            index.add(np.arange(start, start + len(block), dtype=np.uint64), block, threads=threads)
            if progress is not None:
                progress(start + len(block))
        index.save(str(path))

    @classmethod
    def open(cls, path: Path) -> VectorStore:
        index = _index_class().restore(str(path), view=True)
        index.expansion_search = EXPANSION_SEARCH
        return cls(index)

    def __len__(self) -> int:
        return len(self._index)

    @property
    def ndim(self) -> int:
        return int(self._index.ndim)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the (approximately) k nearest vectors and their cosines to `query`, best first."""
        if k <= 0 or not len(self._index):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        matches = self._index.search(np.asarray(query, dtype=np.float32), min(k, len(self._index)))
        return matches.keys.astype(np.int64), (1.0 - matches.distances).astype(np.float32)

    def cosines(self, query: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The cosine of each given row's stored (quantised) vector with `query`."""
        if not len(rows):
            return np.zeros(0, dtype=np.float32)
        stored = self._index.get(np.asarray(rows, dtype=np.uint64), dtype=np.float32)
        matrix = np.stack(stored) if isinstance(stored, tuple) else np.atleast_2d(stored)
        norms = np.linalg.norm(matrix, axis=1)
        norms[norms == 0] = 1.0
        return (matrix @ np.asarray(query, dtype=np.float32) / norms).astype(np.float32)
