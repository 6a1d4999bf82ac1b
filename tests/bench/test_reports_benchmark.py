"""Smoke test of bench/reports.py (tiny sizes; not timed), so the benchmark keeps working. On
PostgreSQL it runs beside the test database (`<test database>_bench_reports`), never a fixed name."""
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def test_the_reports_benchmark_runs_and_prints_a_ratio_per_format(request):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "bench-smoke"}
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        request.getfixturevalue("django_db_setup")  # the test database's name is known once it exists
        env["DATABASE_URL"] = urlparse(os.environ["DATABASE_URL"])._replace(
            path=f"/{connection.settings_dict['NAME']}").geturl()
    result = subprocess.run(
        [sys.executable, "bench/reports.py", "--sizes", "5,10", "--formats", "claimreview,csv,md", "--repeat", "1"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    rows = [line for line in result.stdout.splitlines() if line.startswith("| 5 ") or line.startswith("| 10 ")]
    assert len(rows) == 6
    assert all(line.rstrip(" |").endswith("2") for line in rows)  # two queries per render, whatever the size
    assert all("x |" in line for line in rows)
