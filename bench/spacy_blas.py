"""spaCy's matrix products: the BLIS bundled with thinc against numpy's BLAS (on one thread, and on its
default threads), on real articles.

    .venv/bin/python bench/spacy_blas.py [--articles 120]

Prints which kernels the bundled BLIS selected on this CPU (its BLIS_ARCH_DEBUG line), one product of an
embedding layer's shape (1000x96 by 96x288) 2,000 times in each library (one thread), then `nlp.pipe` over the same
cleaned articles (bench/ingestion.py's: the real ones first, then variants) in a fresh process per
configuration: CPU and wall seconds, and a digest of every token's annotation, which must be the same in
all three. The product's loader is verify/extraction/matrix_ops.py's "numpy, 1 thread". No database.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
PRODUCTS = 2_000
CONFIGURATIONS = ("blis", "numpy, default threads", "numpy, 1 thread")


def _products() -> dict:
    import blis.py
    import numpy
    from threadpoolctl import threadpool_limits

    rng = numpy.random.default_rng(0)
    left, right = rng.random((1000, 96), dtype="float32"), rng.random((96, 288), dtype="float32")
    seconds = {}
    threadpool_limits(limits=1, user_api="blas")  # as the product runs it
    for name, product in (("blis", blis.py.gemm), ("numpy", numpy.matmul)):
        started = time.perf_counter()
        for _ in range(PRODUCTS):
            product(left, right)
        seconds[name] = round(time.perf_counter() - started, 2)
    return seconds


def _pipe(configuration: str, articles: int) -> dict:
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    from ingestion import ingestion_texts
    from verify.extraction import clean_text
    from verify.extraction.matrix_ops import model_layers
    from verify.extraction.nlp import configured_model_name, load_nlp

    nlp = load_nlp(configured_model_name())  # numpy's BLAS on one thread
    if configuration == "blis":
        for layer in model_layers(nlp):
            layer.ops = NumpyOps()
    elif configuration == "numpy, default threads":
        threadpool_limits(limits=os.cpu_count(), user_api="blas")
    texts, _ = ingestion_texts(articles)
    cleaned = [clean_text(text) for text in texts]
    list(nlp.pipe(cleaned[:8]))  # warm up
    wall, cpu = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(cleaned, batch_size=16))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    digest = hashlib.sha256()
    for doc in docs:
        for token in doc:
            digest.update(f"{token.tag_}|{token.pos_}|{token.morph}|{token.lemma_}|{token.dep_}|{token.head.i}|"
                          f"{token.ent_iob_}|{token.ent_type_}\n".encode())
    return {"configuration": configuration, "cpu_seconds": round(cpu, 2), "wall_seconds": round(wall, 2),
            "tokens": sum(len(doc) for doc in docs), "annotation_sha256": digest.hexdigest()[:16]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--run", choices=CONFIGURATIONS, help=argparse.SUPPRESS)  # one child process
    args = parser.parse_args()
    if args.run:
        print(json.dumps(_pipe(args.run, args.articles)))
        return
    selected = subprocess.run([sys.executable, "-c", "import blis.py, numpy; blis.py.gemm(numpy.ones((2, 2), "
                               "'float32'), numpy.ones((2, 2), 'float32'))"],
                              env={**os.environ, "BLIS_ARCH_DEBUG": "1"}, capture_output=True, text=True)
    print(f"bundled BLIS: {(selected.stdout + selected.stderr).strip() or 'nothing printed'}", flush=True)
    print(f"{PRODUCTS:,} products 1000x96 by 96x288, one thread, seconds: {json.dumps(_products())}", flush=True)
    rows = []
    for configuration in CONFIGURATIONS:
        child = subprocess.run([sys.executable, __file__, "--run", configuration, "--articles", str(args.articles)],
                               capture_output=True, text=True, check=True)
        rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    same = len({row["annotation_sha256"] for row in rows}) == 1
    print(f"annotations identical in all configurations: {same}")


if __name__ == "__main__":
    main()
