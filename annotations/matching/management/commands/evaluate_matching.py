"""Score the matcher on CLEF CheckThat! Task 2 files: MAP@5 and MRR (the task's official metrics)."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from annotations.matching.core.evaluation import evaluate, read_qrels, read_tsv
from annotations.matching.index import configured_embedder, configured_matcher


class Command(BaseCommand):
    help = "Rank the corpus (id, claim, title TSV) for each query (id, text TSV) and score against TREC qrels."

    def add_arguments(self, parser):
        parser.add_argument("--queries", required=True, help="TSV with a header: id, text")
        parser.add_argument("--corpus", required=True, help="TSV with a header: id, claim[, title]")
        parser.add_argument("--qrels", required=True, help="TREC qrels: qid 0 docid relevance")
        parser.add_argument("--json", action="store_true", help="Print one JSON object instead of a table.")

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
        # The product's matcher: dense stage per VERIFY_MATCH_EMBEDDING_MODEL ('' = lexical only).
        result = evaluate(queries=queries, corpus=corpus, qrels=qrels, matcher_factory=configured_matcher).as_dict()
        embedder = configured_embedder()
        result["embedding_model"] = embedder.version if embedder else ""
        if options["json"]:
            self.stdout.write(json.dumps(result))
        else:
            for key, value in result.items():
                self.stdout.write(f"{key:>20}: {value}")
