"""Extraction throughput: the full pipeline (cleaning, spaCy, selection, attribution, quantities,
scoring) against bare `nlp.pipe` on the same texts in the same run, plus n_process=2.

    .venv/bin/python bench/extraction.py [--repeat 5] [--batch-size 32] [--no-multiprocess]

Texts: the PolNeAR dev articles from ../shared/data/attribution/polnear_dev when present, else the
CheckThat! dev sentences grouped into 20-sentence "articles", else the sample article repeated.
No Django settings or database needed. Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data"


def load_texts() -> tuple[str, list[str]]:
    polnear = SHARED / "attribution" / "polnear_dev" / "text"
    if polnear.is_dir():
        return "polnear_dev", [p.read_text(encoding="utf-8") for p in sorted(polnear.glob("*.txt"))]
    checkthat = SHARED / "checkworthiness" / "ct24_dev.tsv"
    if checkthat.exists():
        from verify.extraction.checkthat import read_checkthat_tsv

        sentences = [row.text for row in read_checkthat_tsv(checkthat)]
        return "ct24_dev", [" ".join(sentences[i:i + 20]) for i in range(0, len(sentences), 20)]
    sample = (ROOT / "verify" / "sample_data" / "sample_article.txt").read_text(encoding="utf-8")
    return "sample_article x50", [sample] * 50


def _timed(run) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process). CPU time is what to compare on a shared machine:
    other tenants' load stretches wall time but not the work this process does."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--no-multiprocess", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("VERIFY_CHECKWORTHINESS_MODEL", "")

    from verify.extraction import clean_text, extract_claims_batch
    from verify.extraction.scoring import get_scorer
    from verify.extraction.nlp import get_nlp

    source, raw_texts = load_texts()
    nlp = get_nlp()
    cleaned = [clean_text(t) for t in raw_texts]
    sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(cleaned, batch_size=args.batch_size))  # warm-up
    scorer = get_scorer()

    def bare() -> None:
        for _ in nlp.pipe(cleaned, batch_size=args.batch_size):
            pass

    claims_found = []

    def full() -> None:
        texts = [clean_text(t) for t in raw_texts]
        claims_found[:] = extract_claims_batch(texts, batch_size=args.batch_size)

    # Interleaved rounds, so both sides see the same background load; the fastest round of each
    # is the least disturbed, and the per-round ratios show the spread.
    bare_times, full_times = [], []
    for _ in range(args.repeat):
        bare_times.append(_timed(bare))
        full_times.append(_timed(full))
    bare_wall, full_wall = min(t[0] for t in bare_times), min(t[0] for t in full_times)
    bare_cpu, full_cpu = min(t[1] for t in bare_times), min(t[1] for t in full_times)
    wall_ratios = sorted(round(b[0] / f[0], 3) for b, f in zip(bare_times, full_times))
    cpu_ratios = sorted(round(b[1] / f[1], 3) for b, f in zip(bare_times, full_times))
    result = {
        "texts": source,
        "documents": len(raw_texts),
        "characters": sum(len(t) for t in cleaned),
        "sentences": sentences,
        "claims": sum(len(c) for c in claims_found),
        "scorer": scorer.name,
        "pipeline": nlp.pipe_names,
        "bare_nlp_pipe_sentences_per_cpu_second": round(sentences / bare_cpu, 1),
        "full_extraction_sentences_per_cpu_second": round(sentences / full_cpu, 1),
        "ratio_full_to_bare_cpu": round(bare_cpu / full_cpu, 3),
        "ratio_per_round_cpu": cpu_ratios,
        "bare_nlp_pipe_sentences_per_second": round(sentences / bare_wall, 1),
        "full_extraction_sentences_per_second": round(sentences / full_wall, 1),
        "ratio_full_to_bare_wall": round(bare_wall / full_wall, 3),
        "ratio_per_round_wall": wall_ratios,
        "batch_size": args.batch_size,
        "repeat": args.repeat,
    }
    if not args.no_multiprocess:
        def full_two_processes() -> None:
            extract_claims_batch([clean_text(t) for t in raw_texts], batch_size=args.batch_size, n_process=2)

        two_wall, _ = _timed(full_two_processes)  # CPU time would miss the child processes: wall only
        result["full_extraction_n_process_2_sentences_per_second"] = round(sentences / two_wall, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
