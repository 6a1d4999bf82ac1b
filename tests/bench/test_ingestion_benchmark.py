"""bench/ingestion.py keeps working: a tiny run end to end (real Celery workers, PostgreSQL, Redis).

A smoke test of the benchmark, not a timed test: it asserts that every article was processed by the
workers and the figures were printed, never how fast.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


def test_the_ingestion_benchmark_runs_real_workers_against_bare_spacy(tmp_path, bench_database_url):
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "bench/ingestion.py", "--database-url", bench_database_url("ingest"),
         "--redis-url", os.environ["REDIS_URL"], "--articles", "4", "--workers", "1,2", "--warmup", "3",
         "--timeout", "240", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    results = json.loads(out.read_text())
    assert results["bare"]["articles"] == 4 and results["bare"]["sentences"] > 0
    # The stock model and the product's loader split the same texts into the same sentences.
    assert results["bare_product_loader"]["sentences"] == results["bare"]["sentences"]
    for run in ("1 worker(s)", "2 worker(s)"):
        row = results[run]
        assert row["articles"] == 4 and row["failed"] == 0 and row["claims"] > 0, row
        assert row["cpu_seconds"]["celery workers"] > 0 and row["x_bare"] > 0 and row["x_product_loader"] > 0
    # Real rows first, variants only to reach the size, both sizes printed.
    assert results["sizes"]["real"]["article_chars"]["n"] + results["sizes"]["synthetic"]["article_chars"].get("n", 0) == 4
    assert "sentences/hour" in result.stdout
