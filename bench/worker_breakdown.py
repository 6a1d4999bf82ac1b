"""Where a processing worker's CPU time goes: spaCy, the claim logic, storing, language identification,
cleaning and the rest, for real articles processed as tasks would process them.

    .venv/bin/python bench/worker_breakdown.py [--articles 240]

The articles are bench/ingestion.py's (the real ones first, then variants). This one process runs
`lifecycle.article_process` for each in turn, with a task id, so batches of VERIFY_EXTRACTION_BATCH_ARTICLES
form as in a worker, claims are stored in PostgreSQL and matching tasks are published to Redis (to a
queue of its own that nothing serves). Each part is timed in CPU seconds (`time.process_time`) by
wrapping its function; "rest" is the remainder (status updates, the ORM, publishing). It creates (and
drops first) its own database beside DATABASE_URL's (`<name>_bench_breakdown`).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from benchdb import add_database_argument, migrate, recreate_database, require_loopback, setup_django  # noqa: E402
from ingestion import ingestion_texts  # noqa: E402


class Timer:
    """CPU seconds spent inside wrapped functions (and inside the items a wrapped generator yields)."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    def wrap(self, module, name: str, part: str, *, generator: bool = False) -> None:
        original = getattr(module, name)

        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                self._add(part, started)

        def timed_generator(*args, **kwargs):
            iterator = original(*args, **kwargs)
            while True:
                started = time.process_time()
                try:
                    item = next(iterator)
                except StopIteration:
                    return
                finally:
                    self._add(part, started)
                yield item

        setattr(module, name, timed_generator if generator else timed)

    def _add(self, part: str, started: float) -> None:
        self.seconds[part] = self.seconds.get(part, 0.0) + time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_database_argument(parser, "breakdown")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--articles", type=int, default=240)
    args = parser.parse_args()
    require_loopback(parser, args.database_url)
    os.environ.update({"REDIS_URL": args.redis_url, "CELERY_QUEUE": f"verity-bench-{uuid.uuid4().hex[:8]}"})
    recreate_database(args.database_url)
    migrate(args.database_url)
    setup_django(args.database_url)

    from verify import lifecycle, services
    from verify.content import content_hash
    from verify.extraction import extraction_models_load, pipeline
    from verify.models import Article, Claim

    extraction_models_load()
    timer = Timer()
    timer.wrap(pipeline, "_docs", "spacy", generator=True)
    timer.wrap(pipeline, "_claims_and_sentences", "claim logic")
    timer.wrap(services, "claims_store", "storing claims")
    timer.wrap(services, "language_detect", "language identification")
    timer.wrap(services, "article_clean", "cleaning")
    texts, _ = ingestion_texts(args.articles)
    articles = Article.objects.bulk_create([Article(title=f"Breakdown {index}", raw_content=text,
                                                    content_hash=content_hash(raw_content=text))
                                            for index, text in enumerate(texts)])
    wall, cpu = time.perf_counter(), time.process_time()
    for index, article in enumerate(articles):
        lifecycle.article_process(article_id=article.pk, task_id=f"breakdown-{index}")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    parts = {part: round(seconds, 2) for part, seconds in timer.seconds.items()}
    parts["rest"] = round(cpu - sum(timer.seconds.values()), 2)
    print(json.dumps({"articles": len(articles), "claims": Claim.objects.count(), "wall_seconds": round(wall, 2),
                      "cpu_seconds": round(cpu, 2), "cpu_seconds_by_part": parts}))


if __name__ == "__main__":
    main()
