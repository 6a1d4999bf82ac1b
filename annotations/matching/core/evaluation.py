"""CLEF CheckThat! Task 2 evaluation: read the TSV/qrels files, rank, score MAP@5 and MRR."""
from __future__ import annotations

import csv
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotations.matching.core.matcher import Document, Matcher


def read_tsv(path: str | Path) -> list[list[str]]:
    """Rows of a headed TSV (the header is skipped). Fields may be quoted, as in the CLEF files."""
    csv.field_size_limit(10_000_000)
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader, None)
        return [row for row in reader if row and any(cell.strip() for cell in row)]


def read_qrels(path: str | Path) -> dict[str, set[str]]:
    """TREC qrels 'qid 0 docid relevance' -> {qid: {relevant docids}}."""
    relevant: dict[str, set[str]] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 4:
                raise ValueError(f"{path}:{number}: expected 'qid 0 docid relevance', got {line.strip()!r}")
            qid, _, docid, relevance = parts
            if int(relevance) > 0:
                relevant.setdefault(qid, set()).add(docid)
    return relevant


def average_precision_at(ranked: list[str], relevant: set[str], k: int = 5) -> float:
    hits, total = 0, 0.0
    for position, docid in enumerate(ranked[:k], start=1):
        if docid in relevant:
            hits += 1
            total += hits / position
    return total / min(len(relevant), k) if relevant else 0.0


def reciprocal_rank(ranked: list[str], relevant: set[str]) -> float:
    for position, docid in enumerate(ranked, start=1):
        if docid in relevant:
            return 1.0 / position
    return 0.0


@dataclass(frozen=True)
class EvaluationResult:
    map_at_5: float
    mrr: float
    n_queries: int
    n_corpus: int
    index_seconds: float
    queries_per_second: float
    recall_at_5: float
    average_precision: dict[str, float] = field(default_factory=dict, repr=False)  # AP@5 by query id

    def map_over(self, qids: set[str]) -> float:
        """MAP@5 over a subset of the judged queries (0 when none of them is judged)."""
        values = [ap for qid, ap in self.average_precision.items() if qid in qids]
        return sum(values) / len(values) if values else 0.0

    def as_dict(self) -> dict:
        return {
            "map_at_5": round(self.map_at_5, 4), "mrr": round(self.mrr, 4), "recall_at_5": round(self.recall_at_5, 4),
            "n_queries": self.n_queries, "n_corpus": self.n_corpus,
            "index_seconds": round(self.index_seconds, 2), "queries_per_second": round(self.queries_per_second, 1),
        }


def evaluate(*, queries: list[list[str]], corpus: list[list[str]], qrels: dict[str, set[str]],
             matcher_factory: Callable[[], Matcher] = Matcher, depth: int = 20) -> EvaluationResult:
    """Index the corpus (id, claim[, title]), rank it for each query (id, text) that has qrels."""
    started = time.perf_counter()
    matcher = matcher_factory()
    matcher.add_many(Document(key=row[0], text=row[1], title=row[2] if len(row) > 2 else "") for row in corpus)
    index_seconds = time.perf_counter() - started
    judged = [row for row in queries if row[0] in qrels]
    started = time.perf_counter()
    ap, rr, recall = [], [], []
    by_query = {}
    for qid, text, *_ in judged:
        ranked = [str(candidate.key) for candidate in matcher.search(text, limit=depth)]
        ap.append(average_precision_at(ranked, qrels[qid]))
        by_query[qid] = ap[-1]
        rr.append(reciprocal_rank(ranked, qrels[qid]))
        recall.append(1.0 if set(ranked[:5]) & qrels[qid] else 0.0)
    elapsed = time.perf_counter() - started
    n = len(judged) or 1
    return EvaluationResult(
        map_at_5=sum(ap) / n, mrr=sum(rr) / n, recall_at_5=sum(recall) / n, n_queries=len(judged),
        n_corpus=len(corpus), index_seconds=index_seconds,
        queries_per_second=len(judged) / elapsed if elapsed > 0 else 0.0, average_precision=by_query,
    )
