"""Write a cascade model directory: the built-in decides the clear sentences, the accurate model the rest."""
import json

from django.core.management.base import BaseCommand, CommandError

from verify.extraction.cascade_scorer import cascade_write

# Chosen on CheckThat! train (out-of-fold) and dev by bench/cascade_band.py (bench/README.md).
DEFAULT_LOW = 0.16
DEFAULT_HIGH = 0.94


class Command(BaseCommand):
    help = ("Write a cascade directory for VERIFY_CHECKWORTHINESS_MODEL: sentences whose built-in score lies in "
            "[--low, --high] are scored by the accurate model, the others keep the built-in's score.")

    def add_arguments(self, parser):
        parser.add_argument("--accurate", required=True, help="the accurate model directory (e.g. the ensemble)")
        parser.add_argument("--out", required=True, help="cascade directory to write (a meta.json)")
        parser.add_argument("--low", type=float, default=DEFAULT_LOW)
        parser.add_argument("--high", type=float, default=DEFAULT_HIGH)
        parser.add_argument("--cheap", default="", help="a trained model directory to route by ('': the built-in)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        try:
            written = cascade_write(out=options["out"], accurate_model=options["accurate"], low=options["low"],
                                    high=options["high"], cheap_model=options["cheap"])
        except (FileNotFoundError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(written))
            return
        self.stdout.write(f"Wrote {options['out']}/meta.json: band {written['band']}, accurate model "
                          f"{written['accurate_model']}. Point VERIFY_CHECKWORTHINESS_MODEL at {options['out']}.")
