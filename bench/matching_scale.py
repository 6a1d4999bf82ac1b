"""Claim matching at scale: 1,000,000 indexed claims, one snapshot per machine, processes sharing it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/verity nice -n 10 .venv/bin/python bench/matching_scale.py \
        --claims 1000000 --embed-seconds 1500 --lookups 400

Works in `<database>_bench_matchscale` beside the one DATABASE_URL names (bench/benchdb.py), filled once
by COPY with the synthetic corpus of bench/scale_corpus.py (real claim texts with varied numbers
and names; real vs synthetic size distributions are printed) and its embeddings: real MiniLM ones
for every base text and as many variants as --embed-seconds allows, the base's vector plus noise
for the rest (the count of each is printed). Then, measured in one run:
  - the snapshot build (`manage.py build_match_index`, a subprocess: seconds, peak RSS, file sizes);
  - a machine's processes: a gunicorn-like parent that preloads (config/gunicorn.conf.py: the encoder
    and the snapshot, annotations.matching.index.preload_before_fork) and forks 2 web workers, and a
    Celery-like parent that does the same and forks 1 pool process (bench/matching_scale_child.py);
    the 3 forks answer lookups of real query texts (CLEF 2020 dev + train tweets): p50/p95;
  - the PSS of all 5 processes (/proc/<pid>/smaps_rollup: shared pages divided among the processes
    mapping them), each and in total;
  - one new claim's update latency: from its MatchDocument row committed (the claim's text indexed
    and embedded by this process, as a worker does) to a lookup in a web process returning it.
Prints one JSON object. --claims 2000 runs in seconds (tests/bench/test_matching_scale_benchmark.py).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import benchdb  # noqa: E402  (bench/ is not a package)
import scale_corpus  # noqa: E402

CLEF = scale_corpus.DATA / "claim_matching"
CHILD = ROOT / "bench" / "matching_scale_child.py"
PER_ARTICLE = 1000


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def queries(limit: int, corpus: list[str], *, generated: bool) -> list[str]:
    from annotations.matching.core.evaluation import read_tsv

    texts = []
    for part in ("dev", "train"):
        path = CLEF / part / "tweets.queries.tsv"
        if path.exists() and not generated:
            texts += [row[1] for row in read_tsv(path) if len(row) > 1]
    if not texts:  # without the shared data: the corpus's own texts, reworded a little
        texts = [f"Is it true that {text}" for text in corpus[:limit]]
    return (texts * (limit // max(len(texts), 1) + 1))[:limit]


def _defaults(cursor, table: str) -> dict[str, str]:
    """A value for every NOT NULL column without a database default (Django sets defaults in Python)."""
    cursor.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s "
                   "AND is_nullable = 'NO' AND column_default IS NULL", [table])
    by_type = {"text": "", "character varying": "", "jsonb": "[]", "integer": "0", "bigint": "0",
               "smallint": "0", "boolean": "f", "double precision": "0.5", "timestamp with time zone": "now"}
    return {name: by_type.get(kind, "") for name, kind in cursor.fetchall()}


def _copy(cursor, table: str, rows, columns: list[str]) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def populate(texts: list[str], vectors, model: str) -> float:
    """COPY the corpus into claims and their match documents (skipped when already there)."""
    from django.db import connection
    from django.utils import timezone

    from annotations.matching.core.dense import to_bytes
    from annotations.matching.core.text import TOKENIZER_VERSION, tokenize
    from annotations.matching.models import MatchDocument

    if MatchDocument.objects.count() >= len(texts):
        return 0.0
    started = time.perf_counter()
    stamp = timezone.now() - timezone.timedelta(hours=1)
    raw = connection.connection  # psycopg 3
    with raw.cursor() as cursor:
        cursor.execute("TRUNCATE matching_matchdocument, verify_claim, verify_article RESTART IDENTITY CASCADE")
        article_defaults = _defaults(cursor, "verify_article")
        claim_defaults = _defaults(cursor, "verify_claim")
        n_articles = (len(texts) + PER_ARTICLE - 1) // PER_ARTICLE

        def article_rows():
            for number in range(n_articles):
                row = dict(article_defaults, id=number + 1, title=f"Scale bench article {number}",
                           content_hash=f"{number:064x}", status="done", language="en", extractor_version="bench")
                yield [stamp if value == "now" else value for value in row.values()]
        _copy(cursor, "verify_article", article_rows(),
              list(dict(article_defaults, id=0, title=0, content_hash=0, status=0, language=0, extractor_version=0)))

        def claim_rows():
            for index, text in enumerate(texts):
                row = dict(claim_defaults, id=index + 1, article_id=index // PER_ARTICLE + 1, text=text, sentence=text,
                           extracted_text=text, start_char=1000 * (index % PER_ARTICLE),
                           end_char=1000 * (index % PER_ARTICLE) + len(text), sentence_index=index % PER_ARTICLE,
                           checkworthiness=0.5, verdict="unreviewed", extractor_version="bench", version=1)
                yield [stamp if value == "now" else value for value in row.values()]
        columns = list(dict(claim_defaults, id=0, article_id=0, text=0, sentence=0, extracted_text=0, start_char=0,
                            end_char=0, sentence_index=0, checkworthiness=0, verdict=0, extractor_version=0, version=0))
        _copy(cursor, "verify_claim", claim_rows(), columns)

        def document_rows():
            for index, text in enumerate(texts):
                yield [index + 1, "claim", index + 1, text, " ".join(tokenize(text)), TOKENIZER_VERSION,
                       to_bytes(vectors[index]), model, stamp, stamp]
        _copy(cursor, "matching_matchdocument", document_rows(),
              ["id", "kind", "claim_id", "text", "terms", "terms_version", "embedding", "embedding_model",
               "created_at", "updated_at"])
        for table in ("verify_article", "verify_claim", "matching_matchdocument"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        cursor.execute("ANALYZE matching_matchdocument")
    raw.commit()
    return time.perf_counter() - started


def build(env: dict) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "manage.py", "build_match_index", "--skip-embed"], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True).stdout
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"build_seconds": round(seconds, 1), "build_peak_rss_mb": round(max(peak, before) / 1024),
            "build_output": out.strip()}


def snapshot_sizes(root: Path) -> dict:
    current = root / os.readlink(root / "current")
    sizes = {}
    for path in sorted(current.rglob("*")):
        if path.is_file():
            sizes[str(path.relative_to(current))] = round(path.stat().st_size / 2 ** 20, 1)
    manifest = json.loads((current / "manifest.json").read_text())
    return {"files_mb": sizes, "total_mb": round(sum(sizes.values()), 1), "rows": manifest["rows"],
            "write_seconds": manifest["build_seconds"], "vector_dtype": manifest["vector_dtype"]}


class Server:
    """A parent process that preloads and forks (bench/matching_scale_child.py), like gunicorn or Celery."""

    def __init__(self, role: str, forks: int, env: dict) -> None:
        self.role = role
        self.forks = forks
        self.process = subprocess.Popen([sys.executable, str(CHILD), role, str(forks)], cwd=ROOT, env=env,
                                        text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def ask(self, **command) -> dict:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"{self.role} server ended")
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


def pss(pid: int) -> dict:
    values = {}
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in io.StringIO(rollup.read()):
            name, _, rest = line.partition(":")
            if name in ("Rss", "Pss", "Pss_Anon", "Pss_File", "Shared_Clean", "Private_Dirty"):
                values[name.lower() + "_mb"] = round(int(rest.split()[0]) / 1024, 1)
    return values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=400)
    parser.add_argument("--updates", type=int, default=20)
    parser.add_argument("--embed-seconds", type=float, default=1500.0)
    parser.add_argument("--dtype", default="i8")
    parser.add_argument("--reuse-snapshot", action="store_true",
                        help="keep the snapshot an earlier run built (its build figures are that run's manifest's)")
    parser.add_argument("--generated", action="store_true", help="generated texts, not the shared data (smoke test)")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL=postgres://…/verity: the benchmark fills verity_bench_matchscale beside it.")
    url = benchdb.bench_database_url(url, "matchscale")
    benchdb.ensure_database(url)
    index_root = scale_corpus.CACHE / f"match-index-{args.claims}-{args.dtype}"
    env = benchdb.django_env(url, VERIFY_MATCH_INDEX_DIR=str(index_root), VERIFY_MATCH_VECTOR_DTYPE=args.dtype,
                             VERIFY_MATCH_INLINE_BUILD_MAX="0")
    benchdb.migrate(url)
    os.environ.update(env)
    import django

    django.setup()
    from annotations.matching.embedding import configured_model

    model = configured_model()
    result = {"claims": args.claims}
    bases, texts, origin = scale_corpus.corpus(args.claims, generated=args.generated)
    result["real_texts"] = scale_corpus.distribution(bases)
    result["synthetic_texts"] = scale_corpus.distribution(texts[len(bases):]) if len(texts) > len(bases) else None
    real, n_real = scale_corpus.embed(texts, budget_seconds=args.embed_seconds, model=model,
                                      at_least=min(len(bases), len(texts)))
    vectors, cosine = scale_corpus.synthetic_vectors(real, origin, len(bases), len(texts))
    result["embeddings"] = {"real_minilm": min(n_real, len(texts)), "base_plus_noise": max(len(texts) - n_real, 0),
                            "variant_to_base_cosine_median": round(cosine, 3)}
    result["populate_seconds"] = round(populate(texts, vectors, model), 1)
    del vectors, real

    if args.reuse_snapshot and (index_root / "current").exists():
        manifest = json.loads((index_root / "current" / "manifest.json").read_text())
        result["rebuild"] = {"reused_snapshot": manifest["generation"],
                             "snapshot_write_seconds_then": manifest["build_seconds"]}
    else:
        result["rebuild"] = build(env)
    result["snapshot"] = snapshot_sizes(index_root)

    servers = [Server("web", 2, env), Server("worker", 1, env)]
    try:
        pids = {server.role: server.ask(op="pids") for server in servers}
        web = [(servers[0], 0), (servers[0], 1)]
        worker = (servers[1], 0)
        result["first_sync_ms"] = [server.ask(op="ready", child=child)["ms"] for server, child in [*web, worker]]
        lookups = queries(args.lookups, texts, generated=args.generated)
        answers = [server.ask(op="lookups", texts=lookups, child=child) for server, child in [*web, worker]]
        timings = [answer["ms"] for answer in answers]
        web_ms = timings[0] + timings[1]
        embedding_ms = answers[0]["embedding_ms"] + answers[1]["embedding_ms"]
        result["lookup_ms"] = {"count": len(web_ms), "p50": round(statistics.median(web_ms), 1),
                               "p95": round(percentile(web_ms, 0.95), 1), "max": round(max(web_ms), 1),
                               "first_web_lookup": round(timings[0][0], 1),
                               "worker_p50": round(statistics.median(timings[2]), 1),
                               "worker_p95": round(percentile(timings[2], 0.95), 1)}
        if embedding_ms:  # the MiniLM query embedding inside each lookup, timed apart on the same texts
            result["query_embedding_ms"] = {"p50": round(statistics.median(embedding_ms), 1),
                                            "p95": round(percentile(embedding_ms, 0.95), 1)}
            rest = [total - embed for total, embed in zip(web_ms, embedding_ms)]
            result["lookup_without_embedding_ms"] = {"p50": round(statistics.median(rest), 1),
                                                     "p95": round(percentile(rest, 0.95), 1)}
        # One new claim: stored (text embedded, row committed) by the worker, then looked up by a web process.
        updates, stores, syncs = [], [], []
        for number in range(args.updates):
            text = f"Scale bench new claim {number}: the mayor of Springfield opened {1000 + number} new bridges"
            stored = worker[0].ask(op="store", text=text, number=int(time.time() * 1000) % 10**7 * 100 + number,
                                   child=worker[1])
            found = web[number % 2][0].ask(op="find", text=text, key=stored["key"], child=web[number % 2][1])
            assert found["found"], f"claim {stored['key']} not found"
            stores.append(stored["ms"])
            updates.append(found["ms"])
            syncs.append(found["sync_ms"])
        result["update_ms"] = {"store_p50": round(statistics.median(stores), 1),
                               "row_into_delta_p50": round(statistics.median(syncs), 2),
                               "row_into_delta_p95": round(percentile(syncs, 0.95), 2),
                               "row_into_delta_max": round(max(syncs), 2),
                               "commit_to_found_p50": round(statistics.median(updates), 1),
                               "commit_to_found_p95": round(percentile(updates, 0.95), 1),
                               "commit_to_found_max": round(max(updates), 1)}
        processes = {}
        for role, ids in pids.items():
            processes[f"{role}-parent"] = pss(ids["parent"])
            for number, pid in enumerate(ids["children"]):
                processes[f"{role}-{number}"] = pss(pid)
        result["pss"] = processes
        result["pss_total_mb"] = round(sum(p["pss_mb"] for p in processes.values()), 1)
        result["state"] = web[0][0].ask(op="state", child=0)
    finally:
        for server in servers:
            server.close()
    result["cpu_count"] = os.cpu_count()
    result["load_average_1m"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
