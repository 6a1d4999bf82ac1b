"""Train the check-worthiness model from CheckThat!-style TSVs and/or reviewers' verdicts."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from verify.extraction.checkthat import read_checkthat_tsv
from verify.extraction.training import Example, read_scores, train_model
from verify.selectors import review_labels


class Command(BaseCommand):
    help = ("Train a check-worthiness model directory (linear: model.joblib + meta.json; transformer: fine-tuned "
            "weights + tokenizer + head + meta.json) for VERIFY_CHECKWORTHINESS_MODEL.")

    def add_arguments(self, parser):
        parser.add_argument("--data", action="append", default=[], help="training TSV (repeatable)")
        parser.add_argument("--dev", default=None,
                            help="dev TSV: metrics written to meta.json (transformer kind: it also picks the cut-off)")
        parser.add_argument("--from-reviews", action="store_true",
                            help="add reviewed claims: 'not_a_claim' -> negative, verified/unverified/disputed -> positive")
        parser.add_argument("--review-weight", type=int, default=3,
                            help="repeat each review this many times (reviews are few but in-domain)")
        parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength (linear kind)")
        parser.add_argument("--kind", choices=("linear", "transformer"), default="linear",
                            help="linear: TF-IDF + spaCy features logistic regression (~4 min); transformer: "
                                 "fine-tuned MiniLM-L6 (needs torch; much slower to train and to score)")
        parser.add_argument("--epochs", type=float, default=1.0, help="passes over the data (transformer kind)")
        parser.add_argument("--max-steps", type=int, default=None,
                            help="stop after this many batches of 32 instead (transformer kind)")
        parser.add_argument("--learning-rate", type=float, default=5e-5, help="transformer kind")
        parser.add_argument("--threads", type=int, default=2, help="torch CPU threads (transformer kind)")
        parser.add_argument("--base-model", default=None,
                            help="encoder directory to fine-tune (transformer kind; default: "
                                 "VERIFY_TRANSFORMER_BASE_MODEL, else the bundled all-MiniLM-L6-v2)")
        parser.add_argument("--folds", type=int, default=0,
                            help="transformer kind: cross-validate over this many folds of debate blocks and keep "
                                 "the fold models as an ensemble, its cut-off chosen on out-of-fold scores")
        parser.add_argument("--jobs", type=int, default=1,
                            help="with --folds: train this many folds at once, one process and thread each")
        parser.add_argument("--no-bf16", action="store_true",
                            help="transformer kind: compute in float32 even on a CPU with native bfloat16 (there bf16 is "
                                 "about 3x faster; without it float32 is used anyway)")
        parser.add_argument("--teacher", default=None,
                            help="a teacher's out_of_fold.tsv (the accurate kind writes one): learn its scores of "
                                 "the rows it scored instead of their labels (a distilled student)")
        parser.add_argument("--out", required=True, help="model directory to write")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        train: list[Example] = []
        sources: list[str] = []
        for path in options["data"]:
            try:
                rows = read_checkthat_tsv(path)
            except OSError as exc:
                raise CommandError(f"Cannot read {path}: {exc}") from exc
            train.extend(Example(text=r.text, label=r.label, key=r.sentence_id) for r in rows)
            sources.append(f"{path} ({len(rows)} sentences)")
        if options["from_reviews"]:
            reviews = [Example(text=text, label=label) for text, label in review_labels()]
            train.extend(reviews * max(1, options["review_weight"]))
            sources.append(f"reviews ({len(reviews)} claims x{options['review_weight']})")
        if len({e.label for e in train}) < 2:
            raise CommandError("Training needs both check-worthy and not check-worthy examples.")
        teacher = None
        if options["teacher"]:
            try:
                teacher = read_scores(options["teacher"])
            except (OSError, ValueError) as exc:
                raise CommandError(f"Cannot read teacher scores from {options['teacher']}: {exc}") from exc
            sources.append(f"teacher scores {options['teacher']} ({len(teacher)} sentences)")
        dev = None
        if options["dev"]:
            dev = [Example(text=r.text, label=r.label, key=r.sentence_id) for r in read_checkthat_tsv(options["dev"])]
        transformer_options = {"epochs": options["epochs"], "max_steps": options["max_steps"],
                               "learning_rate": options["learning_rate"], "threads": options["threads"],
                               "base_model": options["base_model"], "bf16": not options["no_bf16"]}
        try:
            scorer = train_model(train=train, dev=dev, sources=sources, c=options["c"], kind=options["kind"],
                                 transformer_options=transformer_options, folds=options["folds"],
                                 jobs=options["jobs"], out=Path(options["out"]), teacher=teacher)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        scorer.save(options["out"])
        if options["json"]:
            self.stdout.write(json.dumps(scorer.meta))
        else:
            self.stdout.write(f"Model written to {options['out']}: {json.dumps(scorer.meta, indent=2)}")
