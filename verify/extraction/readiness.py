"""Whether this process can extract at all: the spaCy pipeline and the check-worthiness scorer load.

A worker that cannot load them must not take articles (it would fail every one it took): the worker
checks at start (workers/tasks.py) and refuses to start, and `extraction_models_load` turns a load
failure inside a task into ExtractionUnavailable, which leaves the article alone.
"""
from pathlib import Path

from verify.errors import ExtractionUnavailable
from verify.extraction.nlp import configured_model_name, get_nlp
from verify.extraction.scoring import configured_model_dir, get_scorer


def extraction_models_load() -> None:
    """Load (or find loaded) the pipeline and the scorer; ExtractionUnavailable saying why if they fail."""
    try:
        get_nlp()
        get_scorer()
    except Exception as exc:  # spaCy, joblib, torch and the file system each raise their own types
        raise ExtractionUnavailable(f"This worker cannot load its extraction models: {exc}") from exc


def extraction_models_problem() -> str:
    """At a worker's start: "" when the spaCy pipeline loads (it is then shared with the worker's
    processes) and the scorer directory exists, else what is wrong, in a sentence."""
    model_dir = configured_model_dir()
    if model_dir and not Path(model_dir).is_dir():
        return (f"The check-worthiness model directory {model_dir!r} (VERIFY_CHECKWORTHINESS_MODEL) does not exist "
                "on this host.")
    try:
        get_nlp()
    except Exception as exc:
        return f"The spaCy pipeline {configured_model_name()!r} does not load: {exc}"
    return ""
