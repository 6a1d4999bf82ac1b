"""Measure check-worthiness scoring on a CheckThat!-style TSV (Sentence_id, Text, class_label)."""
import json

from django.core.management.base import BaseCommand, CommandError

from verify.extraction.checkthat import read_checkthat_tsv
from verify.extraction.scoring import get_scorer
from verify.extraction.training import Example, evaluate_examples


class Command(BaseCommand):
    help = "Score every sentence of a CheckThat!-style TSV and print precision, recall, F1 and MAP."

    def add_arguments(self, parser):
        parser.add_argument("file", help="TSV with Sentence_id, Text, class_label (Yes/No)")
        parser.add_argument("--model", default=None,
                            help="trained model directory (default: VERIFY_CHECKWORTHINESS_MODEL or the built-in rules; "
                                 "pass '' for the rules)")
        parser.add_argument("--threshold", type=float, default=None,
                            help="score at or above which a sentence counts as check-worthy (default: the scorer's)")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options):
        try:
            rows = read_checkthat_tsv(options["file"])
        except OSError as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from exc
        if not rows:
            raise CommandError(f"No labelled sentences in {options['file']}.")
        try:
            scorer = get_scorer(options["model"])
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        result = evaluate_examples([Example(text=r.text, label=r.label) for r in rows], scorer=scorer,
                                   threshold=options["threshold"])
        if options["json"]:
            self.stdout.write(json.dumps(result))
        else:
            for key, value in result.items():
                self.stdout.write(f"{key}: {value}")
