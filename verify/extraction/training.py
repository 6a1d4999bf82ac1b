"""Training and evaluating check-worthiness models (used by the management commands)."""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from verify.extraction import EXTRACTOR_VERSION
from verify.extraction.cross_validation import cross_validate_transformer
from verify.extraction.ensemble_scorer import MODEL_KIND as ENSEMBLE_KIND
from verify.extraction.ensemble_scorer import EnsembleScorer
from verify.extraction.metrics import average_precision, precision_recall_f1
from verify.extraction.nlp import get_nlp
from verify.extraction.trained_scorer import FORMAT_VERSION, TrainedScorer
from verify.extraction.transformer_scorer import MODEL_KIND, TransformerScorer, default_base_model
from verify.extraction.scoring import CHECKWORTHINESS_THRESHOLD, Scorer, get_scorer, score_spans

OUT_OF_FOLD_FILE = "out_of_fold.tsv"


@dataclass(frozen=True)
class Example:
    text: str
    label: int
    key: str = ""  # the sentence id, which places it in a cross-validation fold


# A row whose label the accurate kind's out-of-fold score contradicts by more than this is dropped from a
# student's training data (label 1 scored under 0.2, label 0 over 0.8); chosen by cross-validation.
PRUNE_MARGIN = 0.8


def read_scores(path: str | Path) -> dict[str, float]:
    """Sentence_id -> score from an out-of-fold file the cross-validated training wrote."""
    scores = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines()[1:]:
        key, _, score = line.split("\t")
        scores[key] = float(score)
    return scores


def write_scores(path: str | Path, *, examples: list[Example], scores: list[float]) -> None:
    """The file read_scores reads: sentence id, label and score per row (a teacher's scores)."""
    Path(path).write_text("Sentence_id\tclass_label\tscore\n" + "".join(
        f"{e.key}\t{'Yes' if e.label else 'No'}\t{score:.6f}\n" for e, score in zip(examples, scores)),
        encoding="utf-8")


def examples_pruned(examples: list[Example], *, teacher: dict[str, float],
                    margin: float = PRUNE_MARGIN) -> list[Example]:
    """Without the rows the teacher flatly contradicts (noisy labels); rows it did not score are kept."""
    return [e for e in examples if e.key not in teacher or abs(e.label - teacher[e.key]) < margin]


def _sigmoid(logit: float) -> float:
    return 1.0 / (1.0 + math.exp(-logit))


def parse(texts: list[str], *, batch_size: int = 256) -> list:
    """Sentence spans for standalone sentences (one nlp.pipe pass, same pipeline as extraction)."""
    return [doc[:] for doc in get_nlp().pipe(texts, batch_size=batch_size)]


