"""Ingestion speed with the accurate check-worthiness kind: real extraction (`extract_claims_batch`, the
path the workers take) over real articles with each scorer, on 1 and on 2 worker processes, beside bare
`nlp.pipe` on the same texts, in sentences per second and per hour.

    .venv/bin/python bench/accurate_ingestion.py [--accurate var/models/checkworthiness-accurate] \
        [--cascade var/models/checkworthiness-cascade] [--extra NAME=DIR ...] [--processes 1,2] [--repeat 1]

Bare `nlp.pipe` and the built-in are always timed; each model directory named is timed beside them.

Texts: the 84 PolNeAR dev articles and the seed article from ../shared/data (bench/corpus.py reads
them), else the repository's sample article. Each run starts fresh worker processes (spawned, as
Celery's prefork pool would hold them), each loads spaCy and its scorer and warms up on one text, then
all start together on their share of the texts (balanced by sentences); the time is from that start to
the last one done. Torch (and onnxruntime, for an ONNX export) gets the machine's cores divided among the
processes. A cascade reports the
share of sentences its accurate model scored (and a cascade of three, the share its student scored).
Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import article_sources  # noqa: E402

MODEL_SETTING = "VERIFY_CHECKWORTHINESS_MODEL"
TARGET_PER_HOUR = 300_000
_barrier = None


def _initialise(barrier) -> None:
    global _barrier
    _barrier = barrier


def _work(model: str | None, texts: list[str], threads: int) -> dict:
    """One worker process: load, warm up, wait for the others, extract (or only parse, model None)."""
    os.environ[MODEL_SETTING] = model or ""
    os.environ["VERIFY_SCORER_THREADS"] = str(threads)  # the ONNX kind's sessions (onnx_scorer.py)
    import torch

    from verify.extraction import extract_claims_batch
    from verify.extraction.nlp import get_nlp
    from verify.extraction.scoring import get_scorer

    torch.set_num_threads(threads)
    nlp = get_nlp()
    scorer = get_scorer() if model is not None else None
    if scorer is not None:
        extract_claims_batch(texts[:1])
    else:
        list(nlp.pipe(texts[:1]))
    before = _routing(scorer)
    _barrier.wait()
    started = time.time()
    claims = 0
    if scorer is None:
        sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=32))
    else:
        claims = sum(len(found) for found in extract_claims_batch(texts, batch_size=32))
        sentences = None
    return {"started": started, "finished": time.time(), "sentences": sentences, "claims": claims,
            "scorer": scorer.name if scorer is not None else "none",
            "routing": [[now - then for now, then in zip(stage, earlier)]
                        for stage, earlier in zip(_routing(scorer), before)]}


def _routing(scorer) -> list[tuple[int, int]]:
    """(sentences scored, sentences routed on) of each cascade stage, the outermost first: a cascade whose
    cheap side is itself a cascade (built-in -> student -> accurate) has two."""
    stages = []
    while getattr(scorer, "name", "") == "cascade":
        stages.append((scorer.scored, scorer.routed))
        scorer = scorer.cheap
    return stages


def _shares(texts: list[str], processes: int) -> list[list[str]]:
    """Texts dealt longest first to the process with the fewest characters so far."""
    shares: list[list[str]] = [[] for _ in range(processes)]
    sizes = [0] * processes
    for text in sorted(texts, key=len, reverse=True):
        target = sizes.index(min(sizes))
        shares[target].append(text)
        sizes[target] += len(text)
    return shares


def run(model: str | None, texts: list[str], processes: int) -> dict:
    threads = max(1, (os.cpu_count() or 1) // processes)
    context = multiprocessing.get_context("spawn")  # a forked torch process can dead-lock
    barrier = context.Barrier(processes)
    with ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=_initialise,
                             initargs=(barrier,)) as pool:
        results = list(pool.map(_work, [model] * processes, _shares(texts, processes), [threads] * processes))
    return {"seconds": max(r["finished"] for r in results) - min(r["started"] for r in results),
            "claims": sum(r["claims"] for r in results), "scorer": results[0]["scorer"],
            "sentences": sum(r["sentences"] or 0 for r in results),
            "routing": [[sum(stage) for stage in zip(*per_stage)] for per_stage in zip(*(r["routing"] for r in results))],
            "torch_threads": threads}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accurate", default=None, help="the accurate model directory")
    parser.add_argument("--cascade", default=None, help="a cascade directory (manage.py make_cascade)")
    parser.add_argument("--extra", action="append", default=[], help="NAME=DIR: another model directory to time")
    parser.add_argument("--processes", default="1,2", help="comma-separated worker process counts")
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the fastest of each is printed")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    args = parser.parse_args()

    sources = article_sources()
    texts_raw = [raw for _, _, raw in sources][:args.limit or None]
    from verify.extraction import clean_text

    texts = [clean_text(raw) for raw in texts_raw]
    kinds = {"bare_nlp_pipe": None, "builtin": "",
             **{name: model for name, model in (("accurate", args.accurate), ("cascade", args.cascade)) if model}}
    kinds.update(dict(item.split("=", 1) for item in args.extra))
    counts = [int(p) for p in args.processes.split(",")]
    best: dict[tuple[str, int], dict] = {}
    for _ in range(args.repeat):
        for processes in counts:
            for name, model in kinds.items():
                result = run(model, texts, processes)
                key = (name, processes)
                if key not in best or result["seconds"] < best[key]["seconds"]:
                    best[key] = result
                print(f"  {name:>14} x{processes}: {result['seconds']:.1f} s", file=sys.stderr, flush=True)
    sentences = best[("bare_nlp_pipe", counts[0])]["sentences"]
    report = {"texts": "polnear_dev+seed" if len(sources) > 1 else "sample_article", "documents": len(texts),
              "characters": sum(len(t) for t in texts), "sentences": sentences, "cpu_count": os.cpu_count(),
              "repeat": args.repeat, "target_sentences_per_hour": TARGET_PER_HOUR, "runs": {}}
    for (name, processes), result in best.items():
        per_second = sentences / result["seconds"]
        bare = sentences / best[("bare_nlp_pipe", processes)]["seconds"]
        entry = {"sentences_per_second": round(per_second, 1), "sentences_per_hour": round(per_second * 3600),
                 "of_bare_nlp_pipe": round(per_second / bare, 3), "claims": result["claims"],
                 "scorer": result["scorer"], "torch_threads": result["torch_threads"]}
        if name != "bare_nlp_pipe":
            entry["meets_target"] = per_second * 3600 >= TARGET_PER_HOUR
        # The outermost stage routes to the accurate model; an inner one (if any) to the student.
        for label, (scored, routed) in zip(("share_of_scored_to_accurate", "share_of_scored_to_student"),
                                           result["routing"]):
            entry[label] = round(routed / max(1, scored), 4)
        report["runs"][f"{name}_x{processes}"] = entry
    print(json.dumps(report))


if __name__ == "__main__":
    main()
