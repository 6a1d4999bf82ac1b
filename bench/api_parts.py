"""The parts of an API request the third session made cheaper, each beside the way it was done before,
measured in one process against PostgreSQL holding `--claims` claims:

- the claim list's statement, prepared (the default) and unprepared (PostgreSQL CPU and wall time);
- token authentication: Verity's one prepared statement against the ORM lookup DRF's TokenAuthentication makes plus the
  groups query the role check then needs;
- the list's filter parameters: cleaned by the form's fields against a django-filter form instance;
- the list's 50 rows from the database to JSON: ClaimListSerializer over the ORM query against
  claim_list_rows over the statement's tuples, each rendered by the API's renderer.

    .venv/bin/python bench/api_parts.py                # 100,000 claims
    .venv/bin/python bench/api_parts.py --claims 1000 --runs 500

Creates (and drops first) its own database, `<DATABASE_URL's name>_bench_parts` by default. A benchmark,
not a test: it prints medians and asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchdb  # noqa: E402 (bench/ is not a package)
from seeding import seed_claims  # noqa: E402
from loadgen import process_cpu_seconds  # noqa: E402


def warm_up(run, runs: int) -> None:
    for _ in range(min(50, runs)):
        run()


def timed(run, runs: int) -> float:
    """Median wall milliseconds of `run()` after a warm-up."""
    warm_up(run, runs)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return round(statistics.median(samples) * 1000, 3)


def cpu_ms(run, runs: int, clock) -> float:
    """CPU milliseconds per `run()` after a warm-up, as `clock()` (CPU seconds used so far) counts them."""
    warm_up(run, runs)
    before = clock()
    for _ in range(runs):
        run()
    return round((clock() - before) / runs * 1000, 3)


def process_cpu_ms(run, runs: int) -> float:
    """This process's CPU milliseconds per `run()` (what a gunicorn worker would spend on it)."""
    return cpu_ms(run, runs, time.process_time)


def backend_cpu_ms(run, runs: int) -> float:
    """PostgreSQL CPU milliseconds per `run()`, read from this connection's backend process (/proc)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    return cpu_ms(run, runs, lambda: process_cpu_seconds(pid))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    benchdb.add_database_argument(parser, "parts")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    benchdb.require_loopback(parser, args.database_url)
    benchdb.recreate_database(args.database_url)
    benchdb.migrate(args.database_url)
    benchdb.setup_django(args.database_url)
    token = benchdb.seed_users()
    seed_claims(args.claims)

    from django.contrib.auth.models import User
    from django.db import connection
    from django.utils import timezone
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from annotations.apitokens.models import ApiToken
    from annotations.apitokens.services import api_token_digest
    from annotations.authentication import RoleTokenAuthentication
    from verify.roles import user_role, user_role_forget
    from annotations.selectors import ClaimFilters, claim_list_values, claims_filter
    from annotations.api.claim_rows import CLAIM_LIST_COLUMNS, claim_list_rows
    from annotations.api.filters import ClaimFilter
    from verify.api.renderers import FastJSONRenderer
    from annotations.api.claim_serializers import ClaimListSerializer
    from verify.models import Claim

    user = User.objects.get(username="bench-reviewer")
    results: dict[str, dict] = {}

    def page() -> None:
        claim_list_values(user=user, filters=ClaimFilters(), columns=CLAIM_LIST_COLUMNS, limit=51)

    connection.ensure_connection()
    threshold = connection.connection.prepare_threshold
    connection.connection.prepare_threshold = None  # psycopg: never prepare on this connection
    unprepared = {"wall_ms": timed(page, args.runs), "postgres_cpu_ms": backend_cpu_ms(page, args.runs)}
    connection.connection.prepare_threshold = threshold
    prepared = {"wall_ms": timed(page, args.runs), "postgres_cpu_ms": backend_cpu_ms(page, args.runs)}
    results["claim list statement (50 rows)"] = {"unprepared": unprepared, "prepared": prepared}

    def orm_token() -> None:  # what DRF's TokenAuthentication does, on the hashed, expiring tokens
        found = ApiToken.objects.select_related("user").get(
            digest=api_token_digest(token), expires_at__gt=timezone.now()).user
        user_role_forget(found)
        user_role(found)  # the groups query the role check makes

    results["token authentication with role"] = {
        "ORM token lookup (as DRF's TokenAuthentication) + groups query": {"wall_ms": timed(orm_token, args.runs)},
        "RoleTokenAuthentication": {
            "wall_ms": timed(lambda: RoleTokenAuthentication().authenticate_credentials(token), args.runs)},
    }

    request = Request(APIRequestFactory().get("/api/claims/", {"verdict": "unreviewed", "score_min": "0.7",
                                                                "publisher": "Daily Bulletin"}))
    request.user = user

    def form_instance() -> None:
        ClaimFilter(request.query_params, queryset=Claim.objects.none(), request=request).is_valid()

    results["list filter parameters"] = {
        "django-filter form instance": {"wall_ms": timed(form_instance, args.runs)},
        "ClaimFilter.claim_filters_from": {"wall_ms": timed(lambda: ClaimFilter.claim_filters_from(request),
                                                            args.runs)},
    }
    renderer = FastJSONRenderer()
    queryset = claims_filter(claims=Claim.objects.all(), user=user, filters=ClaimFilters())

    def serializer_rows() -> None:
        renderer.render(ClaimListSerializer(queryset[:51], many=True).data)

    def fast_rows() -> None:
        renderer.render(claim_list_rows(claim_list_values(user=user, filters=ClaimFilters(), columns=CLAIM_LIST_COLUMNS,
                                                          limit=51)))

    results["list rows, read and rendered (50 rows)"] = {
        "ORM query + ClaimListSerializer": {"cpu_ms": process_cpu_ms(serializer_rows, args.runs)},
        "claim_list_values + claim_list_rows": {"cpu_ms": process_cpu_ms(fast_rows, args.runs)},
    }
    for part, ways in results.items():
        print(part)
        for way, figures in ways.items():
            print(f"  {way:42} " + "  ".join(f"{name} {value}" for name, value in figures.items()))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
