"""Does the snapshot's vector storage cost ranking quality? CLEF 2020 dev MAP@5 of the same matcher with
its rows in memory (exact float32 cosines) and in snapshots storing vectors as f32, f16 and i8 (usearch
HNSW, approximate). Every variant uses the same stored vectors (the MiniLM embeddings of the claim texts
cached by bench/scale_corpus.py) and the same query embeddings, so only the storage differs.

    nice -n 10 .venv/bin/python bench/matching_quantisation.py      (needs ../shared/data/claim_matching)

Prints one JSON object.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import scale_corpus  # noqa: E402

CLEF = scale_corpus.DATA / "claim_matching"


class SnapshotMatcher:
    """evaluate()'s matcher protocol (add_many, search) over a snapshot built from the documents."""

    def __init__(self, *, dtype: str, embedder, vector_of: dict[str, np.ndarray]) -> None:
        self.dtype, self.embedder, self.vector_of = dtype, embedder, vector_of

    def add_many(self, documents, **kwargs) -> None:
        from annotations.matching.core import snapshot as snapshot_files
        from annotations.matching.core.delta import BM25_B, BM25_K1
        from annotations.matching.core.matcher import Matcher
        from annotations.matching.core.numbers import extract_numbers
        from annotations.matching.core.text import tokenize

        documents = list(documents)
        self.keys = [document.key for document in documents]
        root = Path(tempfile.mkdtemp(prefix=f"quant-{self.dtype}-"))
        rows = snapshot_files.SnapshotRows(
            keys=np.arange(len(documents)), tokens=[tokenize(f"{d.text} {d.title}".strip()) for d in documents],
            numbers=[extract_numbers(d.text) for d in documents],
            vectors=np.stack([self.vector_of[d.text.strip()] for d in documents]))
        snapshot_files.write(root, rows, generation="1", watermark="", model=self.embedder.version,
                             tokenizer_version=0, k1=BM25_K1, b=BM25_B, vector_dtype=self.dtype)
        self.matcher = Matcher(embedder=self.embedder, snapshot=snapshot_files.open_current(root))

    def search(self, text: str, *, limit: int):
        found = self.matcher.search(text, limit=limit)
        return [replace(candidate, key=self.keys[candidate.key]) for candidate in found]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    import django

    django.setup()
    from annotations.matching.core.evaluation import evaluate, read_qrels, read_tsv
    from annotations.matching.core.matcher import Matcher
    from annotations.matching.embedding import configured_embedder

    embedder = configured_embedder()
    bases, _, _ = scale_corpus.corpus(len(scale_corpus.clef_claims()))
    vectors, _ = scale_corpus.embed(bases, budget_seconds=0, model=embedder.version, at_least=len(bases))
    vector_of = dict(zip(bases, vectors))
    queries = read_tsv(CLEF / "dev" / "tweets.queries.tsv")
    corpus = read_tsv(CLEF / "verified_claims.docs.tsv")
    qrels = read_qrels(CLEF / "dev" / "tweet-vclaim-pairs.qrels")

    class InMemory(Matcher):
        def add_many(self, documents, **kwargs):
            documents = list(documents)
            super().add_many(documents, vectors=[vector_of[d.text.strip()] for d in documents])

    result = {"documents": len(corpus), "queries": len(queries),
              "in_memory_exact_f32": evaluate(queries=queries, corpus=corpus, qrels=qrels,
                                              matcher_factory=lambda: InMemory(embedder=embedder)).as_dict()}
    for dtype in ("f32", "f16", "i8"):
        result[f"snapshot_{dtype}"] = evaluate(
            queries=queries, corpus=corpus, qrels=qrels,
            matcher_factory=lambda dtype=dtype: SnapshotMatcher(dtype=dtype, embedder=embedder,
                                                                vector_of=vector_of)).as_dict()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
