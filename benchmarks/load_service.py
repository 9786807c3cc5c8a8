"""Load benchmark of `kurzgefasst serve` on loopback.

Starts the server (fresh SQLite store), measures single-request latency first (the baseline,
same run, one request at a time), then sends N mixed requests with C at a time: MLSUM-de dev
articles (text and HTML, 1-5 bullets, every output format), some repeated (answered from the
store) and some deliberately oversized (must be 413). Reports p50/p95 latency, requests/s,
errors and the server's resident memory before and after.

    python benchmarks/load_service.py                    # 300 requests, concurrency 8
    python benchmarks/load_service.py --workers 2 --json result.json

The articles are read from ../shared/data (or --data / KURZGEFASST_DATA); without them the
script falls back to variations of the test fixture article and says so.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from kurzgefasst.testing import free_port, stop_process

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "service_radwege.txt"


@dataclass
class Request:
    payload: dict[str, Any] | None  # None: a raw oversized body
    kind: str  # "text" | "html" | "repeat" | "oversized-text" | "oversized-body"
    raw: bytes = b""


@dataclass
class Result:
    kind: str
    status: int
    seconds: float
    cache: str = ""
    error: str = ""


@dataclass
class Report:
    figures: dict[str, Any] = field(default_factory=dict)


def data_dir(given: str | None) -> Path | None:
    for candidate in (
        given,
        os.environ.get("KURZGEFASST_DATA"),
        str(REPO.parent / "shared" / "data"),
    ):
        if candidate and (Path(candidate) / "mlsum-de" / "dev.jsonl").exists():
            return Path(candidate)
    return None


def load_articles(data: Path | None, n: int) -> tuple[list[str], str]:
    if data is not None:
        texts = []
        with open(data / "mlsum-de" / "dev.jsonl", encoding="utf-8") as lines:
            for line in lines:
                texts.append(json.loads(line)["text"])
                if len(texts) == n:
                    break
        return texts, f"{data}/mlsum-de/dev.jsonl (first {len(texts)})"
    base = FIXTURE.read_text(encoding="utf-8")
    texts = [base.replace("zwölf", str(13 + i)).replace("37", str(40 + i)) for i in range(n)]
    return texts, "fixture variations (../shared/data not found)"


def as_html(text: str, i: int) -> str:
    sentences = text.split(". ")
    title = html.escape(sentences[0][:80])
    paragraphs = [". ".join(sentences[k : k + 3]) for k in range(0, len(sentences), 3)]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang='de'><head><title>{title}</title></head><body>"
        f"<nav><a href='/'>Startseite</a> <a href='/politik'>Politik</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Impressum · Datenschutz · Artikel {i}</footer></body></html>"
    )


def build_requests(
    texts: list[str], n: int, oversized_text: int, oversized_body: int, repeats: int, seed: int
) -> list[Request]:
    rng = random.Random(seed)
    formats = ["json", "json", "json", "text", "markdown", "html"]
    fresh = n - oversized_text - oversized_body - repeats
    requests: list[Request] = []
    for i in range(fresh):
        text = texts[i % len(texts)]
        payload: dict[str, Any] = {"bullets": rng.randint(1, 5), "format": rng.choice(formats)}
        if i % 5 == 4:
            payload["html"] = as_html(text, i)
            requests.append(Request(payload, "html"))
        else:
            payload["text"] = text
            requests.append(Request(payload, "text"))
    for _ in range(repeats):
        original = rng.choice(requests[: max(1, fresh // 2)])
        requests.append(Request(dict(original.payload or {}), "repeat"))
    for i in range(oversized_text):
        big = "\n\n".join(texts[(i + k) % len(texts)] for k in range(130))  # ~250 KB > 200 KB
        requests.append(Request({"text": big}, "oversized-text"))
    for _ in range(oversized_body):
        raw = json.dumps({"text": "x" * 9_000_000}).encode()  # body > 8 MB
        requests.append(Request(None, "oversized-body", raw))
    # Repeats go after their originals so they can be answered from the store.
    head, tail = requests[: fresh // 2], requests[fresh // 2 :]
    rng.shuffle(tail)
    return head + tail


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (worker processes), in MB."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(
                int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")
            )
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total / 1024


def start_server(
    port: int, db: Path, workers: int, queue: int, log: Any
) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "kurzgefasst.cli", "serve", "--port", str(port), "--db", str(db),
        "--workers", str(workers), "--queue", str(queue), "--no-access-log",
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server exited during start-up; see its log")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    process.terminate()
    raise SystemExit("the server did not start within 180 s")


async def send(client: httpx.AsyncClient, request: Request) -> Result:
    started = time.perf_counter()
    try:
        if request.payload is None:
            response = await client.post(
                "/v1/summarize", content=request.raw, headers={"Content-Type": "application/json"}
            )
        else:
            response = await client.post("/v1/summarize", json=request.payload)
    except httpx.HTTPError as exc:
        return Result(request.kind, 0, time.perf_counter() - started, error=repr(exc))
    seconds = time.perf_counter() - started
    error = ""
    if response.status_code != 200:
        try:
            error = response.json()["error"]["type"]
        except (ValueError, KeyError, TypeError):
            error = response.text[:80]
    return Result(
        request.kind,
        response.status_code,
        seconds,
        response.headers.get("x-kurzgefasst-cache", ""),
        error,
    )


async def run_load(
    base: str, requests: list[Request], concurrency: int
) -> tuple[list[Result], float]:
    semaphore = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:

        async def one(request: Request) -> Result:
            async with semaphore:
                return await send(client, request)

        started = time.perf_counter()
        results = await asyncio.gather(*(one(r) for r in requests))
        return list(results), time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", help="folder with mlsum-de/dev.jsonl (default: ../shared/data)")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--oversized-text", type=int, default=12, help="texts over 200 KB (413)")
    parser.add_argument("--oversized-body", type=int, default=3, help="bodies over 8 MB (413)")
    parser.add_argument("--repeats", type=int, default=30, help="requests repeated (store hits)")
    parser.add_argument(
        "--single", type=int, default=20, help="sequential requests for the baseline"
    )
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--queue", type=int, default=16)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()

    data = data_dir(args.data)
    fresh = args.requests - args.oversized_text - args.oversized_body - args.repeats
    if fresh < 1:
        special = args.oversized_text + args.oversized_body + args.repeats
        parser.error(
            f"--requests {args.requests} leaves no fresh article: it must exceed "
            f"--oversized-text + --oversized-body + --repeats ({special}); lower those with it"
        )
    texts, source = load_articles(data, fresh + args.single)
    baseline_texts, load_texts = texts[: args.single], texts[args.single :] or texts
    requests = build_requests(
        load_texts, args.requests, args.oversized_text, args.oversized_body, args.repeats, args.seed
    )

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp, open(Path(tmp) / "server.log", "wb") as log:
        server = start_server(port, Path(tmp) / "store.sqlite", args.workers, args.queue, log)
        try:
            rss_start = rss_mb(server.pid)
            single: list[float] = []
            with httpx.Client(base_url=base, timeout=120) as client:
                for text in baseline_texts:
                    started = time.perf_counter()
                    response = client.post("/v1/summarize", json={"text": text, "bullets": 3})
                    single.append(time.perf_counter() - started)
                    response.raise_for_status()
            rss_before = rss_mb(server.pid)
            results, wall = asyncio.run(run_load(base, requests, args.concurrency))
            rss_after = rss_mb(server.pid)
        finally:
            stop_process(server, timeout=30)

    expected_413 = {"oversized-text", "oversized-body"}
    errors = [
        r for r in results if (r.status != 413 if r.kind in expected_413 else r.status != 200)
    ]
    ok = [r for r in results if r.status == 200]
    misses = [r.seconds for r in ok if r.cache == "miss"]
    hits = [r.seconds for r in ok if r.cache == "hit"]
    refused = [r.seconds for r in results if r.status == 413]
    served = [r.seconds for r in results if r.kind not in expected_413]
    ms = lambda s: round(1000 * s, 1)  # noqa: E731
    figures = {
        "articles": source,
        "requests": len(results),
        "concurrency": args.concurrency,
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "wall_s": round(wall, 2),
        "requests_per_s": round(len(results) / wall, 1),
        "served_p50_ms": ms(percentile(served, 50)),
        "served_p95_ms": ms(percentile(served, 95)),
        "all_p50_ms": ms(percentile([r.seconds for r in results], 50)),
        "all_p95_ms": ms(percentile([r.seconds for r in results], 95)),
        "miss_n": len(misses),
        "miss_p50_ms": ms(percentile(misses, 50)),
        "miss_p95_ms": ms(percentile(misses, 95)),
        "hit_n": len(hits),
        "hit_p50_ms": ms(percentile(hits, 50)),
        "refused_413_n": len(refused),
        "refused_413_p50_ms": ms(percentile(refused, 50)),
        "errors": len(errors),
        "error_samples": [f"{e.kind}: {e.status} {e.error}" for e in errors[:5]],
        "single_n": len(single),
        "single_p50_ms": ms(statistics.median(single)),
        "load_p50_over_single_p50": round(percentile(served, 50) / statistics.median(single), 2),
        "rss_start_mb": round(rss_start, 1),
        "rss_before_mb": round(rss_before, 1),
        "rss_after_mb": round(rss_after, 1),
        "rss_growth_mb": round(rss_after - rss_before, 1),
    }
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    failed = figures["errors"] > 0 or figures["rss_growth_mb"] > 50
    print("FAILED" if failed else "OK: no unexpected errors, memory growth within 50 MB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
