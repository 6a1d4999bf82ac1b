"""Stage 2 of matching: one calibrated score, "the probability that this candidate is the same claim".

A logistic regression over per-candidate features that need only what every candidate of the pool
carries (its raw BM25 score and its embedding cosine) plus aggregates over the pool:
  dense          the embedding cosine (absolute: low for a query nothing in the index repeats);
  bm25_relative  BM25 / the best BM25 in the pool (query-comparable: BM25's scale varies by query).
The ranking is the fitted linear interpolation of the two; the interpolation weight on BM25 is the
coefficient ratio (`bm25_share`). Without an embedder the lexical coefficients are used, with a
`bm25_log` feature (log1p of the raw BM25) standing in for the absolute signal the cosine gives.

A Calibration is fitted by `manage.py train_matching` on labelled pairs (CLEF train tweets and the
desk's decided matches) and stored as calibration.json beside the fine-tuned model; the packaged
MiniLM's own is shipped in calibrations/ (fitted by `train_matching --calibrate-only`).
"""
from __future__ import annotations

import json
import logging
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

CALIBRATION_FILE = "calibration.json"
PACKAGED_DIR = Path(__file__).with_name("calibrations")
DENSE_FEATURES = ("dense", "bm25_relative")
LEXICAL_FEATURES = ("bm25_relative", "bm25_log")


def features(names: tuple[str, ...], *, bm25: np.ndarray, dense: np.ndarray | None) -> np.ndarray:
    """(n, len(names)) feature matrix of one query's candidate pool."""
    bm25 = np.asarray(bm25, dtype=np.float64)
    best = float(bm25.max()) if bm25.size else 0.0
    columns = []
    for name in names:
        if name == "dense":
            if dense is None:
                raise ValueError("The dense feature needs the embedding cosines.")
            columns.append(np.asarray(dense, dtype=np.float64))
        elif name == "bm25_relative":
            columns.append(bm25 / best if best > 0 else np.zeros_like(bm25))
        elif name == "dense_gap":
            if dense is None:
                raise ValueError("The dense feature needs the embedding cosines.")
            cosines = np.asarray(dense, dtype=np.float64)
            columns.append(cosines - (cosines.max() if cosines.size else 0.0))
        elif name == "bm25_log":
            columns.append(np.log1p(np.maximum(bm25, 0.0)))
        else:
            raise ValueError(f"Unknown matching feature {name!r}.")
    return np.column_stack(columns) if columns else np.zeros((bm25.size, 0))


@dataclass(frozen=True)
class Logit:
    """intercept + sum(weight * feature), through the logistic function."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float

    def __post_init__(self) -> None:
        if len(self.features) != len(self.weights):
            raise ValueError("One weight per feature.")
        if any(not math.isfinite(value) for value in (*self.weights, self.intercept)):
            raise ValueError("Calibration weights must be finite numbers.")

    def probabilities(self, *, bm25: np.ndarray, dense: np.ndarray | None) -> np.ndarray:
        matrix = features(self.features, bm25=bm25, dense=dense)
        logits = matrix @ np.asarray(self.weights, dtype=np.float64) + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -50.0, 50.0)))

    def share(self, name: str) -> float:
        """The interpolation weight of one feature: its coefficient over the sum of their absolute values."""
        total = sum(abs(weight) for weight in self.weights)
        return abs(self.weights[self.features.index(name)]) / total if total and name in self.features else 0.0


@dataclass(frozen=True)
class Calibration:
    dense: Logit  # used when the candidates have embedding cosines
    lexical: Logit  # BM25 alone (VERIFY_MATCH_EMBEDDING_MODEL='')
    model: str = ""  # the embedding model the dense coefficients were fitted for
    fitted_on: str = ""
    metrics: dict = field(default_factory=dict)  # cross-validated numbers, for the record

    def probabilities(self, *, bm25: np.ndarray, dense: np.ndarray | None) -> np.ndarray:
        """P(same claim) for each candidate of one query's pool, in [0, 1]."""
        bm25 = np.asarray(bm25, dtype=np.float64)
        if bm25.size == 0:
            return np.zeros(0, dtype=np.float64)
        return (self.lexical if dense is None else self.dense).probabilities(bm25=bm25, dense=dense)

    @property
    def bm25_share(self) -> float:
        """The weight of BM25 in the fitted interpolation (the dense cosine has 1 - it)."""
        return self.dense.share("bm25_relative")

    def to_dict(self) -> dict:
        data = asdict(self)
        for key in ("dense", "lexical"):
            data[key] = {"features": list(data[key]["features"]), "weights": list(data[key]["weights"]),
                         "intercept": data[key]["intercept"]}
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Calibration:
        def logit(part: dict) -> Logit:
            return Logit(features=tuple(part["features"]), weights=tuple(float(w) for w in part["weights"]),
                         intercept=float(part["intercept"]))

        return cls(dense=logit(data["dense"]), lexical=logit(data["lexical"]), model=str(data.get("model", "")),
                   fitted_on=str(data.get("fitted_on", "")), metrics=dict(data.get("metrics", {})))

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        if path.is_dir():
            path = path / CALIBRATION_FILE
        path.write_text(json.dumps(self.to_dict(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path) -> Calibration:
        path = Path(path)
        if path.is_dir():
            path = path / CALIBRATION_FILE
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))


def packaged_calibration() -> Calibration:
    """The shipped calibration of the packaged all-MiniLM-L6-v2 (and of lexical-only matching)."""
    return Calibration.load(PACKAGED_DIR / "all-minilm-l6-v2.json")


def calibration_for(model: str) -> Calibration:
    """The calibration of an embedding model: calibration.json in its directory, else the packaged one."""
    if model and Path(model).is_dir():
        own = Path(model) / CALIBRATION_FILE
        if own.is_file():
            return Calibration.load(own)
        logger.warning("No %s in %s: using the packaged MiniLM calibration; run train_matching "
                       "--calibrate-only --base-model %s to fit its own.", CALIBRATION_FILE, model, model)
    return packaged_calibration()
