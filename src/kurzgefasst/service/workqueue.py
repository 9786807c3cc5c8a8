"""A bounded pool of workers: CPU work runs off the event loop, a full queue answers 503 at once."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

from ..lifetime import exit_with
from . import worker
from .errors import Overloaded

log = logging.getLogger("kurzgefasst.service")


class WorkQueue:
    """A bounded pool: ``workers`` run, ``queue`` wait, the next one is refused at once."""

    def __init__(self, workers: int, queue: int) -> None:
        self.workers = workers
        self.capacity = workers + queue
        self.pending = 0
        self.executor = self._new_executor()

    def _new_executor(self) -> Executor:
        if self.workers == 1:
            return ThreadPoolExecutor(1, thread_name_prefix="kurzgefasst-worker")
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            # A worker ends with the server, even after kill -9 of the server.
            initializer=exit_with,
            initargs=(os.getpid(),),
        )

    def _restart(self, broken: Executor) -> None:
        """A worker process was killed (out of memory?): replace the broken pool, once."""
        if broken is not self.executor:
            return
        log.error("kurzgefasst: a worker process died; starting a new pool")
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new_executor()

    async def run(self, function: Callable[..., Any], *args: Any) -> Any:
        if self.pending >= self.capacity:
            raise Overloaded(
                f"the server is busy ({self.pending} requests in progress); try again shortly"
            )
        loop = asyncio.get_running_loop()
        executor = self.executor
        try:
            future = executor.submit(function, *args)
        except BrokenExecutor:
            self._restart(executor)
            raise Overloaded("a worker process had died and was restarted; try again") from None
        self.pending += 1
        # Released when the work is really done, even if the client has gone away.
        future.add_done_callback(lambda _: loop.call_soon_threadsafe(self._release))
        try:
            return await asyncio.wrap_future(future)
        except BrokenExecutor:
            self._restart(executor)
            raise Overloaded("a worker process died and was restarted; try again") from None

    def _release(self) -> None:
        self.pending -= 1

    async def warm_up(self) -> float:
        loop = asyncio.get_running_loop()
        runs = [loop.run_in_executor(self.executor, worker.warm_up) for _ in range(self.workers)]
        return max(await asyncio.gather(*runs))

    def shutdown(self) -> None:
        # Wait for the jobs already running: a process pool left behind without waiting keeps
        # its worker processes alive after the server has exited.
        self.executor.shutdown(wait=True, cancel_futures=True)
