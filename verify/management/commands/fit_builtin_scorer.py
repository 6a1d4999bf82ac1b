"""Refit the built-in scorer's frozen weights (verify/extraction/builtin_weights.json) from labelled TSVs."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from verify.extraction.builtin_fit import DEFAULT_C, DEFAULT_MIN_DF, builtin_fit
from verify.extraction.checkthat import read_checkthat_tsv
from verify.extraction.rule_scorer import WEIGHTS_FILE
from verify.extraction.training import PRUNE_MARGIN, Example, examples_pruned, parse, read_scores


class Command(BaseCommand):
    help = ("Fit the built-in check-worthiness scorer (features + lemma lexicon, no model directory) and write its "
            "weights file. Developers run this when features change; the product only reads the file.")

    def add_arguments(self, parser):
        parser.add_argument("--data", action="append", required=True, help="training TSV (repeatable)")
        parser.add_argument("--teacher", default=None,
                            help="out_of_fold.tsv of a cross-validated model: rows it flatly contradicts are pruned")
        parser.add_argument("--prune-margin", type=float, default=PRUNE_MARGIN)
        parser.add_argument("--min-df", type=int, default=DEFAULT_MIN_DF)
        parser.add_argument("--c", type=float, default=DEFAULT_C)
        parser.add_argument("--out", default=str(WEIGHTS_FILE))

    def handle(self, *args, **options):
        examples: list[Example] = []
        for path in options["data"]:
            try:
                examples += [Example(text=r.text, label=r.label, key=r.sentence_id) for r in read_checkthat_tsv(path)]
            except OSError as exc:
                raise CommandError(f"Cannot read {path}: {exc}") from exc
        if options["teacher"]:
            examples = examples_pruned(examples, teacher=read_scores(options["teacher"]),
                                       margin=options["prune_margin"])
        if len({e.label for e in examples}) < 2:
            raise CommandError("Fitting needs both check-worthy and not check-worthy examples.")
        weights = builtin_fit(sentences=parse([e.text for e in examples]), labels=[e.label for e in examples],
                              min_df=options["min_df"], c=options["c"])
        weights["fitted_on"] = {"data": [Path(p).name for p in options["data"]], "rows": len(examples),
                                "pruned_with": Path(options["teacher"]).parent.name if options["teacher"] else None,
                                "min_df": options["min_df"], "c": options["c"]}
        Path(options["out"]).write_text(json.dumps(weights, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        self.stdout.write(f"Wrote {options['out']}: {len(weights['lemmas'])} lemma weights from {len(examples)} rows.")
