"""The benchmarks' own PostgreSQL database: created afresh, migrated, Django set up against it, and
seeded with a token-holding reviewer and claims extracted from real articles (bench/corpus.py). Shared by bench/load.py and
bench/api_parts.py; bench/ is not a package, so they import it by name."""
from __future__ import annotations

import os
import random
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


def recreate_database(database_url: str) -> None:
    import psycopg

    parsed = urlparse(database_url)
    name = parsed.path.lstrip("/")
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


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
    from rest_framework.authtoken.models import Token

    user, _ = User.objects.get_or_create(username="bench-reviewer")
    user.groups.add(Group.objects.get_or_create(name="reviewer")[0])
    return Token.objects.get_or_create(user=user)[0].key


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
