"""Batch summarizing of archives: inputs → records → (local pool | Ray) → JSONL/Parquet + job store.

``run_batch(BatchConfig(...))`` is what ``kurzgefasst batch`` calls; see docs/batch.md.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TextIO

from ..errors import ConfigurationError
from ..options import Options
from .progress import Progress, ProgressMode, Tally
from .ray_errors import ClusterUnreachableError
from .records import (
    DEFAULT_FIELDS,
    FieldNames,
    Record,
    Result,
    count_lines,
    iter_records,
    resolve_sources,
)
from .store import JsonlJob, Output, open_output
from .worker import default_workers, summarize_record, worker_rss_mb

__all__ = [
    "BatchConfig",
    "FieldNames",
    "Record",
    "Result",
    "Tally",
    "default_workers",
    "run_batch",
    "summarize_record",
]


@dataclass(frozen=True)
class BatchConfig:
    inputs: tuple[str, ...]
    output: Path
    options: Options = field(default_factory=Options)
    #: Worker processes (local), or CPUs of the runtime ``--ray local`` starts.
    workers: int = 1
    #: Job store; default ``OUTPUT.job.sqlite`` next to the output.
    store: Path | None = None
    restart: bool = False
    progress: ProgressMode = "auto"
    progress_every: float = 10.0
    allow_private_urls: bool = False
    #: None: local. "local" or "auto": Ray Data (Ray Client, ray://, cannot run Ray Data).
    ray: str | None = None
    ray_concurrency: int | None = None
    ray_batch_size: int = 16
    #: GPUs per summarizer actor (for an engine that runs a model on the GPU itself).
    ray_num_gpus: float = 0.0
    chunk_size: int = 4
    #: JSONL field names (``--id-field``, ``--text-field``, …).
    field_names: FieldNames = DEFAULT_FIELDS

    def __post_init__(self) -> None:
        if self.ray is not None and self.ray.startswith("ray://"):
            # Ray Data needs a driver inside the cluster: through Ray Client its first batch
            # fails with "'Worker' object has no attribute 'core_worker'" (ray-project/ray#48682).
            raise ConfigurationError(
                "--ray ray://… cannot work: Ray Data, which the batch runs on, does not run "
                "through Ray Client; run the batch on a node of the cluster with --ray auto, or "
                "submit it as a Ray job: ray job submit --address http://HEAD:8265 -- "
                "kurzgefasst batch IN -o OUT --ray auto (docs/batch.md)"
            )
        if self.ray is not None and self.ray not in ("local", "auto"):
            raise ConfigurationError("--ray takes local or auto (a cluster's address: RAY_ADDRESS)")


def run_batch(
    config: BatchConfig, *, stdin: IO[bytes] | None = None, stderr: TextIO | None = None
) -> Tally:
    """Run (or resume) a batch job; returns what this run did. Raises KurzgefasstError on a
    problem with the job itself (missing input, locked store, other options), never for a record."""
    stderr = stderr or sys.stderr
    sources = resolve_sources(config.inputs)
    output = open_output(
        config.output, config.store, config.options.cache_key(), restart=config.restart
    )
    tally = Tally(mode="ray" if config.ray else "local", workers=config.workers)
    tally.recovered_bytes = output.recovered_bytes
    progress = Progress(
        tally,
        mode=config.progress,
        initial=len(output.done),
        every=config.progress_every,
        stream=stderr,
    )
    if not config.ray and all(s.kind != "stdin" for s in sources):
        threading.Thread(
            target=lambda: progress.set_total(count_lines(sources)), daemon=True
        ).start()

    def deliver(result: Result) -> None:
        if output.add(result):
            progress.advance(result.status)
        output.maybe_commit()

    try:
        if config.ray:
            from .distributed import run_ray

            def on_scan(total: int, skipped: int) -> None:
                tally.skipped = skipped
                progress.set_total(total)

            run_ray(
                sources,
                output.done,
                deliver,
                tally.note_worker,
                config=config,
                stdin=stdin,
                on_scan=on_scan,
            )
        else:
            from .local import run_local

            run_local(
                _todo(
                    iter_records(sources, config.options.max_read_bytes, stdin, config.field_names),
                    output,
                    tally,
                ),
                deliver,
                tally.note_worker,
                options=config.options,
                workers=config.workers,
                chunk_size=config.chunk_size,
                allow_private_urls=config.allow_private_urls,
            )
        output.commit()
    except BaseException as exc:
        progress.close()
        output.abort()
        if isinstance(output, JsonlJob) and not isinstance(exc, ClusterUnreachableError):
            # (a cluster that cannot be reached: its one-line cause is all there is to say)
            print(
                f"kurzgefasst batch: stopped after {tally.processed} records; every line in "
                f"{config.output} is complete: rerun the same command to resume",
                file=stderr,
            )
        raise
    tally.job = output.counts()
    output.close()
    tally.finished = time.monotonic()
    tally.main_rss_mb = worker_rss_mb()
    progress.close()
    for line in tally.lines(str(config.output)):
        print(line, file=stderr)
    return tally


def _todo(records: Iterator[Record], output: Output, tally: Tally) -> Iterator[Record]:
    """Skip records whose id is already in the output (a resumed job)."""
    for record in records:
        if record["id"] in output.done:
            tally.skipped += 1
        else:
            yield record
