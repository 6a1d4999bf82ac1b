"""The configured sentence embedder (VERIFY_MATCH_EMBEDDING_MODEL, core/dense.py), one per process."""
from __future__ import annotations

from django.conf import settings

from annotations.matching.core.dense import PACKAGED_MODEL, Embedder, embedder_for


def configured_embedder() -> Embedder | None:
    """The embedder of VERIFY_MATCH_EMBEDDING_MODEL ('' = lexical matching only); loads the model lazily."""
    return embedder_for(str(getattr(settings, "VERIFY_MATCH_EMBEDDING_MODEL", PACKAGED_MODEL) or ""),
                        onnx_dir=str(getattr(settings, "VERIFY_MATCH_ENCODER_DIR", "") or ""))


def configured_model() -> str:
    """The embedding model's version as stored on rows and snapshots ('' without an embedder)."""
    embedder = configured_embedder()
    return embedder.version if embedder is not None else ""
