"""Every claim the extractor finds in the real articles, one JSON line each, to diff two versions of the
code: a change meant to be faster must leave this file byte for byte the same.

    .venv/bin/python bench/extraction_snapshot.py /tmp/before.jsonl   # on the old code
    .venv/bin/python bench/extraction_snapshot.py /tmp/after.jsonl    # on the new code
    cmp /tmp/before.jsonl /tmp/after.jsonl

Articles are those bench/corpus.py reads (84 PolNeAR dev texts and the seed article), extracted as a
worker does (batches of 8 through `extract_claims_batch`, each with a publication date), and every
tenth one again alone (`extract_claims`). Each line holds all of an ExtractedClaim's fields.
"""
from __future__ import annotations

import dataclasses
import json
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

BATCH = 8


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    os.environ.setdefault("VERIFY_CHECKWORTHINESS_MODEL", "")
    from corpus import article_sources
    from verify.extraction import clean_text, extract_claims, extract_claims_batch

    texts = [clean_text(raw) for _, _, raw in article_sources()]
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        def write(key: str, number: int, claims) -> None:
            for claim in claims:
                out.write(json.dumps({key: number, **dataclasses.asdict(claim)}, sort_keys=True, default=str) + "\n")

        for first in range(0, len(texts), BATCH):
            group = texts[first:first + BATCH]
            dates = [date(2017, 3, 1 + offset) for offset in range(len(group))]
            for offset, claims in enumerate(extract_claims_batch(group, published_ats=dates)):
                write("article", first + offset, claims)
        for number in range(0, len(texts), 10):
            write("single", number, extract_claims(texts[number]))


if __name__ == "__main__":
    main()
