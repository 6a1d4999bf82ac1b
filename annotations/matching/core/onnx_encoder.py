"""The sentence encoder exported to ONNX and run by onnxruntime: the same vectors, a third of the memory.

A process that embeds with torch + sentence-transformers holds ~400 MB (torch alone ~120 MB of
anonymous memory); onnxruntime with the exported graph ~170 MB, and a query embeds ~2x faster on one
thread. Vectors equal torch's (cosine 1.0000 on the packaged MiniLM: tests/annotations/matching/
test_onnx_encoder.py), so the model name stays the embedding's version and stored vectors stay valid.

`export` needs torch (a worker or `manage.py build_match_index` runs it once per model and machine);
`OnnxEncoder` needs only onnxruntime and tokenizers. Only sentence-transformers models of the
Transformer -> mean Pooling -> Normalize kind (MiniLM and its fine-tunes) are exported; others keep torch.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np

OPSET = 17


def exportable(model_dir: Path) -> bool:
    """True for a Transformer + mean pooling (+ normalise) sentence-transformers directory."""
    try:
        modules = [module["type"].rsplit(".", 1)[-1] for module in json.loads((model_dir / "modules.json").read_text())]
        pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
    except (OSError, ValueError, KeyError):
        return False
    return (modules[:2] == ["Transformer", "Pooling"] and set(modules[2:]) <= {"Normalize"}
            and pooling.get("pooling_mode_mean_tokens") and (model_dir / "tokenizer.json").exists()
            and not any(value for key, value in pooling.items() if key.startswith("pooling_mode_")
                        and key != "pooling_mode_mean_tokens"))


def onnx_path(cache_dir: Path, model: str, model_dir: Path) -> Path:
    """Where the export of a model lives: named after the model and its weights' size and time."""
    weights = next((p for p in (model_dir / "model.safetensors", model_dir / "pytorch_model.bin") if p.exists()), None)
    stamp = f"{weights.stat().st_size}-{int(weights.stat().st_mtime)}" if weights else "0"
    digest = hashlib.sha256(f"{model}|{model_dir.resolve()}|{stamp}".encode()).hexdigest()[:16]
    return cache_dir / f"encoder-{digest}.onnx"


def export(model_dir: Path, path: Path) -> Path:
    """Export the model's transformer to `path` (written under a temporary name, then renamed)."""
    import torch  # heavy: only the exporting process pays for it
    from transformers import AutoModel, AutoTokenizer

    model = AutoModel.from_pretrained(str(model_dir)).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    sample = tokenizer(["a short text", "a second, longer example text"], padding=True, return_tensors="pt")
    names = [name for name in ("input_ids", "attention_mask", "token_type_ids") if name in sample]

    class Hidden(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, *inputs):
            return self.inner(**dict(zip(names, inputs))).last_hidden_state

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "hidden"]}
    with torch.no_grad():
        torch.onnx.export(Hidden(model), tuple(sample[name] for name in names), str(partial), input_names=names,
                          output_names=["hidden"], dynamic_axes=axes, opset_version=OPSET, dynamo=False)
    os.replace(partial, path)
    return path


class OnnxEncoder:
    """Tokenise, run the exported transformer, mean-pool over the real tokens, L2-normalise."""

    def __init__(self, path: Path, model_dir: Path, *, threads: int = 1) -> None:
        import onnxruntime  # imported where used: only processes that embed load it
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self._inputs = {item.name for item in self._session.get_inputs()}
        config = json.loads((model_dir / "sentence_bert_config.json").read_text()) \
            if (model_dir / "sentence_bert_config.json").exists() else {}
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(int(config.get("max_seq_length", 256)))
        self._tokenizer.enable_padding()

    def encode(self, texts: list[str], *, batch_size: int = 64) -> np.ndarray:
        out = []
        for start in range(0, len(texts), batch_size):
            encoded = self._tokenizer.encode_batch([text or "" for text in texts[start:start + batch_size]])
            ids = np.asarray([item.ids for item in encoded], dtype=np.int64)
            mask = np.asarray([item.attention_mask for item in encoded], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self._session.run(None, {name: value for name, value in feeds.items() if name in self._inputs})[0]
            pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out.append(pooled / np.maximum(norms, 1e-12))
        return np.ascontiguousarray(np.concatenate(out), dtype=np.float32)
