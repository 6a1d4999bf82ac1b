"""The cascade kind: the accurate model's quality at a fraction of its cost.

A cheap scorer (the built-in rules by default) scores every sentence; only those whose cheap score lies
in the uncertain band [low, high] are sent to the accurate model, whose score they then carry. Outside
the band the cheap score is kept as it is, so the decision at the 0.5 cut-off there is the cheap
scorer's. The band was chosen on out-of-fold scores of train and on dev (bench/cascade_band.py).

Stored as a meta.json alone ("model_kind": "cascade", written by `manage.py make_cascade`): the band,
the accurate model's directory (relative paths are read from the cascade's own directory) and optionally
a cheap model directory ("" is the built-in). VERIFY_CHECKWORTHINESS_MODEL points at it like any kind.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable

from spacy.tokens import Span

from verify.extraction.rule_scorer import RuleScorer

MODEL_KIND = "cascade"
FORMAT_VERSION = 1
META_FILE = "meta.json"


class CascadeScorer:
    name = "cascade"

    def __init__(self, *, cheap, accurate, low: float, high: float, meta: dict[str, Any] | None = None) -> None:
        _check_band(low, high)
        self.cheap = cheap
        self.accurate = accurate
        self.low = low
        self.high = high
        self.threshold = 0.5
        self.meta = meta or {}
        # Sentences scored, and how many of them the accurate model saw (benchmarks read these).
        self.scored = 0
        self.routed = 0

    def in_band(self, score: float) -> bool:
        return self.low <= score <= self.high

    def score(self, sentences: list[Span]) -> list[float]:
        if not sentences:
            return []
        scores = [float(s) for s in self.cheap.score(sentences)]
        uncertain = [index for index, score in enumerate(scores) if self.in_band(score)]
        if uncertain:
            for index, score in zip(uncertain, self.accurate.score([sentences[i] for i in uncertain])):
                scores[index] = float(score)
        self.scored += len(sentences)
        self.routed += len(uncertain)
        return scores

    @classmethod
    def load(cls, directory: str | Path, *, load_model: Callable[[Path], Any]) -> "CascadeScorer":
        """`load_model` opens the member directories (trained_scorer.load_model_dir: any stored kind)."""
        path = Path(directory)
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
        if not meta.get("accurate_model"):
            raise FileNotFoundError(f"The cascade in {path} names no accurate_model directory.")
        low, high = (float(value) for value in meta["band"])
        cheap_model = meta.get("cheap_model") or ""
        cheap = load_model(member_path(path, cheap_model)) if cheap_model else RuleScorer()
        return cls(cheap=cheap, accurate=load_model(member_path(path, meta["accurate_model"])), low=low, high=high,
                   meta=meta)


def cascade_write(*, out: str | Path, accurate_model: str | Path, low: float, high: float,
                  cheap_model: str | Path = "", meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """Write a cascade directory (a meta.json alone). Members are named relative to it, so a models
    directory can move as a whole. Returns what was written."""
    _check_band(low, high)
    path = Path(out)
    for member in (accurate_model, cheap_model):
        if member and not (Path(member) / META_FILE).is_file():
            raise FileNotFoundError(f"No model directory at {member} (expected {META_FILE}).")
    path.mkdir(parents=True, exist_ok=True)

    def relative(member: str | Path) -> str:
        return os.path.relpath(Path(member).resolve(), path.resolve()) if member else ""

    written = {**(meta or {}), "model_kind": MODEL_KIND, "format_version": FORMAT_VERSION,
               "accurate_model": relative(accurate_model), "cheap_model": relative(cheap_model),
               "band": [low, high], "threshold": 0.5}
    (path / META_FILE).write_text(json.dumps(written, indent=2, sort_keys=True), encoding="utf-8")
    return written


def _check_band(low: float, high: float) -> None:
    if not 0.0 <= low <= high <= 1.0:
        raise ValueError(f"The uncertain band needs 0 <= low <= high <= 1 (got {low}, {high}).")


def member_path(cascade_dir: Path, value: str) -> Path:
    """A member directory as meta.json names it: absolute, or relative to the cascade's directory."""
    member = Path(value)
    return member if member.is_absolute() else (cascade_dir / member).resolve()
