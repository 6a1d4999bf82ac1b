"""bench/dashboard.py keeps working: a tiny run end to end against PostgreSQL (real extracted claims
copied to size, every figure measured). A smoke test of the benchmark, not a timed test: it asserts
that every figure was measured on the sizes asked for, never how fast. Its database is named after
the test database, so parallel test sessions never share one."""
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration
FIGURES = {"claims per day", "verdict distribution", "median time to final verdict", "work per reviewer", "agreement",
           "most repeated claims", "whole page (every table)"}


def test_the_dashboard_benchmark_measures_every_figure_at_each_size(django_db_setup, django_db_blocker, tmp_path):
    name = f"{connection.settings_dict['NAME']}_dashboard_bench"
    database_url = urlparse(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()
    out = tmp_path / "dashboard.json"
    result = subprocess.run(
        [sys.executable, "bench/dashboard.py", "--database-url", database_url, "--sizes", "60,200", "--periods", "30",
         "--runs", "1", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    results = json.loads(out.read_text())
    assert results["templates"] > 0  # real claims, extracted by the pipeline
    for size in ("60", "200"):
        row = results["sizes"][size]
        assert row["claims"] == max(int(size), results["templates"])
        assert row["reviews"] > 0 and row["links"] > 0
        figures = row["periods"]["30"]["median_ms"]
        assert set(figures) == FIGURES and all(value > 0 for value in figures.values())
    with django_db_blocker.unblock(), connection.cursor() as cursor:  # dropped at the end
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name])
        assert cursor.fetchone()[0] == 0
