"""The local runner: this process alone (--workers 1) or a process pool with one Summarizer per
worker, created once by the pool's initializer so models load once per worker, not per article."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any

from ..errors import KurzgefasstError
from ..lifetime import exit_with
from ..options import Options
from .records import Record, Result
from .worker import summarize_record, worker_usage

Deliver = Callable[[Result], None]
#: Chunks in flight per worker: enough to keep every worker busy, few enough that memory stays
#: flat however large the input is (the input is read lazily, as the pool drains).
WINDOW_PER_WORKER = 4

_summarizer: Any = None
_allow_private_urls = False


def _init_worker(options: Options, allow_private_urls: bool, parent: int) -> None:
    # Ctrl-C goes to the whole process group; the parent handles it and keeps the output exact.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # After a kill -9 of the batch nobody would stop this worker: it stops itself.
    exit_with(parent)
    from ..pipeline import Summarizer

    global _summarizer, _allow_private_urls
    _summarizer = Summarizer(options)
    _allow_private_urls = allow_private_urls


def _work(chunk: list[Record]) -> tuple[list[Result], str, float, float]:
    results = [
        summarize_record(_summarizer, r, allow_private_urls=_allow_private_urls) for r in chunk
    ]
    return results, f"pid{os.getpid()}", *worker_usage()


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


def pool_context() -> multiprocessing.context.BaseContext:
    """forkserver where it exists (no copy of the parent's threads or open files), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def run_local(
    records: Iterable[Record],
    deliver: Deliver,
    note_worker: Callable[[str, float, float], None],
    *,
    options: Options,
    workers: int,
    chunk_size: int = 4,
    allow_private_urls: bool = False,
) -> None:
    """Summarize every record and hand each result to ``deliver`` in input order."""
    if workers <= 1:
        from ..pipeline import Summarizer

        summarizer = Summarizer(options)
        for record in records:
            deliver(summarize_record(summarizer, record, allow_private_urls=allow_private_urls))
        note_worker("main", *worker_usage())
        return

    def drain(future: Future[tuple[list[Result], str, float, float]]) -> None:
        try:
            results, worker, rss, cpu = future.result()
        except BrokenProcessPool:
            raise KurzgefasstError(
                "a worker process died (out of memory?); the output so far is kept: "
                "rerun the same command to resume"
            ) from None
        note_worker(worker, rss, cpu)
        for result in results:
            deliver(result)

    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=pool_context(),
        initializer=_init_worker,
        initargs=(options, allow_private_urls, os.getpid()),
    )
    window: deque[Future[tuple[list[Result], str, float, float]]] = deque()
    try:
        for chunk in _chunks(records, chunk_size):
            window.append(pool.submit(_work, chunk))
            # Waiting on the oldest chunk keeps the output in input order.
            while len(window) >= workers * WINDOW_PER_WORKER:
                drain(window.popleft())
        while window:
            drain(window.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
