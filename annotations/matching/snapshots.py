"""This machine's snapshot of the matching index (core/snapshot.py), built from the `MatchDocument` table.

Each host builds its own file under VERIFY_MATCH_INDEX_DIR from the database (the truth), so
workers on several hosts need nothing but the database; an exclusive file lock (flock) makes one
build per machine at a time, whoever asks for it: `manage.py build_match_index`, the periodic task
(workers/matching_tasks.py) or a process that finds no snapshot at all. Stored terms and embeddings
are reused: a build re-embeds nothing (rows of another model are embedded and stored first).
"""
from __future__ import annotations

import fcntl
import logging
import time
from datetime import timedelta
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from django.conf import settings
from django.utils import timezone

from annotations.matching.core import snapshot as snapshot_files
from annotations.matching.core.delta import BM25_B, BM25_K1
from annotations.matching.core.dense import from_bytes
from annotations.matching.core.numbers import extract_numbers
from annotations.matching.core.text import TOKENIZER_VERSION, tokenize
from annotations.matching.embedding import configured_embedder, configured_model
from annotations.matching.models import MatchDocument

logger = logging.getLogger(__name__)

LOCK_FILE = ".build.lock"
READ_CHUNK = 20_000
# Rows committed late (a long transaction) or by a worker whose clock lags carry an updated_at
# slightly in the past; a delta re-reads this much history before its watermark to catch them.
SYNC_OVERLAP = timedelta(seconds=5)


def index_dir() -> Path:
    return Path(settings.VERIFY_MATCH_INDEX_DIR)


@contextmanager
def build_lock(root: Path, *, wait: bool):
    """Hold this machine's build lock (yields False when `wait` is off and another process holds it)."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK_FILE, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _rows(model: str) -> snapshot_files.SnapshotRows:
    """Every row's key, tokens, numbers and stored embedding, in key order (server-side cursor)."""
    keys, tokens, numbers, vectors = [], [], [], []
    query = MatchDocument.objects.order_by("id").values_list(
        "id", "text", "terms", "terms_version", "embedding", "embedding_model")
    for key, text, terms, version, embedding, embedding_model in query.iterator(chunk_size=READ_CHUNK):
        keys.append(key)
        tokens.append(terms.split() if terms and version == TOKENIZER_VERSION else tokenize(text))
        numbers.append(extract_numbers(text))
        if model:
            vectors.append(from_bytes(embedding) if embedding_model == model else None)
    matrix = None
    if model:
        missing = [position for position, vector in enumerate(vectors) if vector is None]
        if missing:  # only rows written since the caller stored embeddings (match_documents_embed)
            texts = dict(MatchDocument.objects.filter(pk__in=[keys[p] for p in missing]).values_list("id", "text"))
            for position, vector in zip(missing, configured_embedder().encode([texts[keys[p]] for p in missing])):
                vectors[position] = vector
        matrix = np.vstack(vectors).astype(np.float32) if vectors else np.zeros((0, 0), dtype=np.float32)
    return snapshot_files.SnapshotRows(keys=np.asarray(keys, dtype=np.int64), tokens=tokens, numbers=numbers,
                                       vectors=matrix)


def snapshot_build(*, root: Path | None = None, wait: bool = True) -> snapshot_files.Manifest | None:
    """Build a snapshot of the table and make it this machine's current one; None if another process
    is building (wait=False). Rows written during the build are in the next delta: the watermark is
    taken before the first row is read, minus the sync overlap (late commits)."""
    root = root or index_dir()
    with build_lock(root, wait=wait) as held:
        if not held:
            return None
        started = time.monotonic()
        watermark = timezone.now() - SYNC_OVERLAP
        model = configured_model()
        rows = _rows(model)
        directory = snapshot_files.write(
            root, rows, generation=f"{time.time_ns():020d}", watermark=watermark.isoformat(), model=model,
            tokenizer_version=TOKENIZER_VERSION, k1=BM25_K1, b=BM25_B,
            vector_dtype=str(getattr(settings, "VERIFY_MATCH_VECTOR_DTYPE", "i8")))
        snapshot_files.prune(root)
        manifest = snapshot_files.Snapshot(directory).manifest
        logger.info("Claim matching snapshot %s: %d rows in %.1f s", manifest.generation, manifest.rows,
                    time.monotonic() - started)
        return manifest


def snapshot_due(*, delta_rows: int | None = None) -> bool:
    """Whether this machine's snapshot should be rebuilt: none yet, another model or tokenizer, older
    than VERIFY_MATCH_REBUILD_MAX_AGE_SECONDS, or more rows changed since than VERIFY_MATCH_REBUILD_DELTA_ROWS."""
    current = snapshot_files.open_current(index_dir())
    if current is None:
        return True
    manifest = current.manifest
    if manifest.model != configured_model() or manifest.tokenizer_version != TOKENIZER_VERSION:
        return True
    if time.time() - int(manifest.generation) / 1e9 > settings.VERIFY_MATCH_REBUILD_MAX_AGE_SECONDS:
        return True
    if delta_rows is None:
        delta_rows = MatchDocument.objects.filter(updated_at__gte=manifest.watermark).count()
    return delta_rows > settings.VERIFY_MATCH_REBUILD_DELTA_ROWS
