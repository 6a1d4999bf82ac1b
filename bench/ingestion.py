"""Ingestion throughput: real news articles through 1 and 2 Celery workers against bare spaCy.

    .venv/bin/python bench/ingestion.py --articles 240                     # default path
    .venv/bin/python bench/ingestion.py --articles 240 --batch-articles 1  # one article per spaCy pass
    .venv/bin/python bench/ingestion.py --articles 120 --checkworthiness-model var/models/cascade

The articles are the real ones bench/corpus.py reads (84 PolNeAR dev texts and the seed article from
../shared/data/, the fictional sample article without it), then variants of them (other figures and
names) only to reach --articles; both sizes are printed. Bare spaCy is `nlp.pipe` in this one process
over the same cleaned texts (no claim logic, no database), with the stock model as `spacy.load` gives it;
the same with the product's loader (its look-up attribute ruler, numpy's BLAS on one thread: the same
annotations for less CPU) is printed beside it, and each worker run's ratio to both: against the stock
model is the issue's measure, against the loader is the cost of everything outside spaCy. Each worker
run stores the articles first, lets the workers load their models, then publishes every article's
processing task at once and times until the last one is done: the workers' throughput, not the
submitter's. Workers serve only the processing queue (claim matching has its own queue and workers and
is not part of this figure). It creates (and drops first) its own database beside DATABASE_URL's
(`<name>_bench_ingest`); a benchmark, not a test: it prints numbers (JSON with --json) and asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
# bench/ is not a package: its modules import each other by name.
from benchdb import (PYTHON, add_database_argument, django_env, migrate, recreate_database, require_loopback,  # noqa: E402
                     setup_django)  # noqa: E402
from corpus import Varier, real_articles, size_report  # noqa: E402
from loadgen import cpu_seconds  # noqa: E402

HOUR = 3600
# Where the machine's CPU time goes during a run (the workers share the two cores with these).
INGEST_KINDS = (("celery workers", b"celery", False), ("postgres", b"postgres", True), ("redis", b"redis-server", False))


def ingestion_texts(count: int) -> tuple[list[str], dict]:
    """`count` distinct article texts: the real ones first, then variants; and their sizes side by side."""
    real = real_articles()
    varier = Varier(real, seed=11)
    chosen = real[:count]
    synthetic = [varier.article(real[index % len(real)]) for index in range(max(0, count - len(real)))]
    texts = [article.text for article in chosen + synthetic]
    # The same text twice would be one article (content hash): numbering the variants keeps them apart.
    texts = [text if index < len(chosen) else f"{text}\n\nUpdate {index}." for index, text in enumerate(texts)]
    return texts, size_report(chosen, synthetic)


def bare_spacy(texts: list[str], *, stock: bool = True) -> dict:
    """`nlp.pipe` over the cleaned texts in this process. `stock`: spaCy's own model as `spacy.load` gives
    it (plus Verity's paragraph boundaries, so the sentences are the same); otherwise the product's
    loader: its attribute ruler answers by look-up and its layers multiply through numpy's BLAS on one
    thread (the same output for less CPU)."""
    import spacy

    from verify.extraction import clean_text
    from verify.extraction.nlp import configured_model_name, load_nlp
    from verify.extraction.segmentation import add_paragraph_boundaries

    if stock:
        nlp = spacy.load(configured_model_name())
        add_paragraph_boundaries(nlp)
    else:
        nlp = load_nlp(configured_model_name())
    cleaned = [clean_text(text) for text in texts]
    list(nlp.pipe(cleaned[:8]))  # warm up
    started = time.perf_counter()
    docs = list(nlp.pipe(cleaned, batch_size=16))
    seconds = time.perf_counter() - started
    sentences = sum(1 for doc in docs for sentence in doc.sents if sentence.text.strip())
    return {"articles": len(docs), "sentences": sentences, **_rates(len(docs), sentences, seconds)}


def _rates(articles: int, sentences: int, seconds: float) -> dict:
    return {"seconds": round(seconds, 2), "articles_per_min": round(articles / seconds * 60, 1),
            "sentences_per_s": round(sentences / seconds, 1),
            "sentences_per_hour": round(sentences / seconds * HOUR)}


def workers_run(*, texts: list[str], sentences: int, worker_count: int, args) -> dict:
    from celery import Celery

    from verify.content import content_hash
    from verify.models import Article, ArticleStatus, Claim

    Article.objects.all().delete()
    queue = f"verity-bench-{uuid.uuid4().hex[:8]}"
    extra = {"REDIS_URL": args.redis_url, "CELERY_QUEUE": queue, "CONN_MAX_AGE": "60",
             "VERIFY_EXTRACTION_BATCH_ARTICLES": str(args.batch_articles),
             "VERIFY_CHECKWORTHINESS_MODEL": args.checkworthiness_model}
    workers = [subprocess.Popen(
        [PYTHON, "-m", "celery", "-A", "config", "worker", "-Q", queue, "-n", f"bench{i}-{queue}@%h",
         "--pool", "prefork", "--concurrency", "1", "--loglevel", "WARNING",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=django_env(args.database_url, **extra), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for i in range(worker_count)]
    try:
        articles = Article.objects.bulk_create([
            Article(title=f"Ingest {i}", raw_content=text, content_hash=content_hash(raw_content=text))
            for i, text in enumerate(texts)])
        time.sleep(args.warmup)  # the workers load spaCy and the scorer before the clock starts
        publisher = Celery(broker=args.redis_url)
        cpu_before = cpu_seconds(INGEST_KINDS)
        started = time.monotonic()
        for article in articles:
            publisher.send_task("workers.article_process", args=[article.pk], queue=queue)
        unfinished = Article.objects.filter(status__in=[ArticleStatus.PENDING, ArticleStatus.PROCESSING])
        while unfinished.exists():
            if time.monotonic() - started > args.timeout:
                raise RuntimeError("ingestion did not finish in time")
            time.sleep(0.1)
        seconds = time.monotonic() - started
        cpu = _cpu_used(cpu_before, cpu_seconds(INGEST_KINDS))
        claims = Claim.objects.count()
        return {"articles": len(articles), "failed": Article.objects.filter(status=ArticleStatus.FAILED).count(),
                "claims": claims, "claims_per_s": round(claims / seconds, 1),
                "taken_into_batches": Article.objects.exclude(batch_task="").count(),
                "cpu_seconds": cpu, **_rates(len(articles), sentences, seconds)}
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()


def _cpu_used(before: dict, after: dict) -> dict:
    """CPU seconds per kind of process between two readings (processes that started meanwhile count whole)."""
    used: dict[str, float] = {}
    for (kind, pid), seconds in after.items():
        used[kind] = used.get(kind, 0.0) + seconds - before.get((kind, pid), 0.0)
    return {kind: round(value, 2) for kind, value in sorted(used.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_database_argument(parser, "ingest")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    parser.add_argument("--batch-articles", type=int, default=8,
                        help="VERIFY_EXTRACTION_BATCH_ARTICLES for the workers (1: one article per spaCy pass)")
    parser.add_argument("--checkworthiness-model", default="",
                        help="VERIFY_CHECKWORTHINESS_MODEL for the workers (default: the built-in scorer)")
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds the workers get to load their models")
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    require_loopback(parser, args.database_url)
    recreate_database(args.database_url)
    migrate(args.database_url)
    setup_django(args.database_url)
    if args.checkworthiness_model:
        os.environ["VERIFY_CHECKWORTHINESS_MODEL"] = args.checkworthiness_model

    texts, sizes = ingestion_texts(args.articles)
    print(f"== ingestion: {len(texts)} articles; sizes, real beside synthetic: {json.dumps(sizes)}", flush=True)
    results: dict = {"sizes": sizes, "batch_articles": args.batch_articles,
                     "checkworthiness_model": args.checkworthiness_model}
    results["bare"] = bare_spacy(texts)
    print(f"bare spaCy nlp.pipe (1 process, stock model): {results['bare']}", flush=True)
    results["bare_product_loader"] = bare_spacy(texts, stock=False)
    print(f"nlp.pipe with the product's loader (1 process): {results['bare_product_loader']}", flush=True)
    for count in (int(value) for value in args.workers.split(",")):
        row = workers_run(texts=texts, sentences=results["bare"]["sentences"], worker_count=count, args=args)
        row["x_bare"] = round(results["bare"]["seconds"] / row["seconds"], 3)
        row["x_product_loader"] = round(results["bare_product_loader"]["seconds"] / row["seconds"], 3)
        results[f"{count} worker(s)"] = row
        print(f"{count} worker(s): {row}", flush=True)
    print("\n" + "\n".join(f"{key}: {value['x_bare']}x bare spaCy, {value['sentences_per_hour']:,} sentences/hour"
                           for key, value in results.items() if isinstance(value, dict) and "x_bare" in value))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
