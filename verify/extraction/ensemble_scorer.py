"""An ensemble of fine-tuned transformer scorers: the members' logits averaged, one cut-off.

The accurate kind is the pair of models cross-validation trained (each on half of the data, by blocks
of debates): their average scores unseen text better than either, and the cut-off was chosen on their
out-of-fold scores. Stored as member-1/, member-2/ … (each a transformer model directory, or its ONNX
export: onnx_scorer.py) and meta.json.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from verify.extraction.transformer_scorer import META_FILE, LogitScorer, TransformerScorer

MODEL_KIND = "ensemble"
FORMAT_VERSION = 1
MEMBER_PREFIX = "member-"


class EnsembleScorer(LogitScorer):
    name = "ensemble"

    def __init__(self, *, members: list[LogitScorer], logit_offset: float = 0.0, threshold: float = 0.5,
                 meta: dict[str, Any] | None = None) -> None:
        if not members:
            raise ValueError("An ensemble needs at least one member.")
        self.members = members
        # Subtracted from the mean logit, so the cut-off chosen by cross-validation lands on 0.5.
        self.logit_offset = logit_offset
        self.threshold = threshold
        self.meta = meta or {}

    def logits(self, texts: list[str]) -> list[float]:
        if not texts:
            return []
        per_member = [member.logits(texts) for member in self.members]
        return [sum(values) / len(values) - self.logit_offset for values in zip(*per_member)]

    def save(self, directory: str | Path) -> None:
        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        for number, member in enumerate(self.members, start=1):
            target = path / f"{MEMBER_PREFIX}{number}"
            # Cross-validation trains each member straight into its place (hundreds of MB): keep it.
            if member.directory != target.resolve():
                member.save(target)
        meta = {**self.meta, "model_kind": MODEL_KIND, "format_version": FORMAT_VERSION, "members": len(self.members),
                "logit_offset": self.logit_offset, "threshold": self.threshold}
        (path / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, directory: str | Path, *, load_model: Callable[[Path], Any] = TransformerScorer.load
             ) -> "EnsembleScorer":
        """`load_model` opens each member directory (trained_scorer.load_model_dir: a transformer or its
        ONNX export)."""
        path = Path(directory)
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
        members = [load_model(path / f"{MEMBER_PREFIX}{number}")
                   for number in range(1, int(meta.get("members", 0)) + 1)]
        if not members:
            raise FileNotFoundError(f"No ensemble members in {path} (expected {MEMBER_PREFIX}1/ …).")
        return cls(members=members, logit_offset=float(meta.get("logit_offset", 0.0)),
                   threshold=float(meta.get("threshold", 0.5)), meta=meta)
