"""The same batch on Ray Data, for more cores than one machine has.

inputs → ``from_items`` (one row per input file) → ``flat_map`` (Ray tasks read and parse the
files: the same code and so the same ids as the local runner) → ``map_batches`` with a callable
class (each actor creates its Summarizer once) → rows streamed back to this process, which
writes them through the same job store as a local batch, so progress and resume work alike.
Input paths must be readable at the same path on every node (a shared filesystem).
"""

from __future__ import annotations

import logging
import os
import socket
import warnings
from collections.abc import Callable, Iterator
from typing import IO, Any

from ..errors import ConfigurationError
from ..options import Options
from .ray_errors import ClusterUnreachableError, answers, explain, host_port
from .records import (
    DEFAULT_FIELDS,
    FieldNames,
    Record,
    Result,
    Source,
    duplicate_record,
    read_source,
)
from .worker import summarize_record, worker_usage

#: Everything Ray prints that is not an error would bury our own progress line.
QUIET = logging.ERROR


def import_ray() -> Any:
    # Ray's C++ client logs every refused retry as a warning; our error says it once. Read
    # when Ray is imported.
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "error")
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise ConfigurationError(
            f"--ray needs Ray Data, which is not installed ({exc.name}): "
            "pip install 'kurzgefasst[ray]'"
        ) from None
    return ray


def start_ray(ray: Any, address: str, cpus: int) -> bool:
    """Connect to (or start) Ray; True if we started a runtime that we must shut down."""
    if ray.is_initialized():
        return False
    common: dict[str, Any] = {"logging_level": QUIET, "log_to_driver": False}
    os.environ.setdefault("RAY_DEDUP_LOGS", "0")
    try:
        if address == "local":
            # address="local" always starts a new runtime, even if this machine is in a cluster.
            ray.init(address="local", num_cpus=cpus, include_dashboard=False, **common)
            return True
        target = host_port(address)
        if target is not None and not answers(*target):
            # Ray would retry for a minute and then blame nothing in particular.
            raise ClusterUnreachableError(explain(address, ConnectionError("no answer")))
        ray.init(address=address, **common)
    except (ConnectionError, RuntimeError, TimeoutError) as exc:
        raise ClusterUnreachableError(explain(address, exc)) from None
    except Exception as exc:
        # ray.exceptions.AuthenticationError and other RayErrors: still one line, never a trace.
        if type(exc).__module__.startswith("ray"):
            raise ClusterUnreachableError(explain(address, exc)) from None
        raise
    return False


def default_concurrency(resources: dict[str, float], gpus_per_actor: float) -> int:
    """One actor per CPU of the cluster, or per GPU share when actors need GPUs."""
    if gpus_per_actor > 0:
        return max(1, int(resources.get("GPU", 0) / gpus_per_actor))
    return max(1, int(resources.get("CPU", 1)))


def _quiet_ray_data(ray: Any) -> None:
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.enable_operator_progress_bars = False
    context.print_on_execution_start = False
    context.enable_auto_log_stats = False
    for name in ("ray", "ray.data", "ray.train"):
        logging.getLogger(name).setLevel(QUIET)


_sets: dict[str, frozenset[str]] = {}


def _shared_set(ref: Any) -> frozenset[str]:
    """An object-store set, fetched once per worker process however many files it reads."""
    import ray

    key = ref.hex()
    if key not in _sets:
        _sets[key] = ray.get(ref)
    return _sets[key]


def _read_row(
    row: dict[str, Any],
    *,
    max_bytes: int,
    done_ref: Any,
    duplicates_ref: Any,
    names: FieldNames = DEFAULT_FIELDS,
) -> Iterator[Record]:
    """flat_map: one input file → its records not yet done, with the driver's duplicate marks."""
    source = Source(row["kind"], row["path"], row["display"], row["article_id"])
    done, duplicates = _shared_set(done_ref), _shared_set(duplicates_ref)
    for record in read_source(source, max_bytes, names=names):
        if record["where"] in duplicates:
            record = duplicate_record(record)
        if record["id"] not in done:
            yield record


class SummarizeBatch:
    """map_batches callable class: one Summarizer per actor, loaded once, used for every batch."""

    def __init__(self, options: Options, allow_private_urls: bool) -> None:
        from ..pipeline import Summarizer

        self.summarizer = Summarizer(options)
        self.allow_private_urls = allow_private_urls
        self.worker = f"{socket.gethostname()}:{os.getpid()}"

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        results = [
            summarize_record(self.summarizer, record, allow_private_urls=self.allow_private_urls)
            for record in batch.to_pylist()
        ]
        rss, cpu = worker_usage()
        return pa.table(
            {
                "id": [r.id for r in results],
                "status": [r.status for r in results],
                "line": [r.line for r in results],
                "worker": [self.worker] * len(results),
                "rss_mb": [rss] * len(results),
                "cpu_s": [cpu] * len(results),
            }
        )


