"""SQLite store of finished summaries: an identical request is answered without recomputing.

The key is ``sha256(content)`` plus a hash of everything else that changes the result (the
options' ``cache_key()``, the input kind, title, source URL and the kurzgefasst version, so an
upgrade never serves summaries of an older release). The value is ``Summary.to_dict(
include_source=True)`` as JSON; ``Summary.from_dict`` reads it back to render any format.
A file store survives restarts and can be shared by several server processes (WAL mode).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from .. import __version__
from ..options import Options
from ..summary import SCHEMA_VERSION

_SCHEMA = """
CREATE TABLE IF NOT EXISTS summaries (
    content_sha256 TEXT NOT NULL,
    options_key TEXT NOT NULL,
    summary_json TEXT NOT NULL,
    created REAL NOT NULL,
    used REAL NOT NULL,
    hits INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (content_sha256, options_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS summaries_used ON summaries (used);
"""


def cache_key(
    content: bytes,
    options: Options,
    *,
    kind: str,
    title: str | None = None,
    url: str | None = None,
) -> tuple[str, str]:
    """(content hash, options hash) for one request."""
    context = json.dumps(
        [__version__, SCHEMA_VERSION, kind, title, url, options.cache_key()], ensure_ascii=False
    )
    return (
        hashlib.sha256(content).hexdigest(),
        hashlib.sha256(context.encode("utf-8")).hexdigest(),
    )


class SummaryStore:
    """Thread-safe; ``path=None`` keeps the store in memory for the life of the process."""

    def __init__(self, path: str | Path | None = None, *, max_entries: int = 200_000) -> None:
        self.path = str(path) if path else ":memory:"
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        if self.path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(_SCHEMA)
        self._writes = 0

    def get(self, key: tuple[str, str]) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT summary_json FROM summaries WHERE content_sha256 = ? AND options_key = ?",
                key,
            ).fetchone()
            if row is None:
                return None
            self._db.execute(
                "UPDATE summaries SET hits = hits + 1, used = ? "
                "WHERE content_sha256 = ? AND options_key = ?",
                (time.time(), *key),
            )
        return json.loads(row[0])

    def put(self, key: tuple[str, str], data: dict[str, Any]) -> None:
        now = time.time()
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO summaries "
                "(content_sha256, options_key, summary_json, created, used) VALUES (?, ?, ?, ?, ?)",
                (*key, json.dumps(data, ensure_ascii=False), now, now),
            )
            self._writes += 1
            if self._writes % 1000 == 0:
                self._evict()

    def _evict(self) -> None:
        """Drop the least recently used entries beyond ``max_entries`` (caller holds the lock)."""
        (count,) = self._db.execute("SELECT COUNT(*) FROM summaries").fetchone()
        if count > self.max_entries:
            self._db.execute(
                "DELETE FROM summaries WHERE (content_sha256, options_key) IN "
                "(SELECT content_sha256, options_key FROM summaries ORDER BY used LIMIT ?)",
                (count - self.max_entries,),
            )

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM summaries").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()
