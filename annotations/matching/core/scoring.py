"""Stage 2 of matching: one calibrated score, "the probability that this candidate is the same claim".

A logistic regression over features that need only what every candidate of the pool carries (its
raw BM25 score and its embedding cosine) plus aggregates over the pool:
  fused_rank  weighted reciprocal rank fusion of the candidate's BM25 rank and cosine rank in the pool,
              1 / (RANK_K + rank), BM25 weighted FUSION_BM25_WEIGHT (so it wins when the two
              disagree about the top), scaled so that first by both is 1: this is the ranking;
  fused_rank_x_dense  the same times the candidate's own cosine: a candidate ranked high only because
              the pool is small or nothing is close gets a low probability (absolute evidence);
  numbers_differ  1 when the candidate states other numbers than the query (core/numbers.py), else 0:
              such a candidate is never the desk's same claim, but CLEF's labelled pairs show that a
              retelling often changes a figure ("$3.6M" against "$4 million"), so the fit decides how
              much it lowers the probability instead of a hard drop (a modest -0.4 logit on train).
Without an embedder the lexical part is used: bm25_relative (BM25 / the pool's best) and bm25_log
(log1p of the raw BM25) standing in for the absolute signal, with numbers_differ.
Why ranks and not a linear mix of cosine and BM25: on the CLEF train tweets (cross-validated) the best
linear interpolation reached MAP@5 0.841 with the packaged MiniLM, these two features 0.872; the gain
is where BM25 and the cosine disagree about the first candidate and BM25 is right more often.

A Calibration is fitted by `manage.py train_matching` (core/calibrate.py) on labelled pools (CLEF train
tweets) and stored as calibration.json beside a fine-tuned model; the packaged MiniLM's own is shipped
in calibrations/ (fitted by `train_matching --calibrate-only`).
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
DENSE_FEATURES = ("fused_rank", "fused_rank_x_dense", "numbers_differ")
LEXICAL_FEATURES = ("bm25_relative", "bm25_log", "numbers_differ")
# Reciprocal rank fusion: 1 / (RANK_K + rank), ranks from 1. 10 rather than the usual 60: the pools are
# a few hundred candidates and only the first few matter (train MAP@5 0.876 vs 0.868 at 60).
RANK_K = 10
# BM25's share of the fusion: just over half, so BM25 decides when it and the cosine each put a
# different candidate first (CLEF train MAP@5: 0.4 -> 0.817, 0.55 -> 0.876, 0.6 -> 0.875, 0.7 -> 0.870).
FUSION_BM25_WEIGHT = 0.55


def _ranks(values: np.ndarray) -> np.ndarray:
    """1-based rank of each candidate in the pool, best first; ties go to the earlier candidate (row)."""
    order = np.argsort(-values, kind="stable")
    ranks = np.empty(values.size, dtype=np.float64)
    ranks[order] = np.arange(1, values.size + 1)
    return ranks


def _cosines(dense: np.ndarray | None) -> np.ndarray:
    if dense is None:
        raise ValueError("This feature needs the embedding cosines.")
    return np.asarray(dense, dtype=np.float64)


def features(names: tuple[str, ...], *, bm25: np.ndarray, dense: np.ndarray | None,
             numbers_differ: np.ndarray | None = None) -> np.ndarray:
    """(n, len(names)) feature matrix of one query's candidate pool (in index order: ties by row).

    `numbers_differ` (1 = states other numbers than the query) defaults to all zeros."""
    bm25 = np.asarray(bm25, dtype=np.float64)
    best = float(bm25.max()) if bm25.size else 0.0
    columns = []
    for name in names:
        if name == "fused_rank":
            fused = (FUSION_BM25_WEIGHT / (RANK_K + _ranks(bm25))
                     + (1.0 - FUSION_BM25_WEIGHT) / (RANK_K + _ranks(_cosines(dense))))
            columns.append(fused * (RANK_K + 1))
        elif name == "fused_rank_x_dense":
            columns.append(features(("fused_rank",), bm25=bm25, dense=dense)[:, 0] * _cosines(dense))
        elif name == "dense":
            columns.append(_cosines(dense))
        elif name == "bm25_relative":
            columns.append(bm25 / best if best > 0 else np.zeros_like(bm25))
        elif name == "bm25_log":
            columns.append(np.log1p(np.maximum(bm25, 0.0)))
        elif name == "numbers_differ":
            columns.append(np.zeros_like(bm25) if numbers_differ is None
                           else np.asarray(numbers_differ, dtype=np.float64))
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

    def probabilities(self, *, bm25: np.ndarray, dense: np.ndarray | None,
                      numbers_differ: np.ndarray | None = None) -> np.ndarray:
        matrix = features(self.features, bm25=bm25, dense=dense, numbers_differ=numbers_differ)
        logits = matrix @ np.asarray(self.weights, dtype=np.float64) + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -50.0, 50.0)))


@dataclass(frozen=True)
class Calibration:
    dense: Logit  # used when the candidates have embedding cosines
    lexical: Logit  # BM25 alone (VERIFY_MATCH_EMBEDDING_MODEL='')
    model: str = ""  # the embedding model the dense coefficients were fitted for
    fitted_on: str = ""
    metrics: dict = field(default_factory=dict)  # cross-validated numbers, for the record

    def probabilities(self, *, bm25: np.ndarray, dense: np.ndarray | None,
                      numbers_differ: np.ndarray | None = None) -> np.ndarray:
        """P(same claim) for each candidate of one query's pool, in [0, 1]."""
        bm25 = np.asarray(bm25, dtype=np.float64)
        if bm25.size == 0:
            return np.zeros(0, dtype=np.float64)
        return (self.lexical if dense is None else self.dense).probabilities(bm25=bm25, dense=dense,
                                                                              numbers_differ=numbers_differ)

    @property
    def bm25_share(self) -> float:
        """BM25's weight in the rank fusion (the cosine has 1 - it)."""
        return FUSION_BM25_WEIGHT

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
