"""Reading CheckThat!-style check-worthiness files: TSV with Sentence_id, Text, class_label (Yes/No)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LabelledSentence:
    sentence_id: str
    text: str
    label: int  # 1 = check-worthy


def read_checkthat_tsv(path: str | Path) -> list[LabelledSentence]:
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        # Sentences contain quote characters; the files are not CSV-quoted.
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            label = (row.get("class_label") or "").strip().lower()
            text = (row.get("Text") or "").strip()
            if not text or label not in ("yes", "no"):
                continue
            rows.append(LabelledSentence(sentence_id=str(row.get("Sentence_id", "")), text=text,
                                         label=1 if label == "yes" else 0))
    return rows
