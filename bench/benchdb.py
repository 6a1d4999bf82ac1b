"""The benchmarks' own PostgreSQL database: created afresh, migrated, Django set up against it, and
seeded with a token-holding reviewer and claims extracted from real articles (bench/corpus.py). Shared by
bench/load.py, bench/api_parts.py and bench/matching.py; bench/ is not a package, so they import it by name.

A benchmark drops and recreates its database, so it only ever touches databases named after another
one with a `_bench` suffix (`verity` → `verity_bench_parts`): bench_database_url derives the name, and
recreate_database / drop_database refuse any name not made that way. The smoke tests derive theirs
from the test database's own name, so two test runs on one server never drop each other's."""
from __future__ import annotations

import os
import random
import re
import secrets
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # setup_django imports the project
PYTHON = sys.executable
SECRET_KEY = "bench-" + secrets.token_urlsafe(48)
DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/verity"
# <any name>_bench or <any name>_bench_<purpose>: the only names a benchmark creates or drops.
BENCH_NAME = re.compile(r"^[A-Za-z0-9_]+_bench(?:_[a-z0-9]+)*$")


def bench_database_url(database_url: str, purpose: str = "") -> str:
    """The benchmark database beside `database_url`'s: the same server, its name + `_bench[_purpose]`."""
    parsed = urlparse(database_url or DEFAULT_SERVER_URL)
    name = parsed.path.lstrip("/") or "verity"
    return parsed._replace(path=f"/{name}_bench{f'_{purpose}' if purpose else ''}").geturl()


def bench_database_name(database_url: str) -> str:
    """The database `database_url` names, refused (ValueError) unless it is a benchmark's own."""
    name = urlparse(database_url).path.lstrip("/")
    if not BENCH_NAME.match(name):
        raise ValueError(f"Refusing to create or drop the database {name!r}: a benchmark only touches databases "
                         "named <database>_bench[_<purpose>] (see bench_database_url).")
    return name


def _server(database_url: str):
    import psycopg

    return psycopg.connect(urlparse(database_url)._replace(path="/postgres").geturl(), autocommit=True)


def recreate_database(database_url: str) -> None:
    name = bench_database_name(database_url)
    with _server(database_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def ensure_database(database_url: str) -> None:
    """Create the benchmark database if it is missing (kept between runs)."""
    name = bench_database_name(database_url)
    with _server(database_url) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(database_url: str) -> None:
    name = bench_database_name(database_url)
    with _server(database_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def django_env(database_url: str, **extra: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DEBUG")}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_URL": database_url, "SECRET_KEY": SECRET_KEY,
        "DEBUG": "false", "SECURE_SSL_REDIRECT": "false", "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING", "LOGIN_THROTTLE_RATE": "100000/minute",
    })
    env.update(extra)
    return env


def setup_django(database_url: str) -> None:
    os.environ.update(django_env(database_url))
    import django

    django.setup()


def migrate(database_url: str) -> None:
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT,
                   env=django_env(database_url), check=True)


def seed_users() -> str:
    """A reviewer with an API token; returns the token."""
    from django.contrib.auth.models import Group, User

    from annotations.apitokens.services import api_token_issue

    user, _ = User.objects.get_or_create(username="bench-reviewer")
    user.groups.add(Group.objects.get_or_create(name="reviewer")[0])
    return api_token_issue(user=user).key


def session_cookie() -> dict[str, str]:
    """A logged-in session of the benchmark's reviewer, as the cookie the HTML pages read."""
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username="bench-reviewer"))
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def seed_claims(target: int) -> dict:
    """Top the database up to `target` claims: the real articles (bench/corpus.py) with the claims the
    pipeline extracted from them first, then variants of them (other figures and names) until the target
    is reached. Returns the sizes of the real and the synthetic rows inserted, side by side."""
    import hashlib

    from django.db import connection, transaction

    from corpus import Varier, real_articles, size_report
    from verify.models import Article, ArticleStatus, Claim, SignoffState, Verdict

    have = Claim.objects.count()
    rng = random.Random(have)
    real = real_articles()
    varier = Varier(real, seed=have)
    verdicts = [Verdict.UNREVIEWED] * 6 + [Verdict.VERIFIED, Verdict.UNVERIFIED, Verdict.DISPUTED]
    inserted: dict[str, list] = {"real": [], "synthetic": []}
    round_index = have // max(1, sum(len(article.claims) for article in real))
    while have < target:
        batch = [(article if round_index == 0 else varier.article(article)) for article in real]
        kind = "real" if round_index == 0 else "synthetic"
        round_index += 1
        with transaction.atomic():
            batch = [article for article in batch if article.claims][: max(1, target - have)]
            rows = Article.objects.bulk_create([
                Article(title=article.title, publisher=article.publisher, raw_content=article.text,
                        cleaned_text=article.text, language="en", status=ArticleStatus.DONE,
                        content_hash=hashlib.sha256(f"{uuid.uuid4()}{article.text}".encode()).hexdigest(),
                        extractor_version="bench")
                for article in batch
            ])
            claims = []
            for row, article in zip(rows, batch):
                for claim in article.claims[: target - have - len(claims)]:
                    verdict = rng.choice(verdicts)
                    # Judged claims as the "single" sign-off mode leaves them: final.
                    signoff = SignoffState.OPEN if verdict == Verdict.UNREVIEWED else SignoffState.FINAL
                    claims.append(Claim(article=row, verdict=verdict, signoff=signoff, extractor_version="bench",
                                        extracted_text=claim["text"], extracted_claimant=claim["claimant"], **claim))
            Claim.objects.bulk_create(claims, batch_size=5000)
        inserted[kind].extend(batch)
        have += len(claims)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return size_report(inserted["real"], inserted["synthetic"][:2000])
