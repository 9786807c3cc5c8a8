"""Compact copies of slow-to-load resources, built once per machine in the user's cache directory.

Some resources ship in a form that costs more to read than to use: py3langid's model is
LZMA-compressed (0.6 s to unpack on every start), wordfreq builds a 634,000-entry dict
(0.3 s). A CLI call pays that every time. Each such resource is converted once into a form
that loads in milliseconds and kept under ``$KURZGEFASST_CACHE_DIR`` (default:
``$XDG_CACHE_HOME/kurzgefasst`` or ``~/.cache/kurzgefasst``); ``KURZGEFASST_CACHE_DIR=off``
turns this off. The key of each entry names the library version and the source file's size
and mtime, so an upgrade builds a new entry instead of reading a stale one. Entries are
written to a temporary name and renamed, so concurrent processes never read half a file.
Any failure (read-only home, full disk) falls back to the slow path: the cache only ever
changes speed, never results.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

ENV_VAR = "KURZGEFASST_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where compact copies live, or None when caching is off."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return None if configured.lower() in ("off", "0", "none", "") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kurzgefasst"


def source_key(*parts: object, files: tuple[str | Path, ...] = ()) -> str:
    """A short key from versions and the size and mtime of the files a copy is made from."""
    items = [str(p) for p in parts]
    for file in files:
        stat = os.stat(file)
        items.append(f"{os.path.abspath(file)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(items).encode()).hexdigest()[:16]


def cached_entry(name: str, key: str, build: Callable[[Path], None]) -> Path | None:
    """The directory of cache entry ``name``/``key``, built by ``build(directory)`` if missing.

    Returns None when there is no usable cache; the caller then loads the original.
    """
    root = cache_dir()
    if root is None:
        return None
    target = root / name / key
    if target.is_dir():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=target.parent))
        try:
            build(scratch)
            os.replace(scratch, target)
            for stale in target.parent.iterdir():  # entries of older versions
                if stale != target and not stale.name.startswith("."):
                    shutil.rmtree(stale, ignore_errors=True)
        except OSError:
            if target.is_dir():  # another process finished first
                return target
            raise
        finally:
            if scratch.exists():
                shutil.rmtree(scratch, ignore_errors=True)
    except OSError:
        return None
    return target