def prescan(
    sources: list[Source],
    max_bytes: int,
    stdin: IO[bytes] | None,
    done: set[str],
    names: FieldNames = DEFAULT_FIELDS,
) -> tuple[set[str], list[Record], int, int]:
    """Read the inputs once here: which records are later duplicates (their ``where``), the
    records from stdin (only this process can read them), how many records there are and how
    many are already done. Costs one JSON parse per record, little next to summarizing."""
    duplicates: set[str] = set()
    stdin_records: list[Record] = []
    seen: set[str] = set()
    total = skipped = 0
    for source in sources:
        for record in read_source(source, max_bytes, stdin, names):
            if record["id"] in seen:  # the same rule as records.mark_duplicates
                record = duplicate_record(record)
                duplicates.add(record["where"])
            seen.add(record["id"])
            total += 1
            if record["id"] in done:
                skipped += 1
            elif source.kind == "stdin":
                stdin_records.append(record)
    return duplicates, stdin_records, total, skipped


def run_ray(
    sources: list[Source],
    done: set[str],
    deliver: Callable[[Result], None],
    note_worker: Callable[[str, float, float], None],
    *,
    config: Any,
    stdin: IO[bytes] | None = None,
    on_scan: Callable[[int, int], None] | None = None,
) -> None:
    ray = import_ray()
    options: Options = config.options
    duplicates, stdin_records, total, skipped = prescan(
        sources, options.max_read_bytes, stdin, done, config.field_names
    )
    if on_scan is not None:
        on_scan(total, skipped)
    if skipped == total:
        return  # nothing to do: do not start Ray at all
    started = start_ray(ray, config.ray, config.workers)
    try:
        _quiet_ray_data(ray)
        datasets = []
        files = [s for s in sources if s.kind != "stdin"]
        if files:
            rows = [
                {"kind": s.kind, "path": s.path, "display": s.display, "article_id": s.article_id}
                for s in files
            ]
            datasets.append(
                ray.data.from_items(rows, override_num_blocks=len(rows)).flat_map(
                    _read_row,
                    fn_kwargs={
                        "max_bytes": options.max_read_bytes,
                        "names": config.field_names,
                        "done_ref": ray.put(frozenset(done)),
                        "duplicates_ref": ray.put(frozenset(duplicates)),
                    },
                    num_cpus=0,  # reading is light; the CPUs belong to the summarizer actors
                )
            )
        if stdin_records:
            datasets.append(ray.data.from_items(stdin_records))
        dataset = datasets[0] if len(datasets) == 1 else datasets[0].union(*datasets[1:])
        concurrency = config.ray_concurrency or default_concurrency(
            ray.cluster_resources(), config.ray_num_gpus
        )
        # One input file comes out of flat_map as one block, and one block goes to one actor: cut
        # the records into batch-sized blocks so that every actor gets work. This happens before
        # the actors start, because they hold every CPU they are given and a repartition running
        # next to them would wait for a CPU forever. The records then sit in the object store
        # (which spills to disk), not in this process.
        dataset = (
            dataset.materialize()
            .repartition(target_num_rows_per_block=config.ray_batch_size)
            .materialize()
        )
        restarts: dict[str, int] = {}
        if config.ray == "local":
            # On one machine a dead actor (out of memory) would die again: fail the run instead,
            # as a dead local worker does; the output stays exact and a rerun resumes. On a
            # cluster Ray's default applies: actors are restarted when a node goes away.
            restarts["max_restarts"] = 0
        with warnings.catch_warnings():
            # Ray Data >= 2.5x warns that extra remote args are deprecated; max_restarts has no
            # named parameter yet.
            warnings.simplefilter("ignore", DeprecationWarning)
            summaries = dataset.map_batches(
                SummarizeBatch,
                fn_constructor_kwargs={
                    "options": options,
                    "allow_private_urls": config.allow_private_urls,
                },
                batch_size=config.ray_batch_size,
                batch_format="pyarrow",
                concurrency=concurrency,
                num_cpus=1,
                num_gpus=config.ray_num_gpus or None,
                **restarts,
            )
        for table in summaries.iter_batches(batch_size=None, batch_format="pyarrow"):
            for row in table.to_pylist():
                note_worker(row["worker"], row["rss_mb"], row["cpu_s"])
                deliver(Result(row["id"], row["status"], row["line"]))
    finally:
        if started:
            ray.shutdown()