def evaluate_scores(*, labels: list[int], scores: list[float], threshold: float) -> dict[str, float]:
    predictions = [1 if s >= threshold else 0 for s in scores]
    precision, recall, f1 = precision_recall_f1(labels=labels, predictions=predictions)
    return {"n": len(labels), "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "map": round(average_precision(labels=labels, scores=scores), 4), "threshold": threshold}


def evaluate_examples(examples: list[Example], *, scorer: Scorer | None = None,
                      threshold: float | None = None) -> dict[str, Any]:
    """Score every sentence through the extraction scoring path and measure it."""
    scorer = scorer or get_scorer()
    if threshold is None:
        threshold = getattr(scorer, "threshold", CHECKWORTHINESS_THRESHOLD)
    get_nlp()  # load outside the timed section: throughput is about scoring, not start-up
    started = time.perf_counter()
    scores = score_spans(parse([e.text for e in examples]), scorer=scorer)
    elapsed = time.perf_counter() - started
    result = evaluate_scores(labels=[e.label for e in examples], scores=scores, threshold=threshold)
    result["sentences_per_second"] = round(len(examples) / elapsed, 1) if elapsed > 0 else None
    result["scorer"] = scorer.name
    return result


def train_model(*, train: list[Example], dev: list[Example] | None = None, sources: list[str],
                c: float = 1.0, review_weight: int = 1, kind: str = "linear",
                transformer_options: dict[str, Any] | None = None, folds: int = 0, jobs: int = 1,
                out: Path | None = None, teacher: dict[str, float] | None = None) -> Scorer:
    """Fit the trained scorer; metrics on `dev` (if given) go into its meta.json.

    With `folds` >= 2 the transformer kind is cross-validated: one model per fold, kept together as an
    ensemble whose cut-off is chosen on the out-of-fold scores of train plus dev (written to `out`).
    With a `teacher` (sentence id -> score, read_scores) the model learns the teacher's scores of the rows
    it scored instead of their labels (distillation); cut-offs and metrics still use the labels."""
    targets = teacher_targets(train, teacher) if teacher else None
    if kind == "transformer":
        options = {**(transformer_options or {}), "soft": targets is not None}
        if folds < 2:
            return _train_transformer(train=train, dev=dev, sources=sources, options=options, targets=targets)
        if out is None:
            raise ValueError("Cross-validated training writes its members to a directory: pass `out`.")
        return _train_ensemble(train=train, dev=dev or [], sources=sources, options=options, folds=folds,
                               jobs=jobs, out=out, targets=targets)
    started = time.perf_counter()
    spans = parse([e.text for e in train])
    scorer = TrainedScorer.fit(sentences=spans, labels=[e.label for e in train], c=c, targets=targets)
    meta: dict[str, Any] = {
        "kind": "tfidf-word12-char25+spacy-features logistic regression ("
                + ("a teacher's scores" if targets else "class-balanced") + ")",
        "format_version": FORMAT_VERSION,
        **_provenance(train=train, sources=sources),
        "threshold": scorer.threshold,
        "c": c,
        "training_seconds": None,
    }
    if dev:
        meta["dev"] = evaluate_examples(dev, scorer=scorer, threshold=scorer.threshold)
    meta["training_seconds"] = round(time.perf_counter() - started, 1)
    scorer.meta = meta
    return scorer


def teacher_targets(examples: list[Example], teacher: dict[str, float]) -> list[float]:
    """What a student learns: the teacher's score where it scored the row, else the row's label."""
    return [teacher.get(e.key, float(e.label)) if e.key else float(e.label) for e in examples]


def _train_transformer(*, train: list[Example], dev: list[Example] | None, sources: list[str],
                       options: dict[str, Any], targets: list[float] | None = None) -> Scorer:
    """Fine-tune the transformer kind (no spaCy parse needed: it reads the sentence text)."""
    started = time.perf_counter()
    scorer = TransformerScorer.fit(texts=[e.text for e in train], labels=targets or [e.label for e in train],
                                   **options)
    training_seconds = round(time.perf_counter() - started, 1)
    meta: dict[str, Any] = {
        **scorer.meta,
        "kind": f"{Path(scorer.meta['base_model']).name} fine-tuned, mean pooling + linear head ({_loss(targets)})",
        "model_kind": MODEL_KIND,
        **_provenance(train=train, sources=sources),
        "threshold": scorer.threshold,
        "training_seconds": training_seconds,
    }
    if dev:
        # Class weighting shifts this model's scores up; the F1-best cut-off is picked on dev (never on test)
        # and moved to 0.5 through the logit offset, so extraction's fixed 0.5 cut-off uses it.
        dev_scores = scorer.score_texts([e.text for e in dev])
        cut_off = pick_threshold(labels=[e.label for e in dev], scores=dev_scores)
        scorer.logit_offset = math.log(cut_off / (1.0 - cut_off))
        meta["dev_picked_raw_threshold"] = cut_off
        meta["logit_offset"] = round(scorer.logit_offset, 4)
        meta["dev"] = evaluate_examples(dev, scorer=scorer, threshold=scorer.threshold)
    scorer.meta = meta
    return scorer


def _train_ensemble(*, train: list[Example], dev: list[Example], sources: list[str], options: dict[str, Any],
                    folds: int, jobs: int, out: Path, targets: list[float] | None = None) -> Scorer:
    started = time.perf_counter()
    # Fold processes do not read Django settings: resolve the encoder here.
    options = {**options, "base_model": options.get("base_model") or default_base_model()}
    oof, dev_logits, member_dirs = cross_validate_transformer(
        texts=[e.text for e in train], labels=targets or [e.label for e in train], keys=[e.key for e in train],
        folds=folds,
        extra=[e.text for e in dev], options=options, out=out, jobs=jobs)
    oof_scores = [_sigmoid(v) for v in oof]
    dev_scores = [_sigmoid(v) for v in dev_logits]
    labels = [e.label for e in train] + [e.label for e in dev]
    cut_off = pick_threshold(labels=labels, scores=oof_scores + dev_scores)
    scorer = EnsembleScorer(members=[TransformerScorer.load(d) for d in member_dirs],
                            logit_offset=math.log(cut_off / (1.0 - cut_off)))
    shifted = [_sigmoid(v - scorer.logit_offset) for v in oof + dev_logits]
    meta: dict[str, Any] = {
        **scorer.members[0].meta,
        "kind": f"{folds} fine-tuned encoders (one per fold of debate blocks), mean logit, {_loss(targets)}",
        "model_kind": ENSEMBLE_KIND,
        **_provenance(train=train, sources=sources),
        "folds": folds,
        "cv_picked_raw_threshold": cut_off,
        "logit_offset": round(scorer.logit_offset, 4),
        "threshold": scorer.threshold,
        "out_of_fold": evaluate_scores(labels=[e.label for e in train], scores=shifted[:len(train)], threshold=0.5),
        "training_seconds": round(time.perf_counter() - started, 1),
    }
    if dev:
        meta["dev"] = evaluate_scores(labels=[e.label for e in dev], scores=shifted[len(train):], threshold=0.5)
    scorer.meta = meta
    out.mkdir(parents=True, exist_ok=True)
    write_scores(out / OUT_OF_FOLD_FILE, examples=train, scores=shifted)
    return scorer


def _loss(targets: list[float] | None) -> str:
    return "BCE on a teacher's scores" if targets else "class-weighted BCE"


def _provenance(*, train: list[Example], sources: list[str]) -> dict[str, Any]:
    """What every model's meta.json records about how and from what it was trained."""
    return {"extractor_version": EXTRACTOR_VERSION,
            "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "data": sources, "n_train": len(train), "n_train_positive": sum(e.label for e in train)}


def pick_threshold(*, labels: list[int], scores: list[float]) -> float:
    """The cut-off in 0.30..0.90 (steps of 0.02) with the best F1, ties to the one nearest 0.5."""
    candidates = [round(0.30 + 0.02 * i, 2) for i in range(31)]
    return max(candidates,
               key=lambda t: (evaluate_scores(labels=labels, scores=scores, threshold=t)["f1"], -abs(t - 0.5)))
