"""Scoring speed of a check-worthiness model directory, in sentences per second, on one and two cores.

    .venv/bin/python bench/checkworthiness_speed.py --model var/models/checkworthiness-accurate [--sentences 600]

Sentences: CheckThat! 2024 dev (real debate sentences) from ../shared/data when present, else the sample
article's sentences repeated. Each thread count is timed twice, interleaved, after a warm-up; the best of
each is printed with the ratio of two threads to one. Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data"


def load_sentences(limit: int) -> tuple[str, list[str]]:
    from verify.extraction.checkthat import read_checkthat_tsv

    dev = SHARED / "checkworthiness" / "ct24_dev.tsv"
    if dev.exists():
        return "ct24_dev", [row.text for row in read_checkthat_tsv(dev)][:limit]
    text = (ROOT / "verify" / "sample_data" / "sample_article.txt").read_text(encoding="utf-8")
    sentences = [s.strip() + "." for s in text.replace("\n", " ").split(". ") if len(s.split()) > 4]
    return "sample_article", (sentences * (limit // max(1, len(sentences)) + 1))[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="a transformer or ensemble model directory")
    parser.add_argument("--sentences", type=int, default=600)
    args = parser.parse_args()

    import torch

    from verify.extraction.trained_scorer import load_model_dir

    scorer = load_model_dir(args.model)
    source, sentences = load_sentences(args.sentences)
    scorer.score_texts(sentences[:64])  # warm-up: first calls allocate
    best: dict[int, float] = {}
    for _ in range(2):
        for threads in (1, 2):
            torch.set_num_threads(threads)
            started = time.perf_counter()
            scorer.score_texts(sentences)
            best[threads] = max(best.get(threads, 0.0), len(sentences) / (time.perf_counter() - started))
    print(json.dumps({"model": args.model, "kind": scorer.name, "sentences": len(sentences), "source": source,
                      "sentences_per_second_1_thread": round(best[1], 1),
                      "sentences_per_second_2_threads": round(best[2], 1),
                      "two_threads_over_one": round(best[2] / best[1], 2)}))


if __name__ == "__main__":
    main()
