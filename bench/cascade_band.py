"""Choosing the cascade's uncertain band: F1 of the accurate kind alone against the cascade, and the share
of sentences that reach the accurate model, on CheckThat! train (out-of-fold) and dev. Never dev-test.

    .venv/bin/python bench/cascade_band.py --accurate var/models/checkworthiness-accurate \
        [--train ../shared/data/checkworthiness/ct24_train.tsv] [--dev ../shared/data/checkworthiness/ct24_dev.tsv]

Train scores are out-of-fold on both sides: the accurate kind's from the out_of_fold.tsv its
cross-validated training wrote (each row scored by the fold model that did not see its debate), the
built-in's from 5-fold cross-validation over the same debate blocks, refitted per fold as
`fit_builtin_scorer` fits it (pruned by that out-of-fold file, as the shipped weights were). Dev is
scored by the shipped built-in weights (fitted on train alone) and the accurate model itself. A model
without out_of_fold.tsv scores train itself (reported as "in_sample"; the CI smoke uses that).

With `--student DIR` (a distilled model trained with --folds and --teacher, so it has its own
out_of_fold.tsv) the band is chosen for a cascade of three: the built-in decides outside --student-band,
the student inside it, and the accurate model only where that score lies in the band chosen here
(`make_cascade --cheap <built-in -> student cascade>`). The student's dev scores are its own.

Every score then goes through what extraction does after the scorer (the named-source floor, screening)
and F1 is taken at the 0.5 cut-off. The band printed as chosen is the one that sends the fewest sentences
to the accurate model while losing at most --max-loss F1 against it on train and on dev. "alone" gives
the F1 of the accurate model and of the cheap side (the built-in, or built-in -> student). Prints JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
SHARED = ROOT.parent / "shared" / "data" / "checkworthiness"

from builtin_cv import fold_scorers  # noqa: E402
from verify.extraction.checkthat import read_checkthat_tsv  # noqa: E402
from verify.extraction.rule_scorer import RuleScorer  # noqa: E402
from verify.extraction.scoring import (  # noqa: E402
    CHECKWORTHINESS_THRESHOLD, NAMED_STATEMENT_FLOOR, SET_ASIDE_FACTOR, screened_scores)
from verify.extraction.trained_scorer import load_model_dir  # noqa: E402
from verify.extraction.training import OUT_OF_FOLD_FILE, Example, evaluate_scores, parse, read_scores  # noqa: E402
from verify.management.commands.make_cascade import DEFAULT_HIGH, DEFAULT_LOW  # noqa: E402

LOWS = [round(0.02 * i, 2) for i in range(26)]  # 0.00 … 0.50
HIGHS = [round(0.5 + 0.02 * i, 2) for i in range(26)]  # 0.50 … 1.00


class Fixed:
    """A scorer that returns scores computed before (to run extraction's post-scoring steps on them)."""
    name = "fixed"

    def __init__(self, scores: list[float]) -> None:
        self.scores = scores

    def score(self, sentences) -> list[float]:
        return self.scores[:len(sentences)]


def screening_marks(spans: list) -> list[tuple[bool, bool]]:
    """(the named-source floor applies, set aside once queued) per sentence: neither depends on the score,
    so one pass at a score just under the floor reads both off extraction's own path."""
    probe = (CHECKWORTHINESS_THRESHOLD + NAMED_STATEMENT_FLOOR) / 2
    return [(screened.before_screening >= NAMED_STATEMENT_FLOOR, bool(screened.set_aside))
            for screened in screened_scores(spans, scorer=Fixed([probe] * len(spans)))]


def finished(score: float, named: bool, aside: bool) -> float:
    """The score extraction stores for a scorer's `score` (scoring.screened_scores, replayed)."""
    if named and score < NAMED_STATEMENT_FLOOR:
        score = NAMED_STATEMENT_FLOOR
    return score * SET_ASIDE_FACTOR if aside and score >= CHECKWORTHINESS_THRESHOLD else score


class Split:
    def __init__(self, name: str, labels: list[int], cheap: list[float], accurate: list[float],
                 marks: list[tuple[bool, bool]]) -> None:
        self.name, self.labels, self.cheap, self.accurate, self.marks = name, labels, cheap, accurate, marks
        self.student_share = 0.0

    def with_student(self, student: list[float], *, low: float, high: float) -> "Split":
        """The cheap side becomes the built-in -> student cascade."""
        self.cheap, share = routed_scores(self.cheap, student, low=low, high=high)
        self.student_share = round(share, 4)
        return self

    def f1(self, scores: list[float]) -> float:
        final = [finished(s, *mark) for s, mark in zip(scores, self.marks)]
        return evaluate_scores(labels=self.labels, scores=final, threshold=CHECKWORTHINESS_THRESHOLD)["f1"]

    def cascade(self, low: float, high: float) -> tuple[list[float], float]:
        return routed_scores(self.cheap, self.accurate, low=low, high=high)


def routed_scores(cheap: list[float], costly: list[float], *, low: float, high: float) -> tuple[list[float], float]:
    """CascadeScorer.score replayed: the costly score where the cheap one is in [low, high]; the share routed."""
    routed = [low <= c <= high for c in cheap]
    return [a if r else c for c, a, r in zip(cheap, costly, routed)], sum(routed) / max(1, len(routed))


def train_split(path: Path, accurate_dir: Path, accurate, folds: int) -> tuple[Split, str, list[str]]:
    examples = [Example(text=r.text, label=r.label, key=r.sentence_id) for r in read_checkthat_tsv(path)]
    spans = parse([e.text for e in examples])
    oof_file = accurate_dir / OUT_OF_FOLD_FILE
    if oof_file.is_file():
        oof = read_scores(oof_file)
        accurate_scores, source = [oof[e.key] for e in examples], "out_of_fold"
        teacher = str(oof_file)
    else:
        accurate_scores, source, teacher = [float(s) for s in accurate.score(spans)], "in_sample", None
    cheap = [0.0] * len(examples)
    for held_out, scorer in fold_scorers(examples, spans, folds=folds, teacher=teacher):
        for index, score in zip(held_out, scorer.score([spans[i] for i in held_out])):
            cheap[index] = score
    split = Split("train", [e.label for e in examples], cheap, accurate_scores, screening_marks(spans))
    return split, source, [e.key for e in examples]


def dev_split(path: Path, accurate) -> tuple[Split, list]:
    rows = read_checkthat_tsv(path)
    spans = parse([r.text for r in rows])
    return Split("dev", [r.label for r in rows], RuleScorer().score(spans), [float(s) for s in accurate.score(spans)],
                 screening_marks(spans)), spans


def student_scores(student_dir: Path, *, train: list[str], dev_spans: list) -> tuple[list[float], list[float]]:
    """The student's out-of-fold train scores (in the train file's order) and its own dev scores."""
    oof = read_scores(student_dir / OUT_OF_FOLD_FILE)
    return [oof[key] for key in train], [float(s) for s in load_model_dir(student_dir).score(dev_spans)]


def band_table(splits: list[Split]) -> list[dict]:
    rows = []
    for low in LOWS:
        for high in HIGHS:
            row = {"band": [low, high]}
            for split in splits:
                scores, share = split.cascade(low, high)
                row[split.name] = {"f1": split.f1(scores), "share_routed": round(share, 4)}
            rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accurate", required=True, help="the accurate model directory")
    parser.add_argument("--train", default=str(SHARED / "ct24_train.tsv"))
    parser.add_argument("--dev", default=str(SHARED / "ct24_dev.tsv"))
    parser.add_argument("--folds", type=int, default=5, help="folds of the built-in's cross-validation")
    parser.add_argument("--max-loss", type=float, default=0.005, help="F1 the cascade may lose on train and on dev")
    parser.add_argument("--student", default=None, help="a distilled student directory with out_of_fold.tsv")
    parser.add_argument("--student-band", type=float, nargs=2, default=[DEFAULT_LOW, DEFAULT_HIGH],
                        help="the built-in band the student scores (make_cascade's default)")
    args = parser.parse_args()

    accurate_dir = Path(args.accurate)
    accurate = load_model_dir(accurate_dir)
    train, source, keys = train_split(Path(args.train), accurate_dir, accurate, args.folds)
    dev, dev_spans = dev_split(Path(args.dev), accurate)
    splits = [train, dev]
    if args.student:
        low, high = args.student_band
        train_student, dev_student = student_scores(Path(args.student), train=keys, dev_spans=dev_spans)
        train.with_student(train_student, low=low, high=high)
        dev.with_student(dev_student, low=low, high=high)
    alone = {s.name: {"accurate": s.f1(s.accurate), "cheap": s.f1(s.cheap)} for s in splits}
    table = band_table(splits)
    within = [row for row in table
              if all(row[s.name]["f1"] >= alone[s.name]["accurate"] - args.max_loss for s in splits)]
    cost = (lambda row: (sum(row[s.name]["share_routed"] for s in splits),  # noqa: E731
                         -sum(row[s.name]["f1"] for s in splits)))
    chosen = min(within, key=cost) if within else None
    # The fewest routed sentences for each F1 loss allowed: the trade-off a desk can pick from.
    frontier = []
    for loss in (0.0, 0.005, 0.01, 0.02, 0.03, 0.05):
        fits = [row for row in table if all(row[s.name]["f1"] >= alone[s.name]["accurate"] - loss for s in splits)]
        if fits:
            frontier.append({"max_f1_loss": loss, **min(fits, key=cost)})
    print(json.dumps({"train_rows": len(train.labels), "dev_rows": len(splits[1].labels),
                      "accurate_train_scores": source, "builtin_folds": args.folds, "alone": alone,
                      "student": args.student, "student_band": args.student_band if args.student else None,
                      "share_to_student": {s.name: s.student_share for s in splits},
                      "max_loss": args.max_loss, "chosen": chosen, "frontier": frontier}))


if __name__ == "__main__":
    main()
