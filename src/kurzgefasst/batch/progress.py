"""Progress for long batches: a bar (rich, else tqdm, else one redrawn line) on a terminal, a
plain line every few seconds in logs, and a final tally of what happened."""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal, TextIO

ProgressMode = Literal["auto", "bar", "plain", "none"]


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


@dataclass
class Tally:
    """What this run did; ``to_dict()`` is what ``--stats`` writes."""

    mode: str = "local"
    workers: int = 1
    skipped: int = 0
    recovered_bytes: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    worker_rss_mb: dict[str, float] = field(default_factory=dict)
    #: CPU seconds each worker has used (start-up and model loading included).
    worker_cpu_s: dict[str, float] = field(default_factory=dict)
    main_rss_mb: float = 0.0
    job: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    #: When the first result came: workers and models start before it, so speeds for the ETA
    #: are measured from here.
    first_result: float | None = None

    @property
    def processed(self) -> int:
        return sum(self.statuses.values())

    @property
    def seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    @property
    def rate(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    @property
    def current_rate(self) -> float:
        """Articles/s since the first result (0 until there are two)."""
        return self._steady_rate()

    def _steady_rate(self) -> float:
        if self.first_result is None or self.processed < 2:
            return 0.0
        elapsed = (self.finished or time.monotonic()) - self.first_result
        return (self.processed - 1) / elapsed if elapsed > 0 else 0.0

    def note_worker(self, worker: str, rss_mb: float, cpu_s: float = 0.0) -> None:
        self.worker_rss_mb[worker] = max(rss_mb, self.worker_rss_mb.get(worker, 0.0))
        self.worker_cpu_s[worker] = max(cpu_s, self.worker_cpu_s.get(worker, 0.0))

    def to_dict(self) -> dict[str, Any]:
        errors = {k: v for k, v in self.statuses.items() if k != "ok"}
        job_errors = {k: v for k, v in self.job.items() if k != "ok"}
        return {
            "mode": self.mode,
            "workers": self.workers,
            "processed": self.processed,
            "ok": self.statuses["ok"],
            "errors": dict(sorted(errors.items())),
            "skipped": self.skipped,
            "recovered_bytes": self.recovered_bytes,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.rate, 2),
            # From the first result to the last: without worker start-up and model loading.
            "steady_articles_per_second": round(self._steady_rate(), 2),
            "peak_rss_mb_per_worker": {
                k: round(v, 1) for k, v in sorted(self.worker_rss_mb.items())
            },
            "max_worker_rss_mb": round(max(self.worker_rss_mb.values(), default=0.0), 1),
            "main_rss_mb": round(self.main_rss_mb, 1),
            # Independent of how busy the machine is, unlike articles/s.
            "worker_cpu_ms_per_article": round(
                1000 * sum(self.worker_cpu_s.values()) / self.processed if self.processed else 0.0,
                1,
            ),
            "job": {
                "records": sum(self.job.values()),
                "ok": self.job["ok"],
                "errors": dict(sorted(job_errors.items())),
            },
        }

    def lines(self, output: str) -> list[str]:
        errors = {k: v for k, v in self.statuses.items() if k != "ok"}
        detail = ", ".join(
            f"{k} {v}" for k, v in sorted(errors.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        text = (
            f"kurzgefasst batch: {self.processed} records in {self.seconds:.1f} s "
            f"({self.rate:.1f} articles/s): {self.statuses['ok']} ok, {sum(errors.values())} errors"
        )
        if detail:
            text += f" ({detail})"
        if self.skipped:
            text += f"; {self.skipped} skipped (already in the output)"
        out = [text]
        if self.recovered_bytes:
            out.append(
                f"kurzgefasst batch: dropped {self.recovered_bytes} bytes of unfinished output "
                "from the last run"
            )
        if self.job:
            job_errors = sum(v for k, v in self.job.items() if k != "ok")
            out.append(
                f"kurzgefasst batch: {output} now holds {sum(self.job.values())} records "
                f"({self.job['ok']} ok, {job_errors} errors)"
            )
        if self.worker_rss_mb:
            peak = max(self.worker_rss_mb.values())
            workers = len(self.worker_rss_mb)
            out.append(
                f"kurzgefasst batch: peak memory {peak:.0f} MB per worker "
                f"({workers} worker process{'es' if workers > 1 else ''}), "
                f"{self.main_rss_mb:.0f} MB main process"
            )
        return out


class Progress:
    """Counts finished records and shows them; ``set_total`` may come later from another thread
    (the inputs are counted in the background so the work starts at once)."""

    def __init__(
        self,
        tally: Tally,
        *,
        mode: ProgressMode = "auto",
        initial: int = 0,
        every: float = 10.0,
        stream: TextIO | None = None,
    ) -> None:
        self.tally = tally
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if self.stream.isatty() else "plain"
        self.mode = mode
        self.initial = initial
        self.total: int | None = None
        self.every = every
        self._lock = threading.Lock()
        self._last = time.monotonic()
        self._bar: Any = None
        self._kind = ""
        if mode == "bar":
            self._start_bar()

    # -- bars ---------------------------------------------------------------------------------

    def _start_bar(self) -> None:
        try:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn("kurzgefasst batch"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} articles/s"),
                TextColumn("errors {task.fields[errors]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task(
                "batch", total=None, completed=self.initial, rate="0.0", errors=0
            )
            self._kind = "rich"
            return
        except ImportError:
            pass
        try:
            from tqdm import tqdm

            self._bar = tqdm(
                total=None,
                initial=self.initial,
                unit=" articles",
                file=self.stream,
                dynamic_ncols=True,
            )
            self._kind = "tqdm"
        except ImportError:
            self._kind = "line"  # our own one-line bar, redrawn with \r

    def set_total(self, total: int | None) -> None:
        with self._lock:
            self.total = total
            if self._kind == "rich":
                self._bar.update(self._task, total=total)
            elif self._kind == "tqdm":
                self._bar.total = total
                self._bar.refresh()

    def advance(self, status: str) -> None:
        with self._lock:
            if self.tally.first_result is None:
                self.tally.first_result = time.monotonic()
            self.tally.statuses[status] += 1
            errors = self.tally.processed - self.tally.statuses["ok"]
            now = time.monotonic()
            if self._kind == "rich":
                self._bar.update(
                    self._task, advance=1, rate=f"{self.tally.current_rate:.1f}", errors=errors
                )
            elif self._kind == "tqdm":
                self._bar.update(1)
                if status != "ok":
                    self._bar.set_postfix(errors=errors, refresh=False)
            elif self._kind == "line" and now - self._last >= 0.2:
                self._last = now
                self.stream.write("\r" + self.status_line())
                self.stream.flush()
            elif self.mode == "plain" and now - self._last >= self.every:
                self._last = now
                print(self.status_line(), file=self.stream, flush=True)

    def status_line(self) -> str:
        done = self.initial + self.tally.processed
        errors = self.tally.processed - self.tally.statuses["ok"]
        rate = self.tally.current_rate
        if self.total:
            remaining = max(self.total - done, 0)
            eta = _duration(remaining / rate) if rate > 0 else "?"
            count = f"{done}/{self.total} ({done / self.total:.0%})"
        else:
            eta, count = "?", f"{done}/?"
        return (
            f"kurzgefasst batch: {count}, {rate:.1f} articles/s, ETA {eta}, {errors} errors, "
            f"elapsed {_duration(self.tally.seconds)}"
        )

    def close(self) -> None:
        with self._lock:
            if self._kind == "rich":
                self._bar.stop()
            elif self._kind == "tqdm":
                self._bar.close()
            elif self._kind == "line":
                self.stream.write("\r" + self.status_line() + "\n")
            self._kind = ""
