"""The desk dashboard's queries at 1,000 and 1,000,000 claims (PostgreSQL), each figure on its own and
the whole page's figures together, for a 30-day period and for a whole year.

The database is built from real extracted claims: the sample article (and the seed article in
../shared/data when it is there) is processed by the real pipeline in this process; those claims are
the templates that SQL copies (INSERT … SELECT) to reach each size, spread evenly over `--span-days`
days. Of the copies, 40 % are reviewed by one of 8 reviewers within three days (a final verdict
recorded as the review service does), 1 in 20 of those by a second reviewer too (who agrees 4 times
in 5), and 1 in 10 claims is linked by matching to one of 200 earlier claims ("checked before?").

    .venv/bin/python bench/dashboard.py                                  # 1,000 then 1,000,000 claims
    .venv/bin/python bench/dashboard.py --sizes 40,120 --runs 1 --json out.json   # the smoke test

Creates (and drops first) its own database, and drops it at the end (`--keep` leaves it). A benchmark,
not a test: it prints medians and asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchdb  # noqa: E402 (bench/ is not a package)
from api_parts import timed  # noqa: E402

ROOT = benchdb.ROOT
ARTICLES = [ROOT / "verify" / "sample_data" / "sample_article.txt", ROOT.parent / "shared" / "data" / "seed" / "article.txt"]
REVIEWERS = 8
DOCUMENTS = 200
CLAIMS_PER_ARTICLE = 20


def real_claims() -> int:
    """Process the article files with the real pipeline here; returns how many claims they gave."""
    from verify import lifecycle
    from verify.models import Claim

    for path in ARTICLES:
        if path.exists():
            result = lifecycle.article_submit(kind="text", text=path.read_text(encoding="utf-8"), title=path.stem)
            lifecycle.article_run_here(article_id=result.article.pk)
    return Claim.objects.count()


def seed_reviewers() -> list[int]:
    from django.contrib.auth.models import Group, User

    group = Group.objects.get_or_create(name="reviewer")[0]
    ids = []
    for index in range(REVIEWERS):
        user, _ = User.objects.get_or_create(username=f"bench-reviewer-{index}")
        user.groups.add(group)
        ids.append(user.pk)
    return ids


def top_up(target: int, *, span_days: int, reviewers: list[int]) -> None:
    """Copy the template claims (the real ones, ids up to the first copy) until `target` claims exist."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), max(id) FROM verify_claim")
        have, last_id = cursor.fetchone()
        if have >= target:
            return
        missing = target - have
        articles = -(-missing // CLAIMS_PER_ARTICLE)
        cursor.execute("DROP TABLE IF EXISTS bench_template")
        cursor.execute("""CREATE TEMP TABLE bench_template AS
            SELECT row_number() OVER (ORDER BY id) - 1 AS idx, text, sentence, end_char - start_char AS length,
                   claimant, claimant_type, cue, quantities, entities, hedges, checkworthiness
            FROM verify_claim WHERE extractor_version <> 'bench' AND set_aside = ''""")
        cursor.execute("SELECT count(*) FROM bench_template")
        templates = cursor.fetchone()[0]
        # Articles: dated evenly over the span, oldest first, and their claims a few minutes after, so the
        # table grows in time order as a desk's does (the period's rows sit together on disk).
        cursor.execute("""INSERT INTO verify_article (title, url, canonical_url, source_kind, original_filename, publisher,
                author, raw_content, content_type, cleaned_text, language, content_hash, status, error, skipped_reason,
                extractor_version, processing_attempts, extraction_interruptions, batch_task, created_at, updated_at)
            SELECT 'Bench article ' || g, '', '', 'text', '', 'Bench Ledger', '', 'bench ' || g || ' ' || %s, 'text', '',
                   'en', md5('bench ' || g || ' ' || %s) || md5(g::text || %s), 'done', '', '', 'bench', 1, 0, '',
                   now() - (1 - g::float / %s) * %s * interval '1 day', now()
            FROM generate_series(1, %s) AS g RETURNING id""", [last_id, last_id, last_id, articles, span_days, articles])
        article_ids = [row[0] for row in cursor.fetchall()]
        cursor.execute("""INSERT INTO verify_claim (article_id, text, sentence, start_char, end_char, sentence_index,
                claimant, claimant_type, cue, quantities, entities, hedges, checkworthiness, set_aside, verdict, signoff,
                extractor_version, extracted_text, extracted_claimant, version, created_at, updated_at)
            SELECT a.id, t.text, t.sentence, i * 1000, i * 1000 + t.length, i, t.claimant, t.claimant_type, t.cue,
                   t.quantities, t.entities, t.hedges, t.checkworthiness, '', 'unreviewed', 'open', 'bench', t.text,
                   t.claimant, 1, a.created_at + i * interval '3 minutes', now()
            FROM verify_article a CROSS JOIN generate_series(0, %s) AS i
            JOIN bench_template t ON t.idx = (a.id * %s + i) %% %s
            WHERE a.id = ANY(%s)
            ORDER BY a.created_at, i LIMIT %s""",
                       [CLAIMS_PER_ARTICLE - 1, CLAIMS_PER_ARTICLE, templates, article_ids, missing])
        # Reviews: 4 claims in 10, by reviewer id % 8, 1 to 72 hours after extraction (never in the future).
        cursor.execute("""UPDATE verify_claim SET verdict = (ARRAY['verified','unverified','disputed','not_a_claim'])
                [1 + id %% 4], signoff = 'final', version = 2 WHERE id > %s AND id %% 10 < 4""", [last_id])
        cursor.execute("""INSERT INTO annotations_review (claim_id, reviewer_id, verdict, rationale, stage, created_at)
            SELECT id, (%s::bigint[])[1 + id %% %s], verdict, '', 'review',
                   least(created_at + (1 + id %% 72) * interval '1 hour' + (id %% 50) * interval '1 minute', now())
            FROM verify_claim WHERE id > %s AND verdict <> 'unreviewed'""", [reviewers, REVIEWERS, last_id])
        # A second reviewer on 1 claim in 20 of those, agreeing 4 times in 5.
        cursor.execute("""INSERT INTO annotations_review (claim_id, reviewer_id, verdict, rationale, stage, created_at)
            SELECT id, (%s::bigint[])[1 + (id + 1) %% %s],
                   CASE WHEN id %% 100 < 80 THEN verdict ELSE 'disputed' END, '', 'review',
                   least(created_at + (2 + id %% 72) * interval '1 hour', now())
            FROM verify_claim WHERE id > %s AND verdict <> 'unreviewed' AND id %% 20 = 0""",
                       [reviewers, REVIEWERS, last_id])
        cursor.execute("""INSERT INTO dashboard_finalverdict (claim_id, verdict, extracted_at, first_final_at,
                seconds_to_final, final_at)
            SELECT c.id, c.verdict, c.created_at, min(r.created_at),
                   greatest(extract(epoch FROM min(r.created_at) - c.created_at)::int, 0), max(r.created_at)
            FROM verify_claim c JOIN annotations_review r ON r.claim_id = c.id
            WHERE c.id > %s GROUP BY c.id""", [last_id])
        # Matching: the first 200 claims are the earlier documents; 1 claim in 10 is linked to one.
        cursor.execute("""INSERT INTO matching_matchdocument (kind, claim_id, text, terms, terms_version,
                embedding_model, created_at, updated_at)
            SELECT 'claim', id, text, '', 0, '', created_at, now() FROM verify_claim
            WHERE id NOT IN (SELECT claim_id FROM matching_matchdocument WHERE claim_id IS NOT NULL)
            ORDER BY id LIMIT greatest(%s - (SELECT count(*) FROM matching_matchdocument), 0)""", [DOCUMENTS])
        cursor.execute("SELECT array_agg(id ORDER BY id) FROM matching_matchdocument")
        documents = cursor.fetchone()[0]
        cursor.execute("""INSERT INTO matching_claimmatch (claim_id, document_id, score, status, numbers_agree, created_at)
            SELECT c.id, (%s::bigint[])[1 + (c.id / 10) %% %s], 0.9, 'auto', true, c.created_at + interval '1 minute'
            FROM verify_claim c WHERE c.id > %s AND c.id %% 10 = 1
            ON CONFLICT DO NOTHING""", [documents, len(documents), last_id])
    with connection.cursor() as cursor:  # outside a transaction: what autovacuum would have done by now
        cursor.execute("VACUUM ANALYZE")


def measure(runs: int, days: int) -> dict[str, float]:
    from annotations.dashboard import reviewers, selectors
    from annotations.dashboard.figures import dashboard_figures, dashboard_tables
    from annotations.dashboard.period import period_parse

    period = period_parse(days=days)
    parts = {
        "claims per day": lambda: selectors.daily_counts(period=period),
        "verdict distribution": lambda: selectors.verdict_distribution(period=period),
        "median time to final verdict": lambda: selectors.time_to_final(period=period),
        "work per reviewer": lambda: reviewers.reviewer_work(period=period),
        "agreement": lambda: reviewers.agreement(period=period),
        "most repeated claims": lambda: selectors.repeated_claims(period=period),
        "whole page (every table)": lambda: dashboard_tables(dashboard_figures(period=period)),
    }
    return {name: timed(run, runs) for name, run in parts.items()}


def plans(days: int) -> dict[str, str]:
    """Each figure's main statement's plan, first lines (to see the indexes at work)."""
    from django.db import connection

    from annotations.dashboard.models import FinalVerdict
    from annotations.dashboard.period import period_parse
    from annotations.models import Review
    from verify.models import Claim

    period = period_parse(days=days)
    window = {"gte": period.since, "lt": period.until}
    queries = {
        "claims per day and verdict": Claim.objects.filter(created_at__gte=window["gte"], created_at__lt=window["lt"])
        .values("verdict"),
        "final verdicts": FinalVerdict.objects.filter(first_final_at__gte=window["gte"], first_final_at__lt=window["lt"])
        .values("seconds_to_final"),
        "reviews": Review.objects.filter(created_at__gte=window["gte"], created_at__lt=window["lt"]).values("reviewer_id"),
    }
    found = {}
    with connection.cursor() as cursor:
        for name, queryset in queries.items():
            sql, params = queryset.order_by().query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            found[name] = " / ".join(row[0].strip() for row in cursor.fetchall()[:3])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/verity_bench_dashboard")
    parser.add_argument("--sizes", default="1000,1000000", help="claim counts, ascending")
    parser.add_argument("--span-days", type=int, default=365, help="the claims' creation dates cover this many days")
    parser.add_argument("--periods", default="30,365", help="dashboard periods (days) to measure")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", action="store_true", help="leave the database for a look afterwards")
    args = parser.parse_args()
    benchdb.require_loopback(parser, args.database_url)
    sizes = [int(size) for size in args.sizes.split(",")]
    periods = [int(days) for days in args.periods.split(",")]
    # Matching and other follow-up tasks go to a broker folder of this run's own, never to a worker's.
    os.environ["CELERY_EMBEDDED_BROKER_DIR"] = tempfile.mkdtemp(prefix="bench-dashboard-broker-")
    benchdb.recreate_database(args.database_url)
    benchdb.migrate(args.database_url)
    benchdb.setup_django(args.database_url)
    results: dict = {"templates": real_claims(), "sizes": {}}
    print(f"{results['templates']} real claims extracted as templates", flush=True)
    reviewer_ids = seed_reviewers()
    try:
        for size in sizes:
            started = time.monotonic()
            top_up(size, span_days=args.span_days, reviewers=reviewer_ids)
            seeded = round(time.monotonic() - started, 1)
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("SELECT (SELECT count(*) FROM verify_claim), (SELECT count(*) FROM annotations_review),"
                               " (SELECT count(*) FROM matching_claimmatch)")
                claims, reviews, links = cursor.fetchone()
            row = {"claims": claims, "reviews": reviews, "links": links, "seeded_s": seeded, "periods": {}}
            print(f"\n== {claims:,} claims, {reviews:,} reviews, {links:,} links (seeded in {seeded} s)", flush=True)
            for days in periods:
                figures = measure(args.runs, days)
                row["periods"][str(days)] = {"median_ms": figures, "plans": plans(days)}
                print(f"-- last {days} days (median of {args.runs} runs, ms)")
                for name, value in figures.items():
                    print(f"  {name:30} {value:10.2f}")
            results["sizes"][str(size)] = row
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            benchdb.drop_database(args.database_url)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
