"""Extraction time against article length: it should grow linearly with the text.

    .venv/bin/python bench/extraction_length.py [--copies 1 10 50]

Repeats the fictional sample article 1, 10 and 50 times (paragraphs kept), runs the full
`extract_claims` on each and prints characters, CPU seconds and CPU microseconds per character; a
flat last column means linear time. No Django database needed.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 50])
    args = parser.parse_args()

    from verify.extraction import clean_text, extract_claims

    base = clean_text((ROOT / "verify" / "sample_data" / "sample_article.txt").read_text(encoding="utf-8"))
    extract_claims(base)  # load the model outside the timings
    rows = []
    for copies in args.copies:
        text = "\n\n".join([base] * copies)
        started = time.process_time()
        claims = extract_claims(text)
        seconds = time.process_time() - started
        rows.append({"copies": copies, "chars": len(text), "claims": len(claims), "cpu_seconds": round(seconds, 3),
                     "cpu_us_per_char": round(seconds / len(text) * 1e6, 2)})
    print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
