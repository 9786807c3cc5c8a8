"""`Service`: everything one server process holds (store, work queue, requests in flight)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool

from ..fetch import FetchedPage, fetch_url
from ..urls import complete_url
from . import worker
from .config import ServiceConfig
from .errors import Overloaded
from .store import SummaryStore
from .workqueue import WorkQueue

log = logging.getLogger("kurzgefasst.service")


class Service:
    """Everything one server process holds: config, store, work queue, requests in flight."""

    def __init__(self, config: ServiceConfig) -> None:
        self.config = config
        self.store: SummaryStore | None = None
        self.queue: WorkQueue | None = None
        self.compute: Callable[[worker.Job], dict[str, Any]] = worker.compute
        self.fetching = 0
        self._in_flight: dict[tuple[str, str], asyncio.Future[dict[str, Any]]] = {}

    async def start(self) -> None:
        self.store = SummaryStore(self.config.db)
        self.queue = WorkQueue(self.config.workers, self.config.queue, self.config.queue_wait)
        if self.config.warm_up:
            seconds = await self.queue.warm_up()
            log.info("kurzgefasst: models loaded in %.1f s", seconds)

    def stop(self) -> None:
        if self.queue is not None:
            self.queue.shutdown()
        if self.store is not None:
            self.store.close()

    async def fetch(self, url: str) -> FetchedPage:
        if self.fetching >= self.config.fetch_concurrency:
            raise Overloaded("too many pages are being fetched; try again shortly")
        self.fetching += 1
        try:
            return await run_in_threadpool(
                fetch_url,
                complete_url(url),
                timeout=self.config.fetch_timeout,
                max_bytes=self.config.max_html_bytes,
                allow_private=self.config.allow_private_urls,
                _allow_hosts=self.config.fetch_allow_hosts,
            )
        finally:
            self.fetching -= 1

    async def cached(self, key: tuple[str, str]) -> dict[str, Any] | None:
        assert self.store is not None
        try:
            return await run_in_threadpool(self.store.get, key)
        except Exception:  # a broken cache must not break summarizing
            log.exception("kurzgefasst: reading the summary store failed")
            return None

    async def summarize(self, key: tuple[str, str], job: worker.Job) -> tuple[dict[str, Any], str]:
        """Compute once per key: identical requests arriving together share one computation.

        Returns the summary and how it was obtained: "miss" (computed for this request) or
        "shared" (computed once for several identical requests in flight).
        """
        future = self._in_flight.get(key)
        how = "shared"
        if future is None:
            how = "miss"
            future = asyncio.ensure_future(self._compute_and_store(key, job))
            self._in_flight[key] = future
            future.add_done_callback(lambda f: self._finished(key, f))
        return await asyncio.shield(future), how

    def _finished(self, key: tuple[str, str], future: asyncio.Future[Any]) -> None:
        self._in_flight.pop(key, None)
        if not future.cancelled():
            future.exception()  # retrieved here so an error nobody awaits is not logged twice

    async def _compute_and_store(self, key: tuple[str, str], job: worker.Job) -> dict[str, Any]:
        assert self.queue is not None and self.store is not None
        data: dict[str, Any] = await self.queue.run(self.compute, job)
        if any(n["code"] == "engine_unavailable" for n in data.get("notices", [])):
            # A fallback while the model server is down is not the answer to keep: once the
            # server is back, the same request must reach it again.
            return data
        try:
            await run_in_threadpool(self.store.put, key, data)
        except Exception:
            log.exception("kurzgefasst: writing the summary store failed")
        return data
