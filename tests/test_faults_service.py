"""The service under hostile pages and operator faults: a real `kurzgefasst serve`, a real
dripping web server on 127.0.0.1, real signals."""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import signal
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest

from service_support import PageServer, ServiceProcess, running, send

pytest.importorskip("fastapi")

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = (FIXTURES / "service_radwege.txt").read_text(encoding="utf-8")
FETCH_TIMEOUT = 2.0


def drip(handler: BaseHTTPRequestHandler) -> None:
    """Headers at once, then one byte a second, close-delimited (no Content-Length)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.wfile.flush()
    for _ in range(300):
        handler.wfile.write(b"<")
        handler.wfile.flush()
        time.sleep(1.0)
    handler.close_connection = True


def page_html() -> bytes:
    title, *paragraphs = ARTICLE.split("\n\n")
    return (
        f"<!doctype html><html lang='de'><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article></body></html>"
    ).encode()


def big_page_html() -> str:
    """One article page of 300 KB–5 MB whose article text is over the pasted-text limit."""
    title, *paragraphs = ARTICLE.split("\n\n")
    body = [p.replace("zwölf", str(i)) for i in range(400) for p in paragraphs]
    page = f"<html><body><article><h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in body)
    return page + "</article></body></html>"


@pytest.fixture(scope="module")
def site() -> Iterator[PageServer]:
    html, big = page_html(), big_page_html().encode()

    def article(handler: BaseHTTPRequestHandler) -> None:
        send(handler, html)

    def big_article(handler: BaseHTTPRequestHandler) -> None:
        send(handler, big)

    with PageServer({"/tropf": drip, "/artikel": article, "/gross": big_article}) as server:
        yield server


def start(site: PageServer, *args: str) -> ServiceProcess:
    env = {"KURZGEFASST_TEST_FETCH_ALLOW_HOSTS": site.host}
    return ServiceProcess("--fetch-timeout", str(FETCH_TIMEOUT), *args, env=env).start()


def post_url(service: ServiceProcess, url: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = httpx.post(service.base + "/v1/summarize", json={"url": url}, timeout=120)
    return response, time.monotonic() - started


def test_eight_dripping_pages_cost_the_fetch_timeout_and_block_nothing(site: PageServer) -> None:
    service = start(site)
    try:
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            results = list(pool.map(lambda _: post_url(service, site.base + "/tropf"), range(8)))
        for response, seconds in results:
            assert response.status_code == 504, response.text
            assert response.json()["error"]["type"] == "fetch_timeout"
            assert seconds <= FETCH_TIMEOUT + 2, seconds
        # The fetch slots are free again at once.
        response, _ = post_url(service, site.base + "/artikel")
        assert response.status_code == 200, response.text
    finally:
        service.stop()


def test_sigterm_stops_the_server_with_fetches_in_flight(site: PageServer) -> None:
    service = start(site, "--fetch-timeout", "60")
    assert service.process is not None
    pool = concurrent.futures.ThreadPoolExecutor(8)
    try:
        futures = [pool.submit(post_url, service, site.base + "/tropf") for _ in range(8)]
        time.sleep(1.5)  # every fetch is now reading its dripping body
        started = time.monotonic()
        service.process.send_signal(signal.SIGTERM)
        service.process.wait(timeout=30)
        stopped = time.monotonic() - started
        assert stopped < 6, stopped
        for future in futures:
            with contextlib.suppress(httpx.HTTPError):
                future.result(timeout=30)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        service.stop()


def test_html_carries_no_more_article_text_than_pasted_text(site: PageServer) -> None:
    page = big_page_html()
    assert 300_000 < len(page.encode()) < 5_000_000
    service = start(site)
    try:
        for request in ({"html": page}, {"url": site.base + "/gross"}):  # pasted and fetched
            started = time.monotonic()
            response = httpx.post(service.base + "/v1/summarize", json=request, timeout=300)
            seconds = time.monotonic() - started
            assert response.status_code == 413, (list(request), response.text)
            assert "article text" in response.json()["error"]["message"]
            assert seconds < 15, (list(request), seconds)
    finally:
        service.stop()


def descendants(pid: int) -> list[int]:
    found: list[int] = []
    todo = [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):
                children = [int(c) for c in (task / "children").read_text().split()]
                found += children
                todo += children
    return found


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := [p for p in pids if alive(p)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_worker_processes_end_when_the_server_is_killed() -> None:
    service = ServiceProcess("--workers", "2").start()
    assert service.process is not None
    try:
        workers = descendants(service.process.pid)
        assert len(workers) >= 2
        os.kill(service.process.pid, signal.SIGKILL)
        service.process.wait()
        left = wait_gone(workers, 10)
        assert not left, f"still running after kill -9 of the server: {left}"
    finally:
        for pid in descendants(service.process.pid) if alive(service.process.pid) else []:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        service.process = None


def long_article(marker: int, repeats: int = 12) -> str:
    title, *paragraphs = ARTICLE.split("\n\n")
    body = [p.replace("zwölf", str(marker + i)) for i in range(repeats) for p in paragraphs]
    return "\n\n".join([title, *body])


def test_overload_serves_waiting_requests_in_arrival_order() -> None:
    """Every place taken: later requests wait in line and are served first come, first served,
    instead of each getting 503 and racing newcomers with retries."""
    with running("--workers", "1", "--queue", "2", "--queue-wait", "60") as service:
        url = service.base + "/v1/summarize"
        finished: dict[int, float] = {}

        def call(marker: int) -> int:
            response = httpx.post(url, json={"text": long_article(100 * marker)}, timeout=120)
            finished[marker] = time.monotonic()
            return response.status_code

        with concurrent.futures.ThreadPoolExecutor(6) as pool:
            futures = []
            for marker in range(6):  # three take the places, three wait in line
                futures.append(pool.submit(call, marker))
                time.sleep(0.15)
            statuses = [f.result() for f in futures]
    assert statuses == [200] * 6, statuses
    order = sorted(finished, key=finished.__getitem__)
    assert order == list(range(6)), order
