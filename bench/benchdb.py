"""The benchmarks' own PostgreSQL database: created afresh, migrated, Django set up against it, and
seeded with a token-holding reviewer and bulk-inserted claims. Shared by bench/load.py and
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
CLAIMS_PER_ARTICLE = 20


def recreate_database(database_url: str) -> None:
    import psycopg

    parsed = urlparse(database_url)
    name = parsed.path.lstrip("/")
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(database_url: str) -> None:
    import psycopg

    parsed = urlparse(database_url)
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parsed.path.lstrip("/")}" WITH (FORCE)')


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


def seed_claims(target: int) -> None:
    """Top the database up to `target` claims (bulk inserts, 20 claims per article)."""
    import hashlib

    from django.db import transaction

    from verify.models import Article, ArticleStatus, Claim, Verdict

    have = Claim.objects.count()
    rng = random.Random(have)
    verdicts = [Verdict.UNREVIEWED] * 6 + [Verdict.VERIFIED, Verdict.UNVERIFIED, Verdict.DISPUTED]
    publishers = ["The Meridian Ledger", "Daily Bulletin", "Coastal Times", "Northern Post"]
    while have < target:
        batch_articles = min(250, (target - have + CLAIMS_PER_ARTICLE - 1) // CLAIMS_PER_ARTICLE)
        with transaction.atomic():
            articles = Article.objects.bulk_create([
                Article(title=f"Bench article {uuid.uuid4().hex[:8]}", publisher=rng.choice(publishers),
                        raw_content=(text := f"Bench article {uuid.uuid4().hex}."), cleaned_text=text,
                        content_hash=hashlib.sha256(text.encode()).hexdigest(), language="en",
                        status=ArticleStatus.DONE, extractor_version="bench")
                for _ in range(batch_articles)
            ])
            claims = []
            for article in articles:
                for index in range(min(CLAIMS_PER_ARTICLE, target - have - len(claims))):
                    text = (f"Officials said {rng.randint(2, 90_000):,} homes lost power in district "
                            f"{rng.randint(1, 500)} after the storm.")
                    claims.append(Claim(
                        article=article, text=text, sentence=text, start_char=index * 100,
                        end_char=index * 100 + len(text), sentence_index=index, claimant="Officials", cue="said",
                        quantities=[{"value": 1, "unit": "homes", "kind": "count"}],
                        entities=[{"text": "Officials", "label": "ORG", "start": 0, "end": 9}], hedges=[],
                        checkworthiness=round(rng.random(), 4), verdict=rng.choice(verdicts),
                        extractor_version="bench", extracted_text=text, extracted_claimant="Officials",
                    ))
            Claim.objects.bulk_create(claims, batch_size=5000)
        have += len(claims)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
