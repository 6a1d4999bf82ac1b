"""Score the matcher on CLEF CheckThat! Task 2 files: MAP@5 and MRR (the task's official metrics), recall@5."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from annotations.matching.core.dense import embedder_for
from annotations.matching.core.evaluation import evaluate, read_qrels, read_tsv
from annotations.matching.core.matcher import Matcher
from annotations.matching.index import configured_embedder, configured_matcher


class Command(BaseCommand):
    help = "Rank the corpus (id, claim, title TSV) for each query (id, text TSV) and score against TREC qrels."

    def add_arguments(self, parser):
        parser.add_argument("--queries", required=True, help="TSV with a header: id, text")
        parser.add_argument("--corpus", required=True, help="TSV with a header: id, claim[, title]")
        parser.add_argument("--qrels", required=True, help="TREC qrels: qid 0 docid relevance")
        parser.add_argument("--json", action="store_true", help="Print one JSON object instead of a table.")
        parser.add_argument("--embedding-model", default=None,
                            help="Use this model (a directory made by train_matching, with its calibration.json, "
                                 "or the packaged name; '' = lexical) instead of VERIFY_MATCH_EMBEDDING_MODEL.")
        parser.add_argument("--unseen-by", default=None, metavar="QRELS",
                            help="Also report MAP@5 over the queries whose relevant documents are not in these "
                                 "qrels (e.g. the train split's: the queries a fine-tuned model never saw).")

    def handle(self, *args, **options):
        for name in ("queries", "corpus", "qrels"):
            if not Path(options[name]).is_file():
                raise CommandError(f"--{name}: no such file: {options[name]}")
        try:
            queries = read_tsv(options["queries"])
            corpus = read_tsv(options["corpus"])
            qrels = read_qrels(options["qrels"])
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(f"Could not read the input: {error}") from error
        bad = [row for row in queries if len(row) < 2] + [row for row in corpus if len(row) < 2]
        if bad:
            raise CommandError(f"Rows need at least an id and a text column; first bad row: {bad[0]!r}")
        if not any(row[0] in qrels for row in queries):
            raise CommandError("None of the queries has a relevance judgement in --qrels.")
        model = options["embedding_model"]
        if model is None:
            # The product's matcher: dense stage per VERIFY_MATCH_EMBEDDING_MODEL ('' = lexical only).
            factory, embedder = configured_matcher, configured_embedder()
        else:
            embedder = embedder_for(model)
            factory = lambda: Matcher(embedder=embedder)  # noqa: E731  (its own calibration, by model)
        seen: set[str] | None = None
        if options["unseen_by"]:
            if not Path(options["unseen_by"]).is_file():
                raise CommandError(f"--unseen-by: no such file: {options['unseen_by']}")
            seen = set().union(*read_qrels(options["unseen_by"]).values())
        evaluation = evaluate(queries=queries, corpus=corpus, qrels=qrels, matcher_factory=factory)
        result = evaluation.as_dict()
        if seen is not None:
            unseen = {qid for qid, relevant in qrels.items() if not relevant & seen}
            result["unseen_queries"] = len(unseen & evaluation.average_precision.keys())
            result["map_at_5_unseen"] = round(evaluation.map_over(unseen), 4)
        result["embedding_model"] = embedder.version if embedder else ""
        if options["json"]:
            self.stdout.write(json.dumps(result))
        else:
            for key, value in result.items():
                self.stdout.write(f"{key:>20}: {value}")
