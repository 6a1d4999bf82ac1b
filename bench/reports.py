"""Benchmark: report export time per format vs. the bare database query for the same rows.

    python bench/reports.py                       # SQLite (a throw-away test database)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test python bench/reports.py
    python bench/reports.py --sizes 100,1000 --formats claimreview,csv --repeat 5

For each size N it builds N reviewed claims (1 review and 2 sources each), publishes a report of them
(the freeze, timed), then times in the same run, best of --repeat, the two alternating:
  - bare query: list(ReportItem.objects.filter(revision=...).order_by("position").values(*ITEM_FIELDS)),
    i.e. fetching exactly the rows every renderer reads;
  - report_render(report=..., fmt=...) for each format, with its number of SQL queries.
The target: ClaimReview JSON-LD and CSV under 3x the bare query, with a constant query count.
The database is a throw-away test database (SQLite: in memory; PostgreSQL: `<name>_bench_reports`
beside the database DATABASE_URL names, created and dropped here), never the one you work in.
"""
import argparse
import gc
import os
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Publishing needs a public address (a loopback one is a publish-check error with DEBUG off).
os.environ.setdefault("VERIFY_SITE_URL", "https://verity.example.org")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from annotations.models import Review, Source  # noqa: E402
from verify.models import Article, Claim, SignoffState, Verdict  # noqa: E402
from annotations.reports import services  # noqa: E402
from annotations.reports.document import ITEM_FIELDS  # noqa: E402
from annotations.reports.models import ReportClaim, ReportItem  # noqa: E402
from annotations.reports.renderers import FORMATS  # noqa: E402

VERDICTS = [Verdict.UNVERIFIED, Verdict.VERIFIED, Verdict.DISPUTED]
CLAIMANTS = ["Ukrainian intelligence", "Kim Jong Un", "the Defence Ministry", "reports", "Maria Lopez"]


def build_claims(count: int) -> list[int]:
    """`count` reviewed claims (10 per article), each with one review and two sources."""
    User = get_user_model()
    reviewers = [User.objects.get_or_create(username=f"bench-reviewer-{i}")[0] for i in range(5)]
    published = datetime(2024, 10, 24, 9, 30, tzinfo=timezone.utc)
    articles = Article.objects.bulk_create([
        Article(title=f"Bench article {i}", url=f"https://news.example.com/world/article-{i}",
                publisher="The Meridian Ledger", published_at=published + timedelta(hours=i),
                raw_content=f"bench {i}", cleaned_text=f"bench {i}", content_hash=f"bench-{i:058d}",
                status="done", language="en")
        for i in range((count + 9) // 10)
    ], batch_size=1000)
    claims = Claim.objects.bulk_create([
        Claim(article=articles[i // 10],
              text=f"As many as {11000 + i:,} North Korean troops could be fighting alongside Russian forces in Kursk.",
              sentence="…", start_char=i * 100, end_char=i * 100 + 90, sentence_index=i % 10,
              claimant=CLAIMANTS[i % len(CLAIMANTS)], checkworthiness=0.8, verdict=VERDICTS[i % 3], signoff=SignoffState.FINAL,
              extractor_version="bench", extracted_text="…",
              entities=[{"text": "Kim Jong Un", "label": "PERSON", "start": 0, "end": 11}])
        for i in range(count)
    ], batch_size=1000)
    reviews = Review.objects.bulk_create([
        Review(claim=claim, reviewer=reviewers[i % 5], verdict=claim.verdict,
               rationale="Estimates range from 3,000 to 12,000; no independent count exists.")
        for i, claim in enumerate(claims)
    ], batch_size=1000)
    Source.objects.bulk_create([
        Source(claim=review.claim, review=review, url=f"https://www.defense.example.gov/briefing/{i}-{n}",
               title="Pentagon briefing, 23 October", publisher="US Department of Defense",
               quote="We cannot confirm the number.", added_by=review.reviewer)
        for i, review in enumerate(reviews) for n in range(2)
    ], batch_size=2000)
    return [claim.pk for claim in claims]


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pdf-max", type=int, default=1000,
                        help="Skip PDF above this many claims (10,000 claims is a ~5,000-page PDF: minutes).")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    formats = [fmt for fmt in args.formats.split(",") if fmt]

    vendor = connection.vendor
    if vendor != "sqlite":  # SQLite's test database lives in memory
        # A name of its own, derived from the configured one (bench/benchdb.py's rule): never the test
        # database a pytest session may be using right now, nor a fixed name someone else's run uses.
        connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{connection.settings_dict['NAME']}_bench_reports"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        User = get_user_model()
        editor = User.objects.create(username="bench-editor")
        all_ids = build_claims(max(sizes))
        print(f"database: {vendor}; best of {args.repeat}+ rounds; times in ms; ratio = render / bare query\n")
        print("| claims | publish (freeze) | bare query | format | render | ratio | queries |")
        print("|---:|---:|---:|---|---:|---:|---:|")
        for size in sizes:
            report = services.report_create(title=f"Bench {size}", created_by=editor)
            ReportClaim.objects.bulk_create(
                [ReportClaim(report=report, claim_id=pk, position=n) for n, pk in enumerate(all_ids[:size], 1)],
                batch_size=2000)
            start = time.perf_counter()
            revision = services.report_publish(report=report, actor=editor)
            publish = time.perf_counter() - start
            def bare_query():
                return list(ReportItem.objects.filter(revision=revision).order_by("position").values(*ITEM_FIELDS))

            assert len(bare_query()) == size
            for fmt in formats:
                if fmt == "pdf" and size > args.pdf_max:
                    print(f"| {size:,} | | | pdf | skipped (--pdf-max {args.pdf_max}) | | |")
                    continue
                # Small sizes take a few ms: more rounds so that a busy machine's noise averages out.
                repeat = max(args.repeat, min(50, 20_000 // size))
                if fmt == "pdf":
                    repeat = 1 if size >= 1000 else 3
                # Bare query and render alternate, so that load from other processes hits both alike.
                bare_times, render_times = [], []
                gc.collect()  # once per format: a full collection per round would dominate small sizes
                for round_ in range(repeat):
                    bare_times.append(timed(bare_query))
                    if round_ == 0:  # count the queries once (2 of them: the capture costs nothing here)
                        with CaptureQueriesContext(connection) as queries:
                            render_times.append(timed(lambda: services.report_render(report=report, fmt=fmt)))
                    else:
                        render_times.append(timed(lambda: services.report_render(report=report, fmt=fmt)))
                bare, elapsed = min(bare_times), min(render_times)
                print(f"| {size:,} | {publish * 1000:,.0f} | {bare * 1000:,.1f} | {fmt} | "
                      f"{elapsed * 1000:,.1f} | {elapsed / bare:.2f}x | {len(queries)} |", flush=True)
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
