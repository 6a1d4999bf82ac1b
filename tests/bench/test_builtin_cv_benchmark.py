"""Smoke test of bench/builtin_cv.py on the tiny CheckThat!-style fixture (not a measurement)."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TINY_TSV = ROOT / "tests" / "verify" / "extraction" / "fixtures" / "checkworthiness_tiny.tsv"


def test_the_builtin_cross_validation_scores_every_fold_out_of_fold():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "bench-smoke"}
    result = subprocess.run([sys.executable, "bench/builtin_cv.py", str(TINY_TSV), "--folds", "2"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(result.stdout.splitlines()[-1])
    assert figures["n"] == 48 and figures["folds"] == 2 and len(figures["fold_f1"]) == 2
    assert 0.0 <= figures["f1"] <= 1.0 and figures["threshold"] == 0.5
