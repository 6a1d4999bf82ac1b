"""bench/load.py keeps working: a tiny run end to end (gunicorn, PostgreSQL, every scenario).

A smoke test of the benchmark, not a timed test: it asserts that every scenario was exercised
and answered successfully, never how fast.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


def test_the_load_benchmark_runs_every_scenario_against_gunicorn(tmp_path, bench_database_url):
    database_url = bench_database_url("load")
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "bench/load.py", "--database-url", database_url, "--sizes", "40,120",
         "--duration", "1", "--rounds", "2", "--concurrency", "2", "--page-sizes", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    results = json.loads(out.read_text())
    for size in ("40", "120"):
        rows = {row["endpoint"]: row for row in results["api"][size]}
        assert set(rows) == {"healthz (ceiling)", "api/me (API ceiling)", "claim list", "claim list filtered", "claim detail",
                             "queue page", "claim page", "review submission", "claim list, 1 row",
                             "claim list, 10 rows"}
        for name, row in rows.items():
            assert row["requests"] > 0, name
            assert all(status.startswith("2") or status == "409" for status in row["statuses"]), (name, row)
            assert row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"]
            cpu = row["cpu_ms_per_request"]  # where the machine's time went, per request
            assert set(cpu) == {"gunicorn", "postgres", "load generator"} and cpu["gunicorn"] > 0, (name, cpu)
    assert "list@120/list@40" in results["ratios"] and "claim page p95 ms @120" in results["ratios"]
    # The rows are claims the pipeline extracted from real articles, printed with their sizes.
    assert '"real": {"claim_text_chars"' in result.stdout
