"""Where results go: a JSONL output kept in step with a SQLite job store, or a Parquet file.

Exactly-once after ``kill -9``: lines are appended to the JSONL file, the file is fsynced, and
only then, in one SQLite transaction, the ids of those lines and the new length of the file
are recorded. The store is the truth: on resume the file is cut back to the recorded length
(dropping a half-written line and any line written after the last commit, whose ids are not in
the store and so are summarized again). A crash between any two steps leaves the file at least
as long as the store says, so the two can never disagree.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Protocol

from ..errors import ConfigurationError, KurzgefasstError
from .lock import FileLock, OutputError, describe
from .records import Result

STORE_SCHEMA = "1"


class Output(Protocol):
    #: Ids already in the output: the batch skips them.
    done: set[str]
    #: Bytes of unfinished output dropped when the job was reopened.
    recovered_bytes: int

    def add(self, result: Result) -> bool: ...
    def commit(self) -> None: ...
    def maybe_commit(self) -> None: ...
    def close(self) -> None: ...
    def abort(self) -> None: ...
    def counts(self) -> Counter[str]: ...


def default_store_path(output: Path) -> Path:
    return output.with_name(output.name + ".job.sqlite")


class JsonlJob:
    """JSONL output plus its SQLite job store; resumable."""

    #: Commit (fsync + transaction) at least this often, so a crash loses at most this much work.
    COMMIT_SECONDS = 1.0
    COMMIT_RECORDS = 500

    def __init__(
        self, output: Path, store: Path, options_key: str, *, restart: bool = False
    ) -> None:
        self.output = output
        self.store_path = store
        if store.is_dir():
            raise OutputError(f"the job store {store} is a folder; give a file name (--store)")
        # Taken before anything is deleted or read: a second run stops here, whatever name it
        # uses for the output.
        self.lock = FileLock(output)
        try:
            self._open(options_key, restart)
        except BaseException:
            if hasattr(self, "db"):
                self.db.close()
            self.lock.release()
            raise

    def _open(self, options_key: str, restart: bool) -> None:
        output, store = self.output, self.store_path
        if restart:
            # Truncated, not deleted: the lock lives on this file.
            os.truncate(self.lock.fd, 0)
            for path in (store, _sidecar(store, "-wal"), _sidecar(store, "-shm")):
                path.unlink(missing_ok=True)
        if not store.exists() and output.exists() and output.stat().st_size > 0:
            raise ConfigurationError(
                f"{output} already exists and has no job store ({store.name}); "
                "use --restart to overwrite it or choose another -o"
            )
        self.db = _open_store(store)
        self._check_meta(options_key)
        self.done: set[str] = {row[0] for row in self.db.execute("SELECT id FROM done")}
        self.file, self.recovered_bytes = self._reopen_output()
        self.pending: list[tuple[str, str]] = []
        self.last_commit = time.monotonic()

    def _check_meta(self, options_key: str) -> None:
        meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        output = str(self.output.resolve())
        if not meta:
            self._set_meta(
                {
                    "schema": STORE_SCHEMA,
                    "options": options_key,
                    "output": output,
                    "output_bytes": "0",
                }
            )
            return
        if meta.get("schema") != STORE_SCHEMA:
            raise ConfigurationError(
                f"{self.store_path} was made by another kurzgefasst version; use --restart"
            )
        if meta.get("output") != output:
            raise ConfigurationError(
                f"the job store {self.store_path} belongs to the output {meta.get('output')}, "
                f"not {output}"
            )
        if meta.get("options") != options_key:
            raise ConfigurationError(
                "this job was started with other summary options (engine, bullets, …); rerun it "
                "with the same options, or use --restart to start over (this replaces the output)"
            )

    def _set_meta(self, values: dict[str, str]) -> None:
        with _transaction(self.db):
            self.db.executemany(
                "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", values.items()
            )

    def _reopen_output(self) -> tuple[IO[bytes], int]:
        committed = int(
            self.db.execute("SELECT value FROM meta WHERE key = 'output_bytes'").fetchone()[0]
        )
        size = self.output.stat().st_size if self.output.exists() else 0
        if size < committed:
            raise KurzgefasstError(
                f"{self.output} has {size:,} bytes but the job store recorded {committed:,}: "
                "it was "
                "changed outside kurzgefasst; use --restart to start over"
            )
        file = open(self.output, "r+b" if self.output.exists() else "w+b")  # noqa: SIM115
        if committed:
            file.seek(committed - 1)
            if file.read(1) != b"\n":
                file.close()
                raise KurzgefasstError(f"{self.output} does not match its job store; use --restart")
        file.truncate(committed)
        file.seek(committed)
        file.flush()
        os.fsync(file.fileno())
        return file, size - committed

    def add(self, result: Result) -> bool:
        """Append one line (not yet durable: see ``commit``). False if the id is already there."""
        if result.id in self.done:
            return False
        line = result.line.encode("utf-8", errors="replace") + b"\n"
        try:
            self.file.write(line)
        except OSError as exc:
            raise self._write_error(exc) from None
        self.done.add(result.id)
        self.pending.append((result.id, result.status))
        return True

    def _write_error(self, exc: OSError) -> OutputError:
        return OutputError(f"cannot write {self.output}: {describe(exc)}")

    def maybe_commit(self) -> None:
        if len(self.pending) >= self.COMMIT_RECORDS or (
            self.pending and time.monotonic() - self.last_commit >= self.COMMIT_SECONDS
        ):
            self.commit()

    def commit(self) -> None:
        """Make every added line durable: file first, then the store (see the module docstring)."""
        self.last_commit = time.monotonic()
        if not self.pending:
            return
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
        except OSError as exc:
            raise self._write_error(exc) from None
        offset = self.file.tell()
        try:
            with _transaction(self.db):
                self.db.executemany("INSERT INTO done(id, status) VALUES (?, ?)", self.pending)
                self.db.execute(
                    "UPDATE meta SET value = ? WHERE key = 'output_bytes'", (str(offset),)
                )
        except sqlite3.Error as exc:
            raise OutputError(f"cannot write the job store {self.store_path}: {exc}") from None
        self.pending.clear()

    def counts(self) -> Counter[str]:
        counts: Counter[str] = Counter(
            dict(self.db.execute("SELECT status, COUNT(*) FROM done GROUP BY status").fetchall())
        )
        counts.update(status for _, status in self.pending)
        return counts

    def close(self) -> None:
        self.commit()
        self.file.close()
        self.db.close()
        self.lock.release()

    def abort(self) -> None:
        """Keep what is durable; the next run resumes from there. Never raises: it runs while
        another error (a full disk, Ctrl-C) is on its way to the user."""
        with contextlib.suppress(KurzgefasstError, OSError, sqlite3.Error):
            self.commit()
        # Lines written after the last commit may be half on disk: the next run cuts the file
        # back to the length the store recorded, so they are summarized again, never lost.
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        self.lock.release()


class ParquetOutput:
    """One Parquet file, written to ``NAME.partial`` and renamed when complete (not resumable)."""

    ROW_GROUP = 1000

    def __init__(self, output: Path, *, restart: bool = False) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise ConfigurationError(
                "Parquet output needs pyarrow: pip install 'kurzgefasst[ray]'"
            ) from None
        if output.exists() and not restart:
            raise ConfigurationError(f"{output} already exists; use --restart to overwrite it")
        self.output = output
        self.partial = output.with_name(output.name + ".partial")
        # The partial file is what two runs would both write: lock it by its real path.
        self.lock = FileLock(Path(os.path.realpath(output) + ".partial"))
        self.schema = pa.schema(
            [
                ("id", pa.string()),
                ("status", pa.string()),
                ("bullets", pa.list_(pa.string())),
                ("summary", pa.string()),
                ("error_type", pa.string()),
                ("error_message", pa.string()),
                ("fields", pa.string()),
            ]
        )
        self._pa = pa
        self.writer = pq.ParquetWriter(self.partial, self.schema)
        self.rows: list[dict[str, Any]] = []
        self.done: set[str] = set()
        self.recovered_bytes = 0
        self._counts: Counter[str] = Counter()

    def add(self, result: Result) -> bool:
        if result.id in self.done:
            return False
        self.done.add(result.id)
        line = json.loads(result.line)
        summary, error = line.get("summary"), line.get("error") or {}
        self.rows.append(
            {
                "id": result.id,
                "status": result.status,
                "bullets": [b["text"] for b in summary["bullets"]] if summary else None,
                "summary": json.dumps(summary, ensure_ascii=False) if summary else None,
                "error_type": error.get("type"),
                "error_message": error.get("message"),
                "fields": json.dumps(line.get("fields", {}), ensure_ascii=False),
            }
        )
        self._counts[result.status] += 1
        return True

    def maybe_commit(self) -> None:
        if len(self.rows) >= self.ROW_GROUP:
            self.commit()

    def commit(self) -> None:
        if self.rows:
            self.writer.write_table(self._pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows.clear()

    def counts(self) -> Counter[str]:
        return Counter(self._counts)

    def close(self) -> None:
        self.commit()
        self.writer.close()
        os.replace(self.partial, self.output)
        self.lock.release()

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self.writer.close()
        self.partial.unlink(missing_ok=True)
        self.lock.release()


def open_output(output: Path, store: Path | None, options_key: str, *, restart: bool) -> Output:
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(f"cannot create the folder for {output}: {exc}") from None
    if output.suffix.lower() == ".parquet":
        if store is not None:
            raise ConfigurationError(
                "--store works only with JSONL output (Parquet is not resumable)"
            )
        return ParquetOutput(output, restart=restart)
    if output.suffix.lower() == ".gz":
        raise ConfigurationError(
            "write plain JSONL (compress it when the job is done): .gz cannot be resumed"
        )
    return JsonlJob(output, store or default_store_path(output), options_key, restart=restart)


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One atomic transaction (the connection is in autocommit mode, so BEGIN is explicit)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _open_store(path: Path) -> sqlite3.Connection:
    folder = path.parent
    if not os.access(folder, os.W_OK):
        # SQLite would only say "unable to open database file"; it needs the folder for its
        # journal even when the store file itself exists.
        raise OutputError(f"cannot write the job store {path}: its folder is not writable")
    try:
        db = sqlite3.connect(path, timeout=0.5, isolation_level=None)
    except sqlite3.Error as exc:
        raise OutputError(f"cannot open the job store {path}: {exc}") from None
    try:
        # EXCLUSIVE: the lock is held until the process ends (or is killed), so two runs of the
        # same job cannot interleave their writes.
        db.execute("PRAGMA locking_mode=EXCLUSIVE")
        db.execute("PRAGMA journal_mode=WAL")
        # NORMAL may lose the last commits on power loss; the output is then longer than the
        # store says and is cut back, so the job stays exact.
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("BEGIN IMMEDIATE")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS done (id TEXT PRIMARY KEY, status TEXT NOT NULL)")
        db.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        db.close()
        if "locked" in str(exc):
            raise KurzgefasstError(
                f"another kurzgefasst batch is running this job ({path})"
            ) from None
        raise KurzgefasstError(f"cannot open the job store {path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        db.close()
        raise KurzgefasstError(f"{path} is not a kurzgefasst job store: {exc}") from None
    return db
