"""One writer per output file, whatever name it is reached by.

The job store's own lock guards the store, not the output: two runs with two ``--store`` files,
or one through a symlink, wrote into the same file and lost lines. This lock is taken on the
output file itself, opened by its real path (symlinks resolved), so every name of the file
meets the same lock; the kernel drops it when the process ends, also after ``kill -9``.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ..errors import KurzgefasstError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; the store's own lock still applies
    fcntl = None  # type: ignore[assignment]


class OutputLocked(KurzgefasstError):
    code = "output_locked"


class OutputError(KurzgefasstError):
    """The output cannot be written (permissions, a folder, disk full)."""

    code = "output_error"


def describe(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


class FileLock:
    """An exclusive lock on ``path`` (created if missing), held until ``release``."""

    def __init__(self, path: Path) -> None:
        self.path = Path(os.path.realpath(path))
        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except IsADirectoryError:
            raise OutputError(f"cannot write {path}: it is a folder") from None
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {describe(exc)}") from None
        if fcntl is None:
            return
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self.fd)
            raise OutputLocked(
                f"another kurzgefasst batch is writing {self.path}"
                + (f" (given here as {path})" if str(path) != str(self.path) else "")
                + "; wait for it to finish, or write to another file"
            ) from None

    def release(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)
