"""The benchmarks' own PostgreSQL database: created afresh, migrated, Django set up against it, and
seeded with a token-holding reviewer (claims: bench/seeding.py). Shared by
bench/load.py, bench/api_parts.py and bench/matching.py; bench/ is not a package, so they import it by name.

A benchmark drops and recreates its database, so it only ever touches databases named after another
one with a `_bench` suffix (`verity` → `verity_bench_parts`): bench_database_url derives the name, and
recreate_database / drop_database refuse any name not made that way. The smoke tests derive theirs
from the test database's own name, so two test runs on one server never drop each other's."""
from __future__ import annotations

import argparse
import os
import re
import secrets
import subprocess
import sys
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


def add_database_argument(parser: argparse.ArgumentParser, purpose: str = "") -> None:
    """--database-url, by default the benchmark database beside DATABASE_URL's (`bench_database_url`)."""
    parser.add_argument("--database-url", default=bench_database_url(os.environ.get("DATABASE_URL", ""), purpose),
                        help="named <name>_bench[_<purpose>]; default: beside DATABASE_URL's (dropped, recreated)")


def require_loopback(parser: argparse.ArgumentParser, database_url: str) -> None:
    """argparse's error unless `database_url` names a server on this machine: a benchmark drops and
    recreates its database and loads the server, so it never points at another host."""
    if urlparse(database_url).hostname not in ("127.0.0.1", "localhost", "::1"):
        parser.error("the benchmark only talks to a loopback PostgreSQL")


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
