"""The process-wide matcher, built from the `MatchDocument` table and kept in sync with it.

PostgreSQL (or SQLite) holds the truth; each worker process keeps an in-memory `Matcher` copy.
Before every lookup the copy reads the rows changed since its last sync (an indexed
`updated_at` range query), so a claim stored by one worker is found by the next lookup in any
other. Deleted rows are dropped by a periodic count check; results are always re-read from the
database, so a stale in-memory row can never surface.
"""
from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

from verify.matching.core import Candidate, Document, Matcher
from verify.matching.models import MatchDocument

# Rows committed late (a long transaction) can carry an updated_at older than the last sync;
# re-reading this much history each time catches them (unchanged rows are skipped cheaply).
SYNC_OVERLAP = timedelta(seconds=30)
COUNT_CHECK_SECONDS = 30.0


class SharedIndex:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.matcher = Matcher()
            self._seen: dict[int, datetime] = {}
            self._last_sync: datetime | None = None
            self._last_count_check = 0.0

    def sync(self) -> int:
        """Read changed rows into the matcher; returns how many were (re)indexed."""
        with self._lock:
            if time.monotonic() - self._last_count_check > COUNT_CHECK_SECONDS:
                self._last_count_check = time.monotonic()
                if MatchDocument.objects.count() < len(self._seen):
                    self.reset()  # rows were deleted: rebuild rather than track deletions one by one
                    self._last_count_check = time.monotonic()
            rows = MatchDocument.objects.order_by("updated_at", "id")
            if self._last_sync is not None:
                rows = rows.filter(updated_at__gte=self._last_sync - SYNC_OVERLAP)
            changed = 0
            for pk, text, terms, updated_at in rows.values_list("id", "text", "terms", "updated_at").iterator(
                chunk_size=5000
            ):
                if self._seen.get(pk) == updated_at:
                    continue
                self.matcher.add(Document(key=pk, text=text), tokens=terms.split() if terms else None)
                self._seen[pk] = updated_at
                changed += 1
                if self._last_sync is None or updated_at > self._last_sync:
                    self._last_sync = updated_at
            return changed

    def search(self, text: str, *, limit: int, exclude: set[int] | None = None) -> list[Candidate]:
        self.sync()
        with self._lock:
            return self.matcher.search(text, limit=limit, exclude=exclude or ())


shared_index = SharedIndex()
