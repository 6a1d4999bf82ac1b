"""A trained check-worthiness model: TF-IDF word and character n-grams plus the rule features.

Pure scikit-learn (CPU, ~20 s to fit on 22k sentences once parsed); stored as model.joblib +
meta.json in a directory that VERIFY_CHECKWORTHINESS_MODEL points at. load_model_dir() also opens the
fine-tuned transformer and ensemble kinds, their ONNX exports and the cascade (cascade_scorer.py) from such a directory.
"""
from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

from spacy.tokens import Span

from verify.extraction.cascade_scorer import MODEL_KIND as CASCADE_KIND
from verify.extraction.cascade_scorer import CascadeScorer
from verify.extraction.ensemble_scorer import MODEL_KIND as ENSEMBLE_KIND
from verify.extraction.ensemble_scorer import EnsembleScorer
from verify.extraction.features import FEATURE_NAMES, sentence_features
from verify.extraction.onnx_scorer import MODEL_KIND as ONNX_KIND
from verify.extraction.onnx_scorer import OnnxScorer
# Cheap to import: it imports torch only when a transformer model is trained or loaded.
from verify.extraction.transformer_scorer import MODEL_KIND, TransformerScorer

MODEL_FILE = "model.joblib"
META_FILE = "meta.json"
FORMAT_VERSION = 1
# Scaled spaCy features are down-weighted so the (many) n-gram weights still dominate.
FEATURE_BLOCK_WEIGHT = 0.3


def feature_rows(sentences: list[Span]) -> list[list[float]]:
    rows = []
    for sentence in sentences:
        features = sentence_features(sentence)
        rows.append([features[name] for name in FEATURE_NAMES if name != "bias"])
    return rows


def load_model_dir(directory: str | Path, *, threads: int | None = None):
    """The scorer stored in a model directory: meta.json's model_kind picks it (absent: the linear model).

    `threads`: onnxruntime's threads for the ONNX kind, wherever it sits (an ensemble's members, a
    cascade's stages); None reads VERIFY_SCORER_THREADS."""
    path = Path(directory)
    meta_path = path / META_FILE
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    inner = partial(load_model_dir, threads=threads)
    if meta.get("model_kind") == MODEL_KIND:
        return TransformerScorer.load(path)
    if meta.get("model_kind") == ENSEMBLE_KIND:
        return EnsembleScorer.load(path, load_model=inner)
    if meta.get("model_kind") == ONNX_KIND:
        return OnnxScorer(path, threads=threads)
    if meta.get("model_kind") == CASCADE_KIND:
        return CascadeScorer.load(path, load_model=inner)
    return TrainedScorer.load(path)


class TrainedScorer:
    name = "trained"

    def __init__(self, *, word_vectorizer, char_vectorizer, scaler, classifier, threshold: float,
                 meta: dict[str, Any] | None = None) -> None:
        self.word_vectorizer = word_vectorizer
        self.char_vectorizer = char_vectorizer
        self.scaler = scaler
        self.classifier = classifier
        self.threshold = threshold
        self.meta = meta or {}

    @classmethod
    def fit(cls, *, sentences: list[Span], labels: list[int], c: float = 1.0, targets: list[float] | None = None
            ) -> "TrainedScorer":
        """Class-balanced logistic regression on the labels, or on soft `targets` in [0, 1] (a teacher's
        scores) as two weighted copies of each row."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler

        texts = [s.text for s in sentences]
        word = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True,
                               max_features=300_000)
        scaler = StandardScaler()
        word.fit(texts)
        char.fit(texts)
        scaler.fit(feature_rows(sentences))
        scorer = cls(word_vectorizer=word, char_vectorizer=char, scaler=scaler, classifier=None, threshold=0.5)
        matrix = scorer._matrix(sentences)
        if targets is None:
            classifier = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, solver="liblinear")
            classifier.fit(matrix, labels)
        else:
            from scipy.sparse import vstack

            positives = sum(labels)
            up, down = len(labels) / (2 * max(1, positives)), len(labels) / (2 * max(1, len(labels) - positives))
            classifier = LogisticRegression(C=c, max_iter=3000, solver="liblinear")
            classifier.fit(vstack([matrix, matrix]).tocsr(), [1] * len(targets) + [0] * len(targets),
                           sample_weight=[t * up for t in targets] + [(1 - t) * down for t in targets])
        scorer.classifier = classifier
        return scorer

    def _matrix(self, sentences: list[Span]):
        from scipy.sparse import csr_matrix, hstack

        texts = [s.text for s in sentences]
        features = self.scaler.transform(feature_rows(sentences)) * FEATURE_BLOCK_WEIGHT
        return hstack([self.word_vectorizer.transform(texts), self.char_vectorizer.transform(texts),
                       csr_matrix(features)]).tocsr()

    def score(self, sentences: list[Span]) -> list[float]:
        if not sentences:
            return []
        probabilities = self.classifier.predict_proba(self._matrix(sentences))[:, 1]
        return [float(p) for p in probabilities]

    def save(self, directory: str | Path) -> None:
        import joblib

        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        joblib.dump({"format": FORMAT_VERSION, "word": self.word_vectorizer, "char": self.char_vectorizer,
                     "scaler": self.scaler, "classifier": self.classifier, "threshold": self.threshold},
                    path / MODEL_FILE)
        (path / META_FILE).write_text(json.dumps(self.meta, indent=2, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, directory: str | Path) -> "TrainedScorer":
        import joblib

        path = Path(directory)
        if not (path / MODEL_FILE).exists():
            raise FileNotFoundError(f"No check-worthiness model in {path} (expected {MODEL_FILE}).")
        data = joblib.load(path / MODEL_FILE)
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8")) if (path / META_FILE).exists() else {}
        return cls(word_vectorizer=data["word"], char_vectorizer=data["char"], scaler=data["scaler"],
                   classifier=data["classifier"], threshold=float(data.get("threshold", 0.5)), meta=meta)
