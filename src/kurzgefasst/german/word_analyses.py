"""HanTa's word analyses for frequent German words, computed once and shipped with the package.

HanTa analyses the morphology of every word outside its model's 23,000-word cache, 0.5 ms a
word, about ten words per news article. ``models/word_analyses.sqlite`` holds the analyses of
wordfreq's most frequent German words (built by ``scripts/build_word_analyses.py``), and
``german.tagging`` reads a word's analyses from it before computing them. The table holds exactly
what HanTa would compute, less the analyses its cutoff always drops, so tags and lemmas stay the
same; it is used only with the HanTa model file it was built from. SQLite, because a lookup reads a
few pages of the file: nothing is loaded at start-up.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import struct
import threading
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "models" / "word_analyses.sqlite"

#: One analysis: HanTa's tag number (int16) and its log probability (float64, exact).
_PAIR = struct.Struct("<hd")

_lock = threading.Lock()
_connection: tuple[int, sqlite3.Connection | None] | None = None


def model_fingerprint() -> str:
    """The SHA-256 of HanTa's German model file: the table holds that model's analyses."""
    import HanTa

    model_file = Path(HanTa.__file__).resolve().parent / "morphmodel_ger.pgz"
    return "morphmodel_ger.pgz sha256 " + hashlib.sha256(model_file.read_bytes()).hexdigest()


def pack(pairs: list[tuple[int, float]]) -> bytes:
    return b"".join(_PAIR.pack(tag, p) for tag, p in pairs)


def unpack(blob: bytes) -> list[tuple[int, float]]:
    return [(tag, p) for tag, p in _PAIR.iter_unpack(blob)]


@lru_cache(maxsize=1)
def _matching_table() -> Path | None:
    """The table, if it is there and was built from the installed HanTa model."""
    try:
        db = sqlite3.connect(f"file:{TABLE}?mode=ro&immutable=1", uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'model'").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return TABLE if row and row[0] == model_fingerprint() else None


def _db() -> sqlite3.Connection | None:
    # One connection per process: a connection must not cross a fork (batch workers), and
    # the lock lets the service's threads share it.
    global _connection
    if _connection is None or _connection[0] != os.getpid():
        table = _matching_table()
        db = None
        if table is not None:
            db = sqlite3.connect(
                f"file:{table}?mode=ro&immutable=1", uri=True, check_same_thread=False
            )
        _connection = (os.getpid(), db)
    return _connection[1]


def lookup(word: str) -> list[tuple[int, float]] | None:
    """The stored analyses of a normalised (lower-case) word, or None when it is not stored."""
    with _lock:
        db = _db()
        if db is None:
            return None
        row = db.execute("SELECT pairs FROM analyses WHERE word = ?", (word,)).fetchone()
    return None if row is None else unpack(row[0])
