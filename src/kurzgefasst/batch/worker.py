"""One record through the Summarizer, on whichever worker runs it (process, pool or Ray actor),
and what a worker reports about itself."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any

from ..errors import KurzgefasstError
from .records import Record, Result

if TYPE_CHECKING:
    from ..pipeline import Summarizer


def summarize_record(
    summarizer: Summarizer, record: Record, *, allow_private_urls: bool = False
) -> Result:
    """Record → output line. Never raises for a bad article: every failure is an error line."""
    out: dict[str, Any] = {"id": record["id"]}
    kind = record["kind"]
    data: bytes = record["data"]
    title = record["title"] or None
    try:
        if kind == "error":
            raise _RecordError(record["error_type"], data.decode("utf-8"))
        if kind == "text":
            summary = summarizer.summarize(data, title=title)
        elif kind == "html":
            summary = summarizer.summarize(html=data, title=title)
        elif kind == "url":
            summary = summarizer.summarize(
                url=data.decode("utf-8"), title=title, allow_private_urls=allow_private_urls
            )
        else:
            raise _RecordError("bad_record", f"unknown record kind {kind!r}")
        out["summary"] = summary.to_dict()
    except _RecordError as exc:
        out["error"] = {"type": exc.type, "message": exc.message}
    except KurzgefasstError as exc:
        out["error"] = {"type": exc.code, "message": str(exc)}
    except Exception as exc:  # a bug on one article must not stop a million-article batch
        out["error"] = {"type": type(exc).__name__, "message": str(exc) or repr(exc)}
    out["fields"] = json.loads(record["fields"]) if record["fields"] else {}
    status = "ok" if "summary" in out else out["error"]["type"]
    return Result(record["id"], status, json.dumps(out, ensure_ascii=False))


class _RecordError(Exception):
    def __init__(self, type_: str, message: str) -> None:
        super().__init__(message)
        self.type = type_
        self.message = message


def worker_usage() -> tuple[float, float]:
    """(peak RSS in MB, CPU seconds so far) of this process, for the per-worker tally."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return worker_rss_mb(), usage.ru_utime + usage.ru_stime


def worker_rss_mb() -> float:
    """Peak resident memory of this process in MB (Linux reports KB, macOS bytes)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS
        return os.cpu_count() or 1
