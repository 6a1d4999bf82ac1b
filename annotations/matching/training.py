"""Training the matcher: fine-tune the bi-encoder and fit its calibration (manage.py train_matching).

Labelled pairs come from CLEF-format files (queries TSV, corpus TSV, qrels) and from the desk's own
decided matches (confirmed = same claim, rejected = a known negative for that claim). A share of the
file queries (`calibration_share`, chosen at random with a fixed seed) is kept out of fine-tuning:
the calibration is fitted on those queries' candidate pools, scored by the fine-tuned model, since a
model's cosines on the pairs it was trained on are optimistic and would over-weight it.
`--calibrate-only` fits the calibration of a model as it is (no fine-tuning, so every query counts).
"""
from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotations.matching.core.calibrate import UNFITTED, fit_calibration, labelled_pools
from annotations.matching.core.dense import PACKAGED_MODEL, Embedder
from annotations.matching.core.finetune import BATCH_SIZE, Pair, fine_tune, hard_negative_triplets
from annotations.matching.core.matcher import Document, Matcher
from annotations.matching.core.scoring import CALIBRATION_FILE, PACKAGED_DIR, Calibration
from annotations.matching.selectors import match_decided_pairs

CALIBRATION_SHARE = 0.2
SEED = 13


@dataclass(frozen=True)
class LabelledFiles:
    queries: list[tuple[str, str]]  # (id, text)
    corpus: list[tuple[str, str, str]]  # (id, claim, title)
    qrels: dict[str, set[str]]


@dataclass(frozen=True)
class TrainingResult:
    output: Path
    pairs: int
    desk_pairs: int
    steps: int
    calibration: Calibration


def default_calibration_path(model: str) -> Path:
    """Where --calibrate-only writes: the packaged JSON for the packaged model, else the model's directory."""
    return PACKAGED_DIR / "all-minilm-l6-v2.json" if model == PACKAGED_MODEL else Path(model) / CALIBRATION_FILE


def split_queries(files: LabelledFiles, *, share: float, seed: int = SEED) -> tuple[list, list]:
    """(fine-tuning queries, calibration queries) among the judged ones."""
    judged = [query for query in files.queries if query[0] in files.qrels]
    shuffled = judged[:]
    random.Random(seed).shuffle(shuffled)
    held = set(query[0] for query in shuffled[:round(share * len(judged))])
    return [q for q in judged if q[0] not in held], [q for q in judged if q[0] in held]


def combined(text: str, title: str) -> str:
    """A document as the matcher indexes (and embeds) it."""
    return f"{text} {title}".strip()


def file_pairs(files: LabelledFiles, queries: Sequence[tuple[str, str]]) -> list[Pair]:
    text_of = {docid: combined(text, title) for docid, text, title in files.corpus}
    return [Pair(query=text, positive=text_of[docid]) for qid, text in queries
            for docid in sorted(files.qrels.get(qid, ())) if docid in text_of]


def desk_pairs() -> list[Pair]:
    """The desk's confirmed matches, each with the documents reviewers rejected for the same claim."""
    confirmed: dict[str, list[str]] = {}
    rejected: dict[str, list[str]] = {}
    for claim_text, document_text, same in match_decided_pairs():
        (confirmed if same else rejected).setdefault(claim_text, []).append(document_text)
    return [Pair(query=claim, positive=positive, negatives=tuple(rejected.get(claim, ())))
            for claim, positives in confirmed.items() for positive in positives]


def calibration_fit(*, model: str, files: LabelledFiles, queries: Sequence[tuple[str, str]],
                    fitted_on: str) -> Calibration:
    """Fit a model's calibration on the candidate pools of `queries` over the file corpus."""
    pools = {}
    for name, embedder in (("dense", Embedder(model=model)), ("lexical", None)):
        matcher = Matcher(embedder=embedder, calibration=UNFITTED)
        matcher.add_many(Document(key=docid, text=text, title=title) for docid, text, title in files.corpus)
        pools[name] = labelled_pools(matcher, queries, files.qrels)
    return fit_calibration(dense_pools=pools["dense"], lexical_pools=pools["lexical"], model=model,
                           fitted_on=fitted_on)


def matching_model_train(*, base_model: str, output: str | Path, files: LabelledFiles, use_desk: bool = True,
                         calibration_share: float = CALIBRATION_SHARE, batch_size: int = BATCH_SIZE,
                         max_steps: int | None = None, learning_rate: float | None = None,
                         progress: Callable[[int, int, float], None] | None = None) -> TrainingResult:
    """Fine-tune `base_model` (one epoch, MNRL, BM25 hard negatives) and store it with its calibration."""
    tune_queries, calibration_queries = split_queries(files, share=calibration_share)
    pairs = file_pairs(files, tune_queries)
    desk = desk_pairs() if use_desk else []
    corpus_texts = [combined(text, title) for _, text, title in files.corpus] + sorted({p.positive for p in desk})
    triplets = hard_negative_triplets(pairs + desk, corpus_texts)
    steps: list[int] = []

    def count(step: int, total: int, loss: float) -> None:
        steps.append(step)
        if progress is not None:
            progress(step, total, loss)

    output = fine_tune(base_model=base_model, triplets=triplets, output=output, batch_size=batch_size,
                       max_steps=max_steps, progress=count,
                       **({"learning_rate": learning_rate} if learning_rate else {}))
    if not calibration_queries:
        raise ValueError("No query is left for the calibration: raise --calibration-share or add queries.")
    calibration = calibration_fit(
        model=str(output), files=files, queries=calibration_queries,
        fitted_on=f"{len(calibration_queries)} held-out queries (share {calibration_share}, seed {SEED}); "
                  f"fine-tuned from {base_model} on {len(pairs)} file pairs and {len(desk)} desk pairs")
    calibration.save(output)
    return TrainingResult(output=output, pairs=len(pairs), desk_pairs=len(desk), steps=len(steps),
                          calibration=calibration)
