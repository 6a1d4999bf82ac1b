"""The process-wide matcher: this machine's shared snapshot plus an in-memory delta synced from the table.

PostgreSQL (or SQLite) holds the truth. The bulk of the index is the machine's snapshot
(annotations/matching/snapshots.py, core/snapshot.py): memory-mapped files every process shares,
rebuilt by a worker. Each process keeps only the rows changed since the snapshot's watermark, in an
in-memory delta: before every lookup it reads the rows changed since its last sync (an indexed
`updated_at` range query), so a claim stored by one worker is found by the next lookup in any other,
and the snapshot copies of re-indexed rows are masked. Deleted rows are masked by a periodic id
check; results are always re-read from the database, so a stale row can never surface.
A process notices a new snapshot (the `current` symlink changed: one readlink per lookup), opens it
and starts a new delta from its watermark.

Cold start: opening a snapshot costs milliseconds (mmap). Without one, a small table is read into the
delta inline (under VERIFY_MATCH_INLINE_BUILD_MAX documents); a larger one needs a snapshot, which
the first process to ask builds in a background thread (one build per machine: a file lock) while
`search(wait=False)` raises `IndexWarmingUp` (the views answer 503 with Retry-After).

Web processes load the embedding model only to embed a query (core/dense.py loads it lazily).
"""
from __future__ import annotations

import gc
import logging
import threading
import time
from datetime import datetime

import numpy as np
from django.conf import settings
from django.db import connection
from django.utils import timezone

from annotations.matching.core import Candidate, Matcher
from annotations.matching.core import snapshot as snapshot_files
from annotations.matching.core.dense import from_bytes
from annotations.matching.core.numbers import extract_numbers
from annotations.matching.core.text import TOKENIZER_VERSION, tokenize
from annotations.matching.embedding import configured_embedder
from annotations.matching.models import MatchDocument
from annotations.matching.snapshots import SYNC_OVERLAP, index_dir, snapshot_build

logger = logging.getLogger(__name__)

__all__ = ["IndexWarmingUp", "SharedIndex", "configured_embedder", "configured_matcher", "shared_index"]

# Deleted rows never surface (results are re-read from the database); they only hold a pool place
# until this check (the ids of the table when its count says some went) masks them.
DELETION_CHECK_SECONDS = 600.0
READ_CHUNK = 10_000


def configured_matcher() -> Matcher:
    """An empty matcher as the product runs it (the index, evaluate_matching and bench/matching.py)."""
    return Matcher(embedder=configured_embedder())


class IndexWarmingUp(Exception):
    """The index is still being built in the background; retry shortly."""

    retry_after_seconds = 10


