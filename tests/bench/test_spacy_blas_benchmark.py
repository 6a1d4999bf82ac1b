"""bench/spacy_blas.py and bench/worker_breakdown.py keep working: tiny runs end to end.

Smoke tests of the benchmarks, not timed tests: they assert that every configuration and every part was
measured and printed, never how fast.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_blas_benchmark_measures_each_configuration_with_the_same_annotations():
    result = subprocess.run([sys.executable, "bench/spacy_blas.py", "--articles", "2"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith('{"configuration"')]
    assert [row["configuration"] for row in rows] == ["blis", "numpy, default threads", "numpy, 1 thread"]
    assert all(row["tokens"] > 0 and row["cpu_seconds"] > 0 for row in rows)
    assert "bundled BLIS:" in result.stdout
    assert "annotations identical in all configurations: True" in result.stdout


@pytest.mark.integration
def test_the_worker_breakdown_times_every_part_of_processing(bench_database_url):
    result = subprocess.run(
        [sys.executable, "bench/worker_breakdown.py", "--database-url", bench_database_url("breakdown"),
         "--redis-url", os.environ["REDIS_URL"], "--articles", "3"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["articles"] == 3 and figures["claims"] > 0
    parts = figures["cpu_seconds_by_part"]
    assert {"spacy", "claim logic", "storing claims", "language identification", "cleaning", "rest"} <= set(parts)
    assert parts["spacy"] > 0 and parts["claim logic"] > 0
