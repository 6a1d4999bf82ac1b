"""Cross-validated F1 of the built-in check-worthiness kind on a CheckThat!-style TSV.

    .venv/bin/python bench/builtin_cv.py ../shared/data/checkworthiness/ct24_train.tsv [--folds 5] [--teacher FILE]

Folds are contiguous sentence-id blocks (about one debate each, `cross_validation.fold_assignment`). Per
fold, the built-in weights are fitted on the other folds exactly as `manage.py fit_builtin_scorer` fits them
(`--teacher` prunes rows as its option does), and the held-out rows are scored through the extraction
scoring path (screening and the attributed-statement floor included) at the default cut-off. Prints one
JSON object: the pooled out-of-fold precision, recall and F1, and each fold's F1.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from verify.extraction.builtin_fit import builtin_fit  # noqa: E402
from verify.extraction.checkthat import read_checkthat_tsv  # noqa: E402
from verify.extraction.cross_validation import fold_assignment  # noqa: E402
from verify.extraction.rule_scorer import RuleScorer  # noqa: E402
from verify.extraction.scoring import CHECKWORTHINESS_THRESHOLD, score_spans  # noqa: E402
from verify.extraction.training import Example, evaluate_scores, examples_pruned, parse, read_scores  # noqa: E402


def fold_scorers(examples: list[Example], spans: list, *, folds: int, teacher: str | None = None):
    """(held-out row indices, built-in scorer fitted on the other folds) per fold, fitted exactly as
    `manage.py fit_builtin_scorer` fits (`teacher` prunes its rows as its option does)."""
    assignment = fold_assignment([e.key for e in examples], folds=folds)
    kept = {id(e) for e in examples_pruned(examples, teacher=read_scores(teacher))} if teacher else None
    for fold in range(folds):
        train = [i for i, f in enumerate(assignment) if f != fold and (kept is None or id(examples[i]) in kept)]
        held_out = [i for i, f in enumerate(assignment) if f == fold]
        weights = builtin_fit(sentences=[spans[i] for i in train], labels=[examples[i].label for i in train])
        yield held_out, RuleScorer(feature_weights=weights["features"], lemma_weights=weights["lemmas"])


def cross_validate(path: str, *, folds: int, teacher: str | None = None) -> dict:
    examples = [Example(text=r.text, label=r.label, key=r.sentence_id) for r in read_checkthat_tsv(path)]
    spans = parse([e.text for e in examples])
    scores = [0.0] * len(examples)
    per_fold = []
    for held_out, scorer in fold_scorers(examples, spans, folds=folds, teacher=teacher):
        fold_scores = score_spans([spans[i] for i in held_out], scorer=scorer)
        for index, score in zip(held_out, fold_scores):
            scores[index] = score
        per_fold.append(evaluate_scores(labels=[examples[i].label for i in held_out], scores=fold_scores,
                                        threshold=CHECKWORTHINESS_THRESHOLD)["f1"])
    result = evaluate_scores(labels=[e.label for e in examples], scores=scores, threshold=CHECKWORTHINESS_THRESHOLD)
    return {"file": Path(path).name, "folds": folds, "pruned_with": teacher, **result, "fold_f1": per_fold}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="TSV with Sentence_id, Text, class_label")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--teacher", default=None, help="out_of_fold.tsv of the accurate kind (prunes rows)")
    args = parser.parse_args()
    print(json.dumps(cross_validate(args.file, folds=args.folds, teacher=args.teacher)))


if __name__ == "__main__":
    main()
