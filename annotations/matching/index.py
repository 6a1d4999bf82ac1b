"""The process-wide matcher, built from the `MatchDocument` table and kept in sync with it.

PostgreSQL (or SQLite) holds the truth; each process keeps an in-memory `Matcher` copy.
Before every lookup the copy reads the rows changed since its last sync (an indexed
`updated_at` range query), so a claim stored by one worker is found by the next lookup in any
other. Deleted rows are dropped by a periodic id check; results are always re-read from the
database, so a stale in-memory row can never surface.

Cold start: building the copy takes ~30-45 s at 100,000 documents. Worker processes build it in a
background thread at start-up (workers/matching_tasks.py) and tasks wait for it. A web request must
not hang that long: `search(wait=False)` builds small indexes inline (under
VERIFY_MATCH_INLINE_BUILD_MAX documents, a fraction of a second) and otherwise starts the build in a
background thread and raises `IndexWarmingUp` at once, which the views answer with a 503 and
Retry-After until the copy is ready.

Embeddings (VERIFY_MATCH_EMBEDDING_MODEL, core/dense.py) are stored on the rows and only read here;
a row without one (or with another model's) is embedded during the sync, ~6 ms a row on one core,
so after switching models run `match_claims` once to store them rather than pay it on every cold load.
"""
from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from annotations.matching.core import Candidate, Document, Matcher
from annotations.matching.core.dense import PACKAGED_MODEL, Embedder, embedder_for, from_bytes
from annotations.matching.core.text import TOKENIZER_VERSION
from annotations.matching.models import MatchDocument

logger = logging.getLogger(__name__)

# Rows committed late (a long transaction) or by a worker whose clock lags carry an updated_at
# slightly in the past; re-reading this much recent history each time catches them.
SYNC_OVERLAP = timedelta(seconds=5)
# Deleted rows never surface (results are re-read from the database); they only use memory until
# this check (the ids of the table, ~50 ms at 10^5 rows) drops them.
DELETION_CHECK_SECONDS = 600.0


def configured_embedder() -> Embedder | None:
    """The embedder of VERIFY_MATCH_EMBEDDING_MODEL ('' = lexical matching only), one per process."""
    return embedder_for(str(getattr(settings, "VERIFY_MATCH_EMBEDDING_MODEL", PACKAGED_MODEL) or ""))


def configured_matcher() -> Matcher:
    """An empty matcher as the product runs it (the index, evaluate_matching and bench/matching.py)."""
    return Matcher(embedder=configured_embedder())


class IndexWarmingUp(Exception):
    """The in-memory index is still being built in the background; retry shortly."""

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
            self._seen: dict[int, datetime] = {}
            self._watermark: datetime | None = None
            self._last_deletion_check = time.monotonic()

    @property
    def ready(self) -> bool:
        """True once a full load has completed (later syncs only read recent changes)."""
        return self._watermark is not None

    def _drop_deleted(self) -> None:
        live = set(MatchDocument.objects.values_list("id", flat=True))
        for pk in [pk for pk in self._seen if pk not in live]:
            self.matcher.remove(pk)
            del self._seen[pk]

    def sync(self) -> int:
        """Read changed rows into the matcher; returns how many were (re)indexed."""
        with self._lock:
            if self.ready and time.monotonic() - self._last_deletion_check > DELETION_CHECK_SECONDS:
                self._last_deletion_check = time.monotonic()
                if MatchDocument.objects.count() < len(self._seen):
                    self._drop_deleted()
            # Rows written more than SYNC_OVERLAP ago (by the clock of whoever wrote them) are settled:
            # the next sync starts there, so in steady state it reads only the last few seconds' rows.
            next_watermark = timezone.now() - SYNC_OVERLAP
            window = MatchDocument.objects.all()
            if self._watermark is not None:
                window = window.filter(updated_at__gte=self._watermark)
            # Keys first (two narrow columns), texts only for rows this copy has not seen in this version.
            keys = window.values_list("id", "updated_at")
            # A server-side cursor (iterator) costs a round trip or two: only worth it for the cold load.
            keys = keys.iterator(chunk_size=20_000) if self._watermark is None else list(keys)
            stale = [pk for pk, updated_at in keys if self._seen.get(pk) != updated_at]
            changed = 0
            for start in range(0, len(stale), 10_000):
                rows = list(MatchDocument.objects.filter(pk__in=stale[start:start + 10_000]).values_list(
                    "id", "text", "terms", "terms_version", "updated_at", "embedding", "embedding_model"))
                # Stored terms of an older tokenizer, and missing or other-model embeddings, are re-made
                # here in memory (match_claims re-stores them, so later cold loads skip the work).
                embedder = self.matcher.embedder
                self.matcher.add_many(
                    [Document(key=row[0], text=row[1]) for row in rows],
                    tokens=[terms.split() if terms and version == TOKENIZER_VERSION else None
                            for _, _, terms, version, *_ in rows],
                    vectors=[from_bytes(vector) if embedder is not None and model == embedder.version else None
                             for *_, vector, model in rows])
                for pk, _, _, _, updated_at, *_ in rows:
                    self._seen[pk] = updated_at
                changed += len(rows)
            self._watermark = next_watermark
            return changed

    def warm_in_background(self) -> bool:
        """Start the cold load in a thread unless one is running; True if this call started it."""
        with self._warm_lock:
            if self.ready or (self._warm_thread is not None and self._warm_thread.is_alive()):
                return False
            self._warm_thread = threading.Thread(target=self._warm, name="matching-index-warm", daemon=True)
            self._warm_thread.start()
            return True

    def _warm(self) -> None:
        started = time.monotonic()
        try:
            count = self.sync()
            logger.info("Claim matching index built: %d documents in %.1f s", count, time.monotonic() - started)
        except Exception:  # a missing table or a database outage: the next request starts another try
            logger.exception("Could not build the claim matching index")
        finally:
            connection.close()  # this thread's own connection

    def search(self, text: str, *, limit: int, exclude: set[int] | None = None,
               wait: bool = True, numbers_must_agree: bool = True) -> list[Candidate]:
        """Sync, then search. wait=False (web requests): never block on a cold load, raise IndexWarmingUp."""
        if not wait and not self.ready:
            inline_max = int(getattr(settings, "VERIFY_MATCH_INLINE_BUILD_MAX", 5000))
            # A build already under way holds the lock: do not queue behind it.
            running = self._warm_thread is not None and self._warm_thread.is_alive()
            if running or MatchDocument.objects.count() > inline_max:
                self.warm_in_background()
                raise IndexWarmingUp()
        self.sync()
        with self._lock:
            return self.matcher.search(text, limit=limit, exclude=exclude or (),
                                       numbers_must_agree=numbers_must_agree)


shared_index = SharedIndex()
