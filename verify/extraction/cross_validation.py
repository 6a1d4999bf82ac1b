"""Cross-validation for check-worthiness models: folds by blocks of debates, out-of-fold scores.

CheckThat! sentence ids run through each debate in order, so neighbouring ids share a debate and its
topics. Folds made of contiguous id blocks keep a debate on one side: out-of-fold scores then say how a
model does on debates it never saw, which is what the held-out set asks, and a cut-off chosen on them
carries over. Random folds would leak a debate's wording into both sides and flatter every choice.
"""
from __future__ import annotations

import multiprocessing
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verify.extraction.transformer_scorer import TransformerScorer

# About the length of one debate or speech in the CheckThat! files.
BLOCK_SIZE = 400


def fold_of(key: str, *, folds: int, block_size: int = BLOCK_SIZE) -> int:
    """The fold (0 … folds-1) of a sentence id: contiguous id blocks, dealt round the folds."""
    if key.isdigit():
        return (int(key) // block_size) % folds
    return zlib.crc32(key.encode("utf-8")) % folds  # ids without order: a stable spread


def fold_assignment(keys: list[str], *, folds: int, block_size: int | None = None) -> list[int]:
    """Folds of contiguous id blocks; a small file gets smaller blocks, so every fold has several."""
    if block_size is None:
        block_size = min(BLOCK_SIZE, max(1, len(keys) // (folds * 4)))
    return [fold_of(key, folds=folds, block_size=block_size) for key in keys]


@dataclass(frozen=True)
class FoldResult:
    fold: int
    member_dir: str
    held_out_logits: list[float]  # in the order of the fold's held-out rows
    extra_logits: list[float]  # the extra texts (dev), scored by this fold's model


def _train_fold(fold: int, texts: list[str], labels: list[float], assignment: list[int], extra: list[str],
                options: dict[str, Any], member_dir: str) -> FoldResult:
    """One fold in its own process: fit on the other folds, score the held-out rows and the extra texts."""
    train = [i for i, f in enumerate(assignment) if f != fold]
    held_out = [i for i, f in enumerate(assignment) if f == fold]
    scorer = TransformerScorer.fit(texts=[texts[i] for i in train], labels=[labels[i] for i in train], **options)
    scorer.save(member_dir)
    return FoldResult(fold=fold, member_dir=member_dir, held_out_logits=scorer.logits([texts[i] for i in held_out]),
                      extra_logits=scorer.logits(extra))


def cross_validate_transformer(*, texts: list[str], labels: list[float], keys: list[str], folds: int,
                               extra: list[str], options: dict[str, Any], out: Path,
                               jobs: int = 1) -> tuple[list[float], list[float], list[str]]:
    """Fine-tune one model per fold (in `jobs` processes of one thread each).

    Returns the out-of-fold logit of every row, the members' mean logit for each `extra` text and the
    member directories written under `out` (member-1/ …)."""
    assignment = fold_assignment(keys, folds=folds)
    if len(set(assignment)) < folds:
        raise ValueError(f"{len(texts)} rows do not fill {folds} folds of id blocks.")
    options = {**options, "threads": 1} if jobs > 1 else options
    member_dirs = [str(out / f"member-{fold + 1}") for fold in range(folds)]
    arguments = [(fold, texts, labels, assignment, extra, options, member_dirs[fold]) for fold in range(folds)]
    if jobs > 1:
        # spawn: a forked torch process can dead-lock on the parent's thread pools.
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
            results = list(pool.map(_train_fold, *zip(*arguments)))
    else:
        results = [_train_fold(*a) for a in arguments]
    oof = [0.0] * len(texts)
    for result in results:
        held_out = [i for i, f in enumerate(assignment) if f == result.fold]
        for index, logit in zip(held_out, result.held_out_logits):
            oof[index] = logit
    extra_mean = [sum(values) / len(values) for values in zip(*(r.extra_logits for r in results))] if extra else []
    return oof, extra_mean, member_dirs
