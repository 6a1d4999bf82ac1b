"""Extraction's acceptance check on the sample news article (or another with the same story)."""
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from verify.extraction.article_check import article_check

SEED_ARTICLE = Path(settings.BASE_DIR).parent / "shared" / "data" / "seed" / "article.txt"


class Command(BaseCommand):
    help = ("Extract claims from the seed article and check them: key claims kept with figures, hedges and bounds; "
            "at most 3 analysis or opinion sentences in the queue; claimants typed; no date counted as a figure.")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(SEED_ARTICLE))
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        try:
            raw = Path(options["path"]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {options['path']}: {exc}") from exc
        result = article_check(raw)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
        else:
            for key, value in result.as_dict().items():
                self.stdout.write(f"{key}: {value}")
        if not result.passed:
            raise CommandError("The article check failed (see above).")
