"""Smoke test of bench/reports.py (tiny sizes; not timed), so the benchmark keeps working."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_reports_benchmark_runs_and_prints_a_ratio_per_format():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "bench-smoke"}
    result = subprocess.run(
        [sys.executable, "bench/reports.py", "--sizes", "5,10", "--formats", "claimreview,csv,md", "--repeat", "1"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    rows = [line for line in result.stdout.splitlines() if line.startswith("| 5 ") or line.startswith("| 10 ")]
    assert len(rows) == 6
    assert all(line.rstrip(" |").endswith("2") for line in rows)  # two queries per render, whatever the size
    assert all("x |" in line for line in rows)