class SharedIndex:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._warm_lock = threading.Lock()
        self._warm_thread: threading.Thread | None = None
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.matcher = configured_matcher()
            self._generation: str | None = None
            self._refused: str | None = None
            self._seen: dict[int, datetime] = {}
            self._watermark: datetime | None = None
            self._last_deletion_check = time.monotonic()

    @property
    def ready(self) -> bool:
        """True once a snapshot is open or the whole (small) table was read; later syncs read changes."""
        return self._watermark is not None

    @property
    def generation(self) -> str | None:
        return self._generation

    def _open_snapshot(self) -> bool:
        """Open this machine's current snapshot if it is not the one in use; True if one was opened."""
        name = snapshot_files.current_generation(index_dir())
        if name is None or name in (self._generation, self._refused):
            return False
        snapshot = snapshot_files.Snapshot(index_dir() / name)
        embedder = configured_embedder()
        if snapshot.manifest.model != (embedder.version if embedder else "") \
                or snapshot.manifest.tokenizer_version != TOKENIZER_VERSION:
            self._refused = name  # built for another model or tokenizer: the next build replaces it
            return False
        self.matcher = Matcher(embedder=embedder, snapshot=snapshot)
        self._generation = name
        self._seen = {}
        self._watermark = datetime.fromisoformat(snapshot.manifest.watermark)
        self._last_deletion_check = 0.0  # rows deleted during the build
        return True

    def _mask_deleted(self) -> None:
        live = np.fromiter(MatchDocument.objects.values_list("id", flat=True).iterator(chunk_size=100_000),
                           dtype=np.int64)
        snapshot = self.matcher.snapshot
        gone = set(self._seen) - set(live.tolist()) if self._seen else set()
        if snapshot is not None and len(snapshot.keys):
            gone |= set(np.setdiff1d(np.asarray(snapshot.keys), live, assume_unique=True).tolist())
        for key in gone:
            self.matcher.remove(key)
            self._seen.pop(key, None)

    def _check_deletions(self) -> None:
        if time.monotonic() - self._last_deletion_check < DELETION_CHECK_SECONDS:
            return
        self._last_deletion_check = time.monotonic()
        if MatchDocument.objects.count() < len(self.matcher):
            self._mask_deleted()

    def sync(self) -> int:
        """Open a newer snapshot if there is one, read changed rows into the delta; returns how many."""
        with self._lock:
            self._open_snapshot()
            if self.ready:
                self._check_deletions()
            # Rows written more than SYNC_OVERLAP ago (by the clock of whoever wrote them) are settled:
            # the next sync starts there, so in steady state it reads only the last few seconds' rows.
            next_watermark = timezone.now() - SYNC_OVERLAP
            window = MatchDocument.objects.all()
            if self._watermark is not None:
                window = window.filter(updated_at__gte=self._watermark)
            keys = list(window.values_list("id", "updated_at"))
            stale = [pk for pk, updated_at in keys if self._seen.get(pk) != updated_at]
            changed = 0
            for start in range(0, len(stale), READ_CHUNK):
                changed += self._read(stale[start:start + READ_CHUNK])
            self._watermark = max(next_watermark, self._watermark) if self._watermark else next_watermark
            return changed

    def _read(self, keys: list[int]) -> int:
        rows = list(MatchDocument.objects.filter(pk__in=keys).values_list(
            "id", "text", "terms", "terms_version", "updated_at", "embedding", "embedding_model"))
        embedder = self.matcher.embedder
        missing = [row for row in rows if embedder is not None and (row[6] != embedder.version or not row[5])]
        # Rows without this model's embedding are embedded here in memory (match_claims stores them).
        fresh = dict(zip([row[0] for row in missing], embedder.encode([row[1] for row in missing]))) if missing else {}
        for key, text, terms, version, updated_at, embedding, model in rows:
            vector = None
            if embedder is not None:
                vector = fresh[key] if key in fresh else from_bytes(embedding)
            tokens = terms.split() if terms and version == TOKENIZER_VERSION else tokenize(text)
            self.matcher.add_row(key, tokens=tokens, numbers=extract_numbers(text), vector=vector)
            self._seen[key] = updated_at
        return len(rows)

    def warm_in_background(self) -> bool:
        """Start the cold start in a thread unless one is running; True if this call started it."""
        with self._warm_lock:
            if self.ready or (self._warm_thread is not None and self._warm_thread.is_alive()):
                return False
            self._warm_thread = threading.Thread(target=self._warm, name="matching-index-warm", daemon=True)
            self._warm_thread.start()
            return True

    def _warm(self) -> None:
        try:
            self._cold_start()
        except Exception:  # a missing table or a database outage: the next request starts another try
            logger.exception("Could not build the claim matching index")
        finally:
            connection.close()  # this thread's own connection

    def _cold_start(self) -> None:
        """Open this machine's snapshot, building it first if there is none (or waiting for the process
        that is building it), then read the delta."""
        started = time.monotonic()
        if snapshot_files.current_generation(index_dir()) is None and not self._small():
            snapshot_build()
        count = self.sync()
        logger.info("Claim matching index ready: snapshot %s, %d delta rows, in %.1f s", self._generation,
                    count, time.monotonic() - started)

    def _small(self) -> bool:
        return MatchDocument.objects.count() <= int(getattr(settings, "VERIFY_MATCH_INLINE_BUILD_MAX", 5000))

    def search(self, text: str, *, limit: int, exclude: set[int] | None = None,
               wait: bool = True) -> list[Candidate]:
        """Sync, then search. wait=False (web requests): never block on a cold start, raise IndexWarmingUp."""
        if not self.ready:
            with self._lock:
                self._open_snapshot()
        if not self.ready:
            thread = self._warm_thread
            running = thread is not None and thread.is_alive()
            if running or not self._small():
                if not wait:
                    self.warm_in_background()
                    raise IndexWarmingUp()
                if running:
                    thread.join()
                else:
                    self._cold_start()
        self.sync()
        with self._lock:
            return self.matcher.search(text, limit=limit, exclude=exclude or ())


shared_index = SharedIndex()


def preload_before_fork() -> None:
    """In a server's parent process, before it forks its workers (gunicorn's preload_app, Celery's
    prefork pool): load the encoder and open this machine's snapshot once, then freeze the objects made
    so far out of the garbage collector's reach, so that every fork shares those pages copy-on-write
    instead of each loading its own (~300 MB of torch and model per process). Touches no database."""
    embedder = configured_embedder()
    if embedder is not None:
        embedder.load()
    try:
        with shared_index._lock:
            shared_index._open_snapshot()
    except OSError:
        logger.exception("Could not open the claim matching snapshot")
    gc.freeze()
