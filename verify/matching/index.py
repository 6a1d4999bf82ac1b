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

from django.utils import timezone

from verify.matching.core import Candidate, Document, Matcher
from verify.matching.models import MatchDocument

# Rows committed late (a long transaction) or by a worker whose clock lags carry an updated_at
# slightly in the past; re-reading this much recent history each time catches them.
SYNC_OVERLAP = timedelta(seconds=5)
# Deleted rows never surface (results are re-read from the database); they only use memory until
# this check (a COUNT over the table, ~20 ms at 10^5 rows) rebuilds the copy.
COUNT_CHECK_SECONDS = 600.0


class SharedIndex:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.matcher = Matcher()
            self._seen: dict[int, datetime] = {}
            self._watermark: datetime | None = None
            self._last_count_check = 0.0

    def sync(self) -> int:
        """Read changed rows into the matcher; returns how many were (re)indexed."""
        with self._lock:
            if time.monotonic() - self._last_count_check > COUNT_CHECK_SECONDS:
                self._last_count_check = time.monotonic()
                if MatchDocument.objects.count() < len(self._seen):
                    self.reset()  # rows were deleted: rebuild rather than track deletions one by one
                    self._last_count_check = time.monotonic()
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
                rows = MatchDocument.objects.filter(pk__in=stale[start:start + 10_000]).values_list(
                    "id", "text", "terms", "updated_at")
                rows = list(rows)
                self.matcher.add_many([Document(key=pk, text=text) for pk, text, _, _ in rows],
                                      tokens=[terms.split() if terms else None for _, _, terms, _ in rows])
                for pk, _, _, updated_at in rows:
                    self._seen[pk] = updated_at
                changed += len(rows)
            self._watermark = next_watermark
            return changed

    def search(self, text: str, *, limit: int, exclude: set[int] | None = None) -> list[Candidate]:
        self.sync()
        with self._lock:
            return self.matcher.search(text, limit=limit, exclude=exclude or ())


shared_index = SharedIndex()
