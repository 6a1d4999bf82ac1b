"""Character n-gram similarity (TF-IDF cosine over hashed 3-5-grams inside word boundaries).

Robust to rewording, inflection, spelling variants and hashtags glued together, which word tokens
miss. Features are hashed so the vocabulary never has to be fitted: documents can be added at any
time, and the document frequencies (for idf) are kept up to date as they are.
"""
from __future__ import annotations

from functools import cache

import numpy as np

from annotations.matching.core.text import char_text

N_FEATURES = 2**20


@cache
def _vectorizer():
    # scikit-learn takes about a second to import: every process that starts Django (management
    # commands, web workers that never match) would pay it through the app registry, so only the first
    # vectorisation does.
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), n_features=N_FEATURES, alternate_sign=False, norm=None,
        dtype=np.float32,
    )


def char_features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(feature ids, sublinear tf) of a text, ids sorted."""
    row = _vectorizer().transform([char_text(text)])
    row.sort_indices()
    return row.indices.astype(np.int32), (1.0 + np.log(row.data)).astype(np.float32)


def char_features_many(texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """char_features for many texts in one vectoriser call."""
    if not texts:
        return []
    matrix = _vectorizer().transform([char_text(text) for text in texts]).tocsr()
    matrix.sort_indices()
    out = []
    for row in range(matrix.shape[0]):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        out.append((matrix.indices[start:end].astype(np.int32),
                    (1.0 + np.log(matrix.data[start:end])).astype(np.float32)))
    return out


class CharSimilarity:
    """Document frequencies of the indexed texts, and cosine similarity with idf weights."""

    def __init__(self) -> None:
        self.df = np.zeros(N_FEATURES, dtype=np.int32)
        self.n_docs = 0

    def add(self, features: tuple[np.ndarray, np.ndarray]) -> None:
        self.df[features[0]] += 1
        self.n_docs += 1

    def remove(self, features: tuple[np.ndarray, np.ndarray]) -> None:
        self.df[features[0]] -= 1
        self.n_docs -= 1

    def _idf(self, ids: np.ndarray) -> np.ndarray:
        n = max(self.n_docs, 1)
        return (np.log((1 + n) / (1 + self.df[ids])) + 1.0).astype(np.float32)

    def cosines(self, query: tuple[np.ndarray, np.ndarray], docs: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        """Cosine between the query and each document, idf-weighted, in [0, 1]."""
        if not docs or query[0].size == 0:
            return np.zeros(len(docs), dtype=np.float32)
        q_ids, q_tf = query
        q_weight = q_tf * self._idf(q_ids)
        q_norm = float(np.linalg.norm(q_weight)) or 1.0
        lengths = np.fromiter((d[0].size for d in docs), dtype=np.int64, count=len(docs))
        all_ids = np.concatenate([d[0] for d in docs])
        all_tf = np.concatenate([d[1] for d in docs])
        weights = all_tf * self._idf(all_ids)
        # Position of each document feature in the (sorted) query features, to find the shared ones.
        positions = np.searchsorted(q_ids, all_ids)
        positions[positions >= q_ids.size] = 0
        shared = q_ids[positions] == all_ids
        products = np.where(shared, weights * q_weight[positions], 0.0)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        nonempty = lengths > 0
        dots = np.zeros(len(docs), dtype=np.float64)
        norms = np.ones(len(docs), dtype=np.float64)
        if nonempty.any():
            dots[nonempty] = np.add.reduceat(products, starts[nonempty])
            norms[nonempty] = np.sqrt(np.add.reduceat(weights.astype(np.float64) ** 2, starts[nonempty]))
        return np.clip(dots / (norms * q_norm), 0.0, 1.0).astype(np.float32)
