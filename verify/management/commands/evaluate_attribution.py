"""Measure claimant attribution against a PolNeAR-style folder (text/*.txt, attributions/*.ann)."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from verify.extraction.attribution_eval import evaluate_directory


class Command(BaseCommand):
    help = "Run extraction on annotated articles and print claimant precision/recall/F1 and content recall."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="folder with text/*.txt and attributions/*.ann (brat standoff)")
        parser.add_argument("--threshold", type=float, default=None, help="selection threshold (default: the extractor's)")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options):
        directory = Path(options["directory"])
        if not (directory / "text").is_dir() or not (directory / "attributions").is_dir():
            raise CommandError(f"{directory} needs text/ and attributions/ subfolders.")
        result = evaluate_directory(directory, threshold=options["threshold"])
        if options["json"]:
            self.stdout.write(json.dumps(result))
        else:
            for key, value in result.items():
                self.stdout.write(f"{key}: {value}")
