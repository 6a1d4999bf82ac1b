"""Export a transformer or ensemble check-worthiness model to ONNX (optionally int8) for faster scoring."""
import json

from django.core.management.base import BaseCommand, CommandError

from verify.extraction.checkthat import read_checkthat_tsv
from verify.extraction.ensemble_scorer import EnsembleScorer
from verify.extraction.onnx_scorer import Quantisation, ensemble_export, export_agreement, transformer_export
from verify.extraction.trained_scorer import load_model_dir
from verify.extraction.transformer_scorer import TransformerScorer


class Command(BaseCommand):
    help = ("Write an ONNX export of a transformer or ensemble model directory (run by onnxruntime, no torch); "
            "--int8 stores the linear layers' weights in int8. Point VERIFY_CHECKWORTHINESS_MODEL (or a "
            "cascade's --accurate) at --out.")

    def add_arguments(self, parser):
        parser.add_argument("--model", required=True, help="transformer or ensemble model directory")
        parser.add_argument("--out", required=True, help="directory to write")
        parser.add_argument("--int8", action="store_true", help="dynamic int8 quantisation, one scale per channel")
        parser.add_argument("--check", default=None, metavar="TSV",
                            help="CheckThat!-style TSV whose sentences both models score: prints how far scores "
                                 "and decisions move")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        try:
            source = load_model_dir(options["model"])
            rows = read_checkthat_tsv(options["check"]) if options["check"] else []
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        quantisation = Quantisation.INT8 if options["int8"] else Quantisation.NONE
        if isinstance(source, TransformerScorer):
            transformer_export(scorer=source, out=options["out"], quantisation=quantisation)
        elif isinstance(source, EnsembleScorer) and all(isinstance(m, TransformerScorer) for m in source.members):
            ensemble_export(ensemble=source, out=options["out"], quantisation=quantisation)
        else:
            raise CommandError(f"{options['model']} is a {source.name} model: only transformer and ensemble "
                               "directories (of torch models) are exported.")
        result = {"out": options["out"], "quantisation": quantisation}
        if rows:
            result["agreement"] = export_agreement(source=source, export=load_model_dir(options["out"]),
                                                   texts=[row.text for row in rows])
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        self.stdout.write(f"Wrote {options['out']} ({quantisation}).")
        if rows:
            self.stdout.write(f"On {options['check']}: {json.dumps(result['agreement'])}")
