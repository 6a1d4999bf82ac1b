"""Fine-tune the matching bi-encoder on labelled pairs and fit its calibration (or only fit a calibration)."""
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from annotations.matching.core.dense import PACKAGED_MODEL
from annotations.matching.core.evaluation import read_qrels, read_tsv
from annotations.matching.core.finetune import BATCH_SIZE, LEARNING_RATE
from annotations.matching.training import (CALIBRATION_SHARE, LabelledFiles, calibration_fit,
                                           default_calibration_path, matching_model_train)


class Command(BaseCommand):
    help = ("Fine-tune the matching encoder (one epoch, MultipleNegativesRankingLoss, BM25 hard negatives) on "
            "CLEF-format pairs and the desk's decided matches, and fit its calibration; --calibrate-only fits "
            "the calibration of --base-model as it is.")

    def add_arguments(self, parser):
        parser.add_argument("--queries", required=True, help="TSV with a header: id, text")
        parser.add_argument("--corpus", required=True, help="TSV with a header: id, claim[, title]")
        parser.add_argument("--qrels", required=True, help="TREC qrels: qid 0 docid relevance")
        parser.add_argument("--base-model", default=PACKAGED_MODEL,
                            help=f"The encoder to start from (default {PACKAGED_MODEL}, or a directory such as "
                                 "var/models/all-mpnet-base-v2).")
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "var" / "models" / "matching-minilm"),
                            help="Directory for the fine-tuned model and its calibration.json; with "
                                 "--calibrate-only, the calibration file (default: the packaged JSON for the "
                                 "packaged model, else calibration.json in the model's directory).")
        parser.add_argument("--calibrate-only", action="store_true", help="Fit the calibration, no fine-tuning.")
        parser.add_argument("--no-desk", action="store_true", help="Leave out the desk's decided matches.")
        parser.add_argument("--calibration-share", type=float, default=CALIBRATION_SHARE,
                            help="Share of the queries kept out of fine-tuning to fit the calibration on.")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument("--learning-rate", type=float, default=None,
                            help=f"AdamW learning rate (default {LEARNING_RATE:g}).")
        parser.add_argument("--max-steps", type=int, default=None, help="Stop after this many batches (smoke runs).")

    def handle(self, *args, **options):
        files = self._read(options)
        base = options["base_model"]
        if base != PACKAGED_MODEL and not Path(base).is_dir():
            raise CommandError(f"--base-model: no such model directory: {base}")
        if not 0 < options["calibration_share"] < 1:
            raise CommandError("--calibration-share must be between 0 and 1.")
        if options["calibrate_only"]:
            output_given = options["output"] != self._default_output()
            target = Path(options["output"]) if output_given else default_calibration_path(base)
            judged = [query for query in files.queries if query[0] in files.qrels]
            calibration = calibration_fit(model=base, files=files, queries=judged,
                                          fitted_on=f"all {len(judged)} queries of {options['queries']}")
            path = calibration.save(target)
            self.stdout.write(f"Calibration written to {path}: {json.dumps(calibration.to_dict(), indent=2)}")
            return
        try:
            result = matching_model_train(
                base_model=base, output=options["output"], files=files, use_desk=not options["no_desk"],
                calibration_share=options["calibration_share"], batch_size=options["batch_size"],
                max_steps=options["max_steps"], learning_rate=options["learning_rate"],
                progress=lambda step, total, loss: self.stdout.write(f"step {step}/{total} loss {loss:.4f}")
                if step % 5 == 0 or step == total else None)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Fine-tuned {base} on {result.pairs} file pairs and {result.desk_pairs} desk pairs ({result.steps} "
            f"steps) into {result.output}; BM25 share of the fitted interpolation {result.calibration.bm25_share:.3f}."
            f"\nCalibration: {json.dumps(result.calibration.metrics, indent=2)}"
            f"\nUse it: VERIFY_MATCH_EMBEDDING_MODEL={result.output} (then manage.py match_claims to re-embed).")

    @staticmethod
    def _default_output() -> str:
        return str(Path(settings.BASE_DIR) / "var" / "models" / "matching-minilm")

    @staticmethod
    def _read(options) -> LabelledFiles:
        for name in ("queries", "corpus", "qrels"):
            if not Path(options[name]).is_file():
                raise CommandError(f"--{name}: no such file: {options[name]}")
        try:
            queries, corpus = read_tsv(options["queries"]), read_tsv(options["corpus"])
            qrels = read_qrels(options["qrels"])
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(f"Could not read the input: {error}") from error
        if any(len(row) < 2 for row in queries + corpus):
            raise CommandError("Rows need at least an id and a text column.")
        if not any(row[0] in qrels for row in queries):
            raise CommandError("None of the queries has a relevance judgement in --qrels.")
        return LabelledFiles(queries=[(row[0], row[1]) for row in queries],
                             corpus=[(row[0], row[1], row[2] if len(row) > 2 else "") for row in corpus],
                             qrels=qrels)
