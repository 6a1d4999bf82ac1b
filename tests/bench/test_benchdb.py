"""Benchmarks create and drop only databases derived from another database's name: never a fixed
name, never the database DATABASE_URL itself names (a shared server holds other people's)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import benchdb  # noqa: E402


def test_the_bench_database_is_named_after_the_given_one_on_the_same_server():
    url = benchdb.bench_database_url("postgres://postgres:pw@db.internal:6543/test_h_sec?sslmode=require", "parts")
    assert url == "postgres://postgres:pw@db.internal:6543/test_h_sec_bench_parts?sslmode=require"
    assert benchdb.bench_database_url("postgres://postgres@127.0.0.1:5432/verity").endswith("/verity_bench")


@pytest.mark.parametrize("name", ["verity", "test_h_sec", "postgres", "verity_bench_smoke; DROP", "bench", "_bench"])
def test_creating_or_dropping_a_database_not_named_for_a_benchmark_is_refused_before_connecting(name, monkeypatch):
    import psycopg

    def connect(*args, **kwargs):
        raise AssertionError("connected to the server")

    monkeypatch.setattr(psycopg, "connect", connect)
    url = f"postgres://postgres@127.0.0.1:5432/{name}"
    for call in (benchdb.recreate_database, benchdb.drop_database, benchdb.ensure_database):
        with pytest.raises(ValueError, match="Refusing"):
            call(url)


@pytest.mark.integration
def test_a_smoke_tests_bench_database_is_named_after_the_test_database_and_dropped(bench_database_url):
    import psycopg
    from django.db import connection

    url = bench_database_url("probe")
    name = url.rsplit("/", 1)[1]
    assert name == f"{connection.settings_dict['NAME']}_bench_probe"
    benchdb.recreate_database(url)

    def exists() -> bool:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as server:
            return server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None

    assert exists()
    benchdb.drop_database(url)
    assert not exists()
