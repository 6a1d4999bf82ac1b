"""Scoring speed of a check-worthiness model directory, in sentences per second, on one and two cores.

    .venv/bin/python bench/checkworthiness_speed.py --model var/models/checkworthiness-accurate \
        [--compare var/models/checkworthiness-accurate-int8] [--sentences 600]

Sentences: CheckThat! 2024 dev (real debate sentences) from ../shared/data when present, else the sample
article's sentences repeated. Each thread count is timed twice, interleaved, after a warm-up; the best of
each is printed with the ratio of two threads to one. With --compare another model directory (say the
model's ONNX export, `manage.py export_checkworthiness`) is timed in the same rounds, and its scores are
compared with the model's own on every sentence: mean and largest difference, share of the same decision
at 0.5 and, on CheckThat! dev, both F1s. Prints one JSON object.
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


def load_sentences(limit: int) -> tuple[str, list[str], list[int] | None]:
    """(source, sentences, their labels when the source has them)."""
    from verify.extraction.checkthat import read_checkthat_tsv

    dev = SHARED / "checkworthiness" / "ct24_dev.tsv"
    if dev.exists():
        rows = read_checkthat_tsv(dev)[:limit or None]
        return "ct24_dev", [row.text for row in rows], [row.label for row in rows]
    text = (ROOT / "verify" / "sample_data" / "sample_article.txt").read_text(encoding="utf-8")
    sentences = [s.strip() + "." for s in text.replace("\n", " ").split(". ") if len(s.split()) > 4]
    return "sample_article", (sentences * (limit // max(1, len(sentences)) + 1))[:limit], None


def agreement(reference: list[float], other: list[float], labels: list[int] | None) -> dict:
    """How far `other`'s scores are from `reference`'s, and whether the decisions at 0.5 change."""
    from verify.extraction.metrics import score_agreement
    from verify.extraction.training import evaluate_scores

    result = score_agreement(reference=reference, other=other)
    if labels is not None:
        result["f1_reference"] = evaluate_scores(labels=labels, scores=reference, threshold=0.5)["f1"]
        result["f1_compared"] = evaluate_scores(labels=labels, scores=other, threshold=0.5)["f1"]
    return result


def loaded(directory: str, threads: int):
    """The scorer in `directory`, its onnxruntime sessions (an ONNX export) made with `threads` threads;
    torch's are set per round (a process-wide setting)."""
    from verify.extraction.trained_scorer import load_model_dir

    return load_model_dir(directory, threads=threads)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="a transformer, ensemble or ONNX model directory")
    parser.add_argument("--compare", default=None, help="a second model directory timed and scored beside it")
    parser.add_argument("--sentences", type=int, default=600, help="how many (0: all of dev)")
    args = parser.parse_args()

    import torch

    directories = {"model": args.model, **({"compared": args.compare} if args.compare else {})}
    forms = {(name, threads): loaded(directory, threads) for name, directory in directories.items()
             for threads in (1, 2)}
    source, sentences, labels = load_sentences(args.sentences)
    for scorer in forms.values():
        scorer.score_texts(sentences[:64])  # warm-up: first calls allocate
    best: dict[tuple[str, int], float] = {}
    scores: dict[str, list[float]] = {}
    for _ in range(2):
        for threads in (1, 2):
            torch.set_num_threads(threads)
            for name in directories:
                started = time.perf_counter()
                scores[name] = forms[name, threads].score_texts(sentences)
                rate = len(sentences) / (time.perf_counter() - started)
                best[name, threads] = max(best.get((name, threads), 0.0), rate)
    result = {"model": args.model, "kind": forms["model", 1].name, "sentences": len(sentences), "source": source,
              "sentences_per_second_1_thread": round(best["model", 1], 1),
              "sentences_per_second_2_threads": round(best["model", 2], 1),
              "two_threads_over_one": round(best["model", 2] / best["model", 1], 2)}
    if args.compare:
        result["compared"] = {"model": args.compare, "kind": forms["compared", 1].name,
                              "sentences_per_second_1_thread": round(best["compared", 1], 1),
                              "sentences_per_second_2_threads": round(best["compared", 2], 1),
                              "over_model_1_thread": round(best["compared", 1] / best["model", 1], 2),
                              "over_model_2_threads": round(best["compared", 2] / best["model", 2], 2),
                              **agreement(scores["model"], scores["compared"], labels)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
