"""bench/api_parts.py keeps working: a tiny run end to end against PostgreSQL. A smoke test of the
benchmark, not a timed test: it asserts that every part was measured, never how fast."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


def test_the_api_parts_benchmark_measures_each_part_both_ways(tmp_path, bench_database_url):
    database_url = bench_database_url("parts")
    out = tmp_path / "parts.json"
    result = subprocess.run(
        [sys.executable, "bench/api_parts.py", "--database-url", database_url, "--claims", "40", "--runs", "5",
         "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    parts = json.loads(out.read_text())
    assert set(parts["claim list statement (50 rows)"]) == {"unprepared", "prepared"}
    assert set(parts["list rows, read and rendered (50 rows)"]) == {
        "ORM query + ClaimListSerializer", "claim_list_values + claim_list_rows"}
    for part, ways in parts.items():
        assert len(ways) == 2, part
        for way, figures in ways.items():
            assert figures, (part, way)
            for name, value in figures.items():
                # PostgreSQL's CPU is read in clock ticks: five runs may not reach one.
                assert value >= 0 if name == "postgres_cpu_ms" else value > 0, (part, way, name)
