"""Claim matching benchmark: lookup latency of one claim against N stored claims in PostgreSQL,
plus the CLEF 2020 CheckThat! Task 2 dev evaluation when the shared data is present.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/verity SECRET_KEY=bench \
        .venv/bin/python bench/matching.py --claims 100000 --lookups 200

It works in a database of its own beside the one DATABASE_URL names (`verity` → `verity_bench_matching`,
bench/benchdb.py), created if missing and filled once with synthetic claims (perturbed copies of the
10,375 Snopes claims from ../shared/data/claim_matching when present, generated sentences otherwise);
later runs reuse it. The database DATABASE_URL itself names is never touched.
Prints one JSON object.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import benchdb  # noqa: E402  (bench/ is not a package)

SHARED = ROOT.parent / "shared" / "data" / "claim_matching"

PREFIXES = ["", "", "", "Officials said that ", "Reports claim that ", "According to a viral post, ",
            "A spokesperson confirmed that ", "It is true that ", "Social media users claimed "]
SUFFIXES = ["", "", "", " last week", " according to reports", " this year", " in a recent statement"]
SUBJECTS = ["The ministry", "The mayor", "A senator", "The health agency", "The central bank", "The army",
            "A charity", "The governor", "The police", "The university"]
VERBS = ["said", "claimed", "reported", "announced", "denied", "confirmed"]
OBJECTS = ["troops", "homes", "jobs", "patients", "bridges", "schools", "vaccines", "voters", "migrants", "trees"]
PLACES = ["in the region", "in the capital", "across the country", "near the border", "in the city",
          "in rural areas", "on the coast", "in the north", "in the south", "abroad"]


def base_sentences() -> list[str]:
    path = SHARED / "verified_claims.docs.tsv"
    if path.exists():
        from annotations.matching.core.evaluation import read_tsv

        return [row[1] for row in read_tsv(path) if len(row) > 1 and row[1].strip()]
    rng = random.Random(7)
    return [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} that {rng.randint(2, 90_000):,} {rng.choice(OBJECTS)} "
            f"were affected {rng.choice(PLACES)}." for _ in range(10_000)]


def perturb(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    if len(words) > 6 and rng.random() < 0.5:
        del words[rng.randrange(len(words))]
    text = " ".join(words)
    # Change one stated number half of the time, so the numbers rule has work to do.
    if rng.random() < 0.5:
        text = re.sub(r"\d[\d,]*", lambda m: f"{rng.randint(2, 99_999):,}", text, count=1)
    return f"{rng.choice(PREFIXES)}{text.rstrip('.')}{rng.choice(SUFFIXES)}."


def populate(target: int) -> float:
    from annotations.matching.services import claims_index_missing
    from verify.models import Article, ArticleStatus, Claim

    existing = Claim.objects.count()
    if existing >= target:
        return 0.0
    started = time.perf_counter()
    rng = random.Random(42)
    bases = base_sentences()
    per_article = 100
    made = existing
    batch_number = existing // per_article
    while made < target:
        raw = f"bench article {batch_number}"
        article = Article.objects.create(
            title=f"Bench article {batch_number}", raw_content=raw, cleaned_text=raw,
            content_hash=hashlib.sha256(raw.encode()).hexdigest(), status=ArticleStatus.DONE, language="en",
            extractor_version="bench",
        )
        claims = []
        for index in range(min(per_article, target - made)):
            text = perturb(rng.choice(bases), rng)
            claims.append(Claim(article=article, text=text, sentence=text, start_char=index * 1000,
                                end_char=index * 1000 + len(text), sentence_index=index, checkworthiness=0.5,
                                extractor_version="bench", extracted_text=text,
                                verdict=rng.choice(["verified", "unverified", "disputed", "unreviewed"])))
        Claim.objects.bulk_create(claims)
        made += len(claims)
        batch_number += 1
    claims_index_missing()
    return time.perf_counter() - started


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=200)
    parser.add_argument("--skip-eval", action="store_true")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL=postgres://…/verity: the benchmark fills verity_bench_matching beside it.")
    url = os.environ["DATABASE_URL"] = benchdb.bench_database_url(url, "matching")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    benchdb.ensure_database(url)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)

    from annotations.matching.index import shared_index
    from annotations.matching.models import MatchDocument
    from annotations.matching.selectors import claims_similar

    populate_seconds = populate(args.claims)
    from annotations.matching.services import match_documents_retokenize

    started = time.perf_counter()
    retokenized = match_documents_retokenize()  # rows stored by an older tokenizer (once per version)
    retokenize_seconds = time.perf_counter() - started
    n_documents = MatchDocument.objects.count()

    # A fresh web process: its first lookup must answer at once (503 "warming up"), not after the build.
    from annotations.matching.index import IndexWarmingUp

    shared_index.reset()
    started = time.perf_counter()
    try:
        claims_similar(text="11,000 troops were stationed in the region", limit=10)
        first_web_lookup = "answered (index small enough to build inline)"
    except IndexWarmingUp:
        first_web_lookup = "503 warming up"
    first_web_lookup_ms = (time.perf_counter() - started) * 1000
    build_thread = shared_index._warm_thread
    started = time.perf_counter()
    if build_thread is not None:
        build_thread.join()  # the background build the first lookup started
    else:
        shared_index.sync()
    cold_build_seconds = time.perf_counter() - started
    assert shared_index.ready

    rng = random.Random(1)
    bases = base_sentences()
    queries = [perturb(rng.choice(bases), rng) for _ in range(args.lookups)]
    search_ms, similar_ms, found = [], [], 0
    for query in queries:
        t0 = time.perf_counter()
        candidates = shared_index.search(query, limit=10)  # includes the per-lookup sync query
        search_ms.append((time.perf_counter() - t0) * 1000)
        found += bool(candidates)
        t0 = time.perf_counter()
        claims_similar(text=query, limit=10)  # + reading findings (verdict, sources, reports) for the page/API
        similar_ms.append((time.perf_counter() - t0) * 1000)

    # The worker's path for one stored claim: index it, search, store the links (writes ClaimMatch rows).
    from annotations.matching.services import claim_matches_find
    from verify.models import Claim

    sample_ids = list(Claim.objects.order_by("?").values_list("id", flat=True)[: min(50, args.lookups)])
    find_ms = []
    for claim_id in sample_ids:
        t0 = time.perf_counter()
        claim_matches_find(claim_id=claim_id, refresh_index=False)
        find_ms.append((time.perf_counter() - t0) * 1000)

    result = {
        "documents": n_documents,
        "populate_seconds": round(populate_seconds, 1),
        "retokenized_documents": retokenized,
        "retokenize_seconds": round(retokenize_seconds, 1),
        "first_web_lookup": first_web_lookup,
        "first_web_lookup_ms": round(first_web_lookup_ms, 2),
        "cold_index_build_seconds": round(cold_build_seconds, 2),
        "rss_mb_after_build": _rss_mb(),
        "lookups": len(queries),
        "lookup_ms_p50": round(statistics.median(search_ms), 2),
        "lookup_ms_p95": round(percentile(search_ms, 0.95), 2),
        "lookup_ms_max": round(max(search_ms), 2),
        "similar_with_findings_ms_p50": round(statistics.median(similar_ms), 2),
        "similar_with_findings_ms_p95": round(percentile(similar_ms, 0.95), 2),
        "queries_with_candidates": found,
        "claim_matches_find_ms_p50": round(statistics.median(find_ms), 2) if find_ms else None,
        "claim_matches_find_ms_p95": round(percentile(find_ms, 0.95), 2) if find_ms else None,
        "cpu_count": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }
    if not args.skip_eval and (SHARED / "dev" / "tweets.queries.tsv").exists():
        from annotations.matching.core.evaluation import evaluate, read_qrels, read_tsv
        from annotations.matching.index import configured_embedder, configured_matcher

        embedder = configured_embedder()
        result["clef2020_dev"] = evaluate(
            queries=read_tsv(SHARED / "dev" / "tweets.queries.tsv"), corpus=read_tsv(SHARED / "verified_claims.docs.tsv"),
            qrels=read_qrels(SHARED / "dev" / "tweet-vclaim-pairs.qrels"),
            matcher_factory=configured_matcher,  # the product's matcher, as evaluate_matching runs it
        ).as_dict()
        result["clef2020_dev"]["embedding_model"] = embedder.version if embedder else ""
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
