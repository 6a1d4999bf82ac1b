"""A fine-tuned transformer check-worthiness model exported to ONNX and run by onnxruntime.

The accurate kind (all-mpnet-base-v2) costs ~100 ms of one core per sentence in torch float32 on a CPU
without native bfloat16. The same network exported to ONNX runs a little faster, and with its linear
layers' weights in int8 (onnxruntime's dynamic quantisation, one scale per output channel, 7-bit range;
activations quantised per batch on the fly) about twice as fast; how far its decisions move is measured where it is
exported (`manage.py export_checkworthiness` prints it) and in bench/README.md.

Stored as model.onnx, the tokenizer's tokenizer.json and meta.json ("model_kind": "onnx"). The process
that exports needs torch; one that scores needs only onnxruntime and tokenizers.
"""
from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import numpy as np

from verify.extraction.ensemble_scorer import MEMBER_PREFIX
from verify.extraction.ensemble_scorer import MODEL_KIND as ENSEMBLE_KIND
from verify.extraction.metrics import score_agreement
from verify.extraction.transformer_scorer import MAX_LENGTH, META_FILE, LogitScorer, _batches

MODEL_KIND = "onnx"
FORMAT_VERSION = 1
ONNX_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
OPSET = 17
THREADS_SETTING = "VERIFY_SCORER_THREADS"


class Quantisation:
    """How the exported weights are stored."""

    NONE = "none"
    INT8 = "int8-dynamic-per-channel-reduced-range"
    CHOICES = (NONE, INT8)


def scorer_threads() -> int:
    """onnxruntime's threads per session: the setting (one process per core: 1), 0 = onnxruntime's default."""
    try:
        from django.conf import settings

        if settings.configured:
            return int(getattr(settings, THREADS_SETTING, 0) or 0)
    except ImportError:
        pass
    return int(os.environ.get(THREADS_SETTING, 0) or 0)


def transformer_export(*, scorer, out: str | Path, quantisation: str = Quantisation.NONE) -> Path:
    """Write `scorer` (a loaded TransformerScorer) to `out` as the onnx kind; returns the directory."""
    import torch  # heavy: only the exporting process pays for it

    if quantisation not in Quantisation.CHOICES:
        raise ValueError(f"Unknown quantisation {quantisation!r}; choose one of {', '.join(Quantisation.CHOICES)}.")
    path = Path(out)
    path.mkdir(parents=True, exist_ok=True)
    network = scorer.network.eval()
    sample = scorer.tokenizer(["a short text", "a second, longer example text"], padding=True, return_tensors="pt")
    partial = path / f".{ONNX_FILE}.{os.getpid()}"
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}, "logit": {0: "batch"}}
    with torch.no_grad():
        torch.onnx.export(network, (sample["input_ids"], sample["attention_mask"]), str(partial),
                          input_names=["input_ids", "attention_mask"], output_names=["logit"], dynamic_axes=axes,
                          opset_version=OPSET, dynamo=False)
    if quantisation == Quantisation.INT8:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantised = path / f".{ONNX_FILE}.int8.{os.getpid()}"
        # 7-bit weights (reduce_range): without VNNI, x86's u8 x s8 kernels saturate on full-range int8 and
        # moved mpnet's scores ~5x further (mean 0.094 against 0.017 on the test fixture).
        quantize_dynamic(str(partial), str(quantised), weight_type=QuantType.QInt8, per_channel=True,
                         reduce_range=True)
        os.replace(quantised, partial)
    os.replace(partial, path / ONNX_FILE)
    scorer.tokenizer.save_pretrained(path)  # tokenizer.json and its config, as the source directory has them
    for stray in path.glob(f".{ONNX_FILE}*"):
        stray.unlink()
    meta = {"model_kind": MODEL_KIND, "format_version": FORMAT_VERSION, "quantisation": quantisation,
            "source": str(scorer.directory or ""), "source_meta": scorer.meta, "max_length": MAX_LENGTH,
            "pad_id": int(scorer.tokenizer.pad_token_id or 0), "pad_token": str(scorer.tokenizer.pad_token or ""),
            "logit_offset": scorer.logit_offset, "threshold": scorer.threshold}
    (path / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")
    return path


def ensemble_export(*, ensemble, out: str | Path, quantisation: str = Quantisation.NONE) -> Path:
    """Every member of a loaded EnsembleScorer exported into `out`/member-N, beside the ensemble's meta.json."""
    path = Path(out)
    for number, member in enumerate(ensemble.members, start=1):
        transformer_export(scorer=member, out=path / f"{MEMBER_PREFIX}{number}", quantisation=quantisation)
    meta = {**ensemble.meta, "model_kind": ENSEMBLE_KIND, "members": len(ensemble.members),
            "logit_offset": ensemble.logit_offset, "threshold": ensemble.threshold, "quantisation": quantisation}
    (path / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")
    return path


class OnnxScorer(LogitScorer):
    name = "onnx"

    def __init__(self, directory: str | Path, *, threads: int | None = None) -> None:
        import onnxruntime  # imported where used: only processes that score with this kind load it
        from tokenizers import Tokenizer

        path = Path(directory)
        if not (path / ONNX_FILE).exists():
            raise FileNotFoundError(f"No ONNX check-worthiness model in {path} (expected {ONNX_FILE}).")
        self.meta: dict[str, Any] = json.loads((path / META_FILE).read_text(encoding="utf-8"))
        self.threshold = float(self.meta.get("threshold", 0.5))
        self.logit_offset = float(self.meta.get("logit_offset", 0.0))
        self.directory = path.resolve()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = scorer_threads() if threads is None else threads
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(path / ONNX_FILE), options,
                                                     providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(path / TOKENIZER_FILE))
        self._tokenizer.enable_truncation(int(self.meta.get("max_length", MAX_LENGTH)))
        self._tokenizer.enable_padding(pad_id=int(self.meta.get("pad_id", 0)),
                                       pad_token=str(self.meta.get("pad_token", "[PAD]")))

    def logits(self, texts: list[str]) -> list[float]:
        if not texts:
            return []
        logits = [0.0] * len(texts)
        for batch in _batches(texts, shuffle=False, rng=random.Random(0)):
            encoded = self._tokenizer.encode_batch([texts[i] for i in batch])
            feeds = {"input_ids": np.asarray([item.ids for item in encoded], dtype=np.int64),
                     "attention_mask": np.asarray([item.attention_mask for item in encoded], dtype=np.int64)}
            values = self._session.run(None, feeds)[0].astype(np.float64) - self.logit_offset
            for index, value in zip(batch, values.tolist()):
                logits[index] = float(value)
        return logits



def export_agreement(*, source: LogitScorer, export: LogitScorer, texts: list[str]) -> dict[str, float | int]:
    """How far the export's scores move from its source's on `texts`, and how many decisions (at 0.5) stay."""
    return {"sentences": len(texts), **score_agreement(reference=source.score_texts(texts),
                                                       other=export.score_texts(texts))}
