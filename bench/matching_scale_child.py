"""A server of bench/matching_scale.py's machine: a parent that preloads as gunicorn (preload_app) and
Celery's prefork pool do (annotations.matching.index.preload_before_fork), then forks N children.

    python bench/matching_scale_child.py web 2      # gunicorn-like: a parent and 2 web workers
    python bench/matching_scale_child.py worker 1   # Celery-like: a parent and 1 pool process

JSON commands on stdin, one JSON answer per line on stdout; {"child": i, ...} goes to fork i.
Django is set up from the environment the benchmark passes.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def serve(role: str, connection) -> None:
    from django.db import connections

    from annotations.matching.index import shared_index
    from annotations.matching.services import match_document_for_claim
    from verify.models import Article, Claim

    connections.close_all()  # never share the parent's connection (it opened none, but be sure)
    while True:
        try:
            command = connection.recv()
        except EOFError:
            return
        op = command["op"]
        started = time.perf_counter()
        if op == "ready":
            shared_index.sync()  # the snapshot is open already (preload); reads the delta
            answer = {"generation": shared_index.generation}
        elif op == "lookups":
            timings, embedding = [], []
            embedder = shared_index.matcher.embedder
            for text in command["texts"]:
                started = time.perf_counter()
                shared_index.search(text, limit=10, wait=role == "worker")
                timings.append((time.perf_counter() - started) * 1000)
                if embedder is not None:  # the query embedding alone, timed apart (the same text again)
                    started = time.perf_counter()
                    embedder.encode([text])
                    embedding.append((time.perf_counter() - started) * 1000)
            answer = {"ms": timings, "embedding_ms": embedding}
        elif op == "store":
            text = command["text"]
            claim = Claim.objects.create(article=Article.objects.order_by("id").first(), text=text, sentence=text,
                                         start_char=10**8 + command["number"], end_char=10**8 + command["number"] + 1,
                                         sentence_index=0, checkworthiness=0.5, extractor_version="bench",
                                         extracted_text=text)
            document = match_document_for_claim(claim=claim)  # tokenised, embedded, committed (autocommit)
            answer = {"key": document.pk}
        elif op == "find":  # the first lookup after the row was committed: its sync reads the row
            synced = shared_index.sync()
            sync_ms = (time.perf_counter() - started) * 1000
            found = shared_index.search(command["text"], limit=10, wait=False)
            answer = {"found": command["key"] in [candidate.key for candidate in found], "synced_rows": synced,
                      "sync_ms": round(sync_ms, 2)}
        elif op == "state":
            answer = {"delta_rows": shared_index.matcher.delta_rows, "masked": shared_index.matcher.masked_rows,
                      "generation": shared_index.generation}
        else:
            answer = {"error": f"unknown op {op}"}
        answer.setdefault("ms", round((time.perf_counter() - started) * 1000, 1))
        connection.send(answer)


def main() -> None:
    import django

    django.setup()
    from annotations.matching.index import preload_before_fork

    role, forks = sys.argv[1], int(sys.argv[2])
    out = sys.stdout
    sys.stdout = sys.stderr  # anything else printed goes to stderr
    preload_before_fork()
    context = multiprocessing.get_context("fork")
    pipes, processes = [], []
    for _ in range(forks):
        parent_end, child_end = context.Pipe()
        process = context.Process(target=serve, args=(role, child_end), daemon=True)
        process.start()
        pipes.append(parent_end)
        processes.append(process)
    for line in sys.stdin:
        command = json.loads(line)
        if command["op"] == "pids":
            answer = {"parent": os.getpid(), "children": [process.pid for process in processes]}
        else:
            pipe = pipes[command.pop("child")]
            pipe.send(command)
            answer = pipe.recv()
        out.write(json.dumps(answer) + "\n")
        out.flush()
    for pipe in pipes:
        pipe.close()
    for process in processes:
        process.join(timeout=10)


if __name__ == "__main__":
    main()
