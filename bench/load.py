"""Load benchmark: the API and the reviewer's pages on gunicorn (2 workers) against PostgreSQL with
1,000 and 100,000 claims (ingestion throughput is bench/ingestion.py).

    .venv/bin/python bench/load.py                 # API load at 1k and 100k claims
    .venv/bin/python bench/load.py --sizes 1000 --duration 5   # quick look
    .venv/bin/python bench/load.py --page-sizes    # also the list with 1 and 10 rows per page

It creates (and drops first) its own database (`--database-url`, default `<name>_bench` beside DATABASE_URL's,
on the local server), starts gunicorn on a free loopback port, and drives it with a bounded, self-stopping
thread pool of keep-alive httpx clients. Only 127.0.0.1 is ever contacted. A benchmark, not a test:
it prints numbers (and writes them as JSON with --json) and asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
# bench/ is not a package: its modules import each other by name.
from benchdb import (  # noqa: E402
    PYTHON,
    add_database_argument,
    django_env,
    migrate,
    recreate_database,
    require_loopback,
    seed_users,
    session_cookie,
    setup_django,
)
from loadgen import Gunicorn, Result, drive  # noqa: E402
from seeding import seed_claims  # noqa: E402


def full_page(response, *, check: bool, rows: int) -> int:
    """The status; when `check`ing (each client's warm-up request), also that the page has `rows` rows,
    so that a list measured is a list sent."""
    if check and response.status_code == 200 and len(response.json()["results"]) != rows:
        raise RuntimeError(f"{response.request.url} sent {len(response.json()['results'])} rows, not {rows}")
    return response.status_code


def scenarios(claim_ids: list[int], concurrency: int, publisher: str, versions: dict[int, int]):
    """name -> request function; review submission uses a disjoint slice of claims per thread, starting
    from the claims' `versions` (those other than 1). The queue and claim pages are the reviewer's HTML
    pages (session cookie); the rest is the API (token)."""
    slices = [claim_ids[slot::concurrency] for slot in range(concurrency)]

    def healthz(client, rng, slot, warmup=False):
        return client.get("/healthz").status_code

    def me(client, rng, slot, warmup=False):
        return client.get("/api/me/").status_code

    def claim_list(client, rng, slot, warmup=False):
        return full_page(client.get("/api/claims/"), check=warmup, rows=min(50, len(claim_ids)))

    def claim_filter(client, rng, slot, warmup=False):
        return client.get("/api/claims/", params={"verdict": "unreviewed", "score_min": "0.7",
                                                  "publisher": publisher}).status_code

    def queue_page(client, rng, slot, warmup=False):
        return client.get("/claims/").status_code

    def claim_page(client, rng, slot, warmup=False):
        return client.get(f"/claims/{rng.choice(claim_ids)}/").status_code

    def claim_detail(client, rng, slot, warmup=False):
        return client.get(f"/api/claims/{rng.choice(claim_ids)}/").status_code

    def review_submit(client, rng, slot, warmup=False):
        claim_id = rng.choice(slices[slot])
        version = versions.get(claim_id, 1)
        response = client.post(f"/api/claims/{claim_id}/reviews/", json={
            "verdict": rng.choice(["verified", "unverified", "disputed"]),
            "rationale": "Checked against the ministry's published figures.", "version": version})
        if response.status_code == 201:
            versions[claim_id] = response.json()["claim"]["version"]
        elif response.status_code == 409:
            versions[claim_id] = response.json()["current_version"]
        return response.status_code

    return {"healthz (ceiling)": healthz, "api/me (API ceiling)": me, "claim list": claim_list,
            "claim list filtered": claim_filter, "claim detail": claim_detail, "queue page": queue_page,
            "claim page": claim_page, "review submission": review_submit}


def page_size_scenarios(claim_count: int) -> dict:
    """The claim list with 1 and 10 rows per page: separates a list request's fixed cost from its cost per row."""
    def rows(size: int):
        def claim_list(client, rng, slot, warmup=False):
            return full_page(client.get("/api/claims/", params={"page_size": size}), check=warmup,
                             rows=min(size, claim_count))
        return claim_list

    return {"claim list, 1 row": rows(1), "claim list, 10 rows": rows(10)}


def api_load(args) -> dict:
    recreate_database(args.database_url)
    migrate(args.database_url)
    setup_django(args.database_url)
    token = seed_users()
    session = session_cookie()
    results: dict = {}
    for size in args.sizes:
        started = time.monotonic()
        sizes = seed_claims(size)
        print(f"\n== {size:,} claims (seeded in {time.monotonic() - started:.0f} s)", flush=True)
        print("claims by kind and sizes, real beside synthetic (a sample):", json.dumps(sizes), flush=True)
        from django.db.models import Count

        from verify.models import Article, Claim

        claim_ids = list(Claim.objects.values_list("id", flat=True))
        versions = dict(Claim.objects.exclude(version=1).values_list("id", "version"))  # the judged ones
        publisher = (Article.objects.values("publisher").annotate(n=Count("id")).order_by("-n")
                     .values_list("publisher", flat=True).first())
        server = Gunicorn(django_env(args.database_url), workers=2)
        try:
            # Interleaved rounds: this shared machine's speed drifts by tens of percent over a minute, so
            # every endpoint gets a slice of each round and the ratios compare like with like.
            requests = scenarios(claim_ids, args.concurrency, publisher, versions)
            if args.page_sizes:
                requests.update(page_size_scenarios(len(claim_ids)))
            measured = {name: Result(name) for name in requests}
            for _ in range(args.rounds):
                for name, request in requests.items():
                    drive(measured[name], server.base_url, token, request, duration=args.duration / args.rounds,
                          concurrency=args.concurrency, cookies=session)
            rows = [result.summary() for result in measured.values()]
            for row in rows:
                cpu = "  ".join(f"{kind} {ms:.2f}" for kind, ms in row["cpu_ms_per_request"].items())
                print(f"{row['endpoint']:22} {row['rps']:8.1f} req/s  p50 {row['p50_ms']:7.1f} ms  "
                      f"p95 {row['p95_ms']:7.1f} ms  p99 {row['p99_ms']:7.1f} ms  {row['statuses']}  "
                      f"CPU ms/request: {cpu}", flush=True)
            results[size] = rows
        finally:
            server.stop()
    rps = {size: {row["endpoint"]: row["rps"] for row in rows} for size, rows in results.items()}
    ratios = {}
    for size, by_name in rps.items():
        ratios[f"list/healthz @{size}"] = round(by_name["claim list"] / by_name["healthz (ceiling)"], 3)
        ratios[f"list/api-me @{size}"] = round(by_name["claim list"] / by_name["api/me (API ceiling)"], 3)
        p95 = {row["endpoint"]: row["p95_ms"] for row in results[size]}
        ratios[f"queue page p95 ms @{size}"] = p95["queue page"]
        ratios[f"claim page p95 ms @{size}"] = p95["claim page"]
    if len(args.sizes) > 1:
        small, large = args.sizes[0], args.sizes[-1]
        ratios[f"list@{large}/list@{small}"] = round(rps[large]["claim list"] / rps[small]["claim list"], 3)
    print("\n" + "\n".join(f"{key}: {value}" for key, value in ratios.items()))
    return {"api": {str(size): rows for size, rows in results.items()}, "ratios": ratios}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_database_argument(parser)
    parser.add_argument("--sizes", type=lambda v: [int(x) for x in v.split(",")], default=[1_000, 100_000])
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per endpoint and size")
    parser.add_argument("--rounds", type=int, default=8,
                        help="interleaved rounds the duration is split into (every endpoint runs in each)")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--page-sizes", action="store_true",
                        help="also the claim list with 1 and 10 rows per page (fixed cost against cost per row)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    require_loopback(parser, args.database_url)
    results = api_load(args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
