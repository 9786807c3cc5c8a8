"""A bounded pool of workers: CPU work runs off the event loop, a full queue answers 503 at once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

from ..lifetime import exit_with
from . import worker
from .errors import Overloaded

log = logging.getLogger("kurzgefasst.service")


class WorkQueue:
    """A bounded pool: ``workers`` run, ``queue`` wait for a worker; served in arrival order.

    Overload policy: a request that finds every place taken joins a line (at most ``capacity``
    long) and is given the next free place in arrival order, or 503 after ``wait`` seconds;
    when the line is full too, 503 at once. Without the line a freed place went to whichever
    retry happened to come first, so a client could lose a dozen times in a row to newcomers.
    """

    def __init__(self, workers: int, queue: int, wait: float = 5.0) -> None:
        self.workers = workers
        self.capacity = workers + queue
        self.wait = wait
        self.pending = 0
        self._line: deque[asyncio.Future[None]] = deque()
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

    async def _admit(self) -> None:
        """Take a place (``pending`` += 1), waiting in line for it if all are taken."""
        if self.pending < self.capacity and not self._line:
            self.pending += 1
            return
        if len(self._line) >= self.capacity or self.wait <= 0:
            raise Overloaded(
                f"the server is busy ({self.pending} requests in progress, {len(self._line)} "
                "waiting); try again shortly"
            )
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._line.append(turn)
        try:
            await asyncio.wait_for(asyncio.shield(turn), self.wait)
        except (TimeoutError, asyncio.CancelledError) as exc:
            if turn.done() and not turn.cancelled():
                if isinstance(exc, TimeoutError):
                    return  # the place came just as the wait ended: take it
                self._release()  # the client left after it was given a place: pass it on
            else:
                turn.cancel()
                with contextlib.suppress(ValueError):
                    self._line.remove(turn)
            if isinstance(exc, asyncio.CancelledError):
                raise
            raise Overloaded(
                f"the server is busy; no place became free within {self.wait:g} s"
            ) from None

    async def run(self, function: Callable[..., Any], *args: Any) -> Any:
        await self._admit()
        loop = asyncio.get_running_loop()
        executor = self.executor
        try:
            future = executor.submit(function, *args)
        except BrokenExecutor:
            self._release()
            self._restart(executor)
            raise Overloaded("a worker process had died and was restarted; try again") from None
        # Released when the work is really done, even if the client has gone away.
        future.add_done_callback(lambda _: loop.call_soon_threadsafe(self._release))
        try:
            return await asyncio.wrap_future(future)
        except BrokenExecutor:
            self._restart(executor)
            raise Overloaded("a worker process died and was restarted; try again") from None

    def _release(self) -> None:
        self.pending -= 1
        # A freed place goes to the request that has waited longest.
        while self._line and self.pending < self.capacity:
            turn = self._line.popleft()
            if not turn.done():
                self.pending += 1
                turn.set_result(None)

    async def warm_up(self) -> float:
        loop = asyncio.get_running_loop()
        runs = [loop.run_in_executor(self.executor, worker.warm_up) for _ in range(self.workers)]
        return max(await asyncio.gather(*runs))

    def shutdown(self) -> None:
        # Wait for the jobs already running: a process pool left behind without waiting keeps
        # its worker processes alive after the server has exited.
        self.executor.shutdown(wait=True, cancel_futures=True)
