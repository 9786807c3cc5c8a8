"""The HTTP API and web page (`kurzgefasst serve`): FastAPI app factory.

Safe to expose: the body is size-checked before it is parsed, every failure is a JSON error
with a status and a type (never a traceback), CPU work runs in a bounded pool off the event loop
(a full queue answers 503 at once instead of piling up), URLs are fetched with every private
address refused, and the page escapes all article text and runs only its own script.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import AsyncIterator, Callable
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..engines import ENGINES
from ..errors import ConfigurationError, InputTooLargeError, KurzgefasstError
from ..fetch import MAX_BYTES, FetchedPage, fetch_url
from ..options import MAX_BULLETS, Options
from ..render import render
from . import worker
from .store import SummaryStore, cache_key, summary_from_dict

log = logging.getLogger("kurzgefasst.service")
STATIC = Path(__file__).parent / "static"
CACHE_HEADER = "X-Kurzgefasst-Cache"
MEDIA_TYPES = {"text": "text/plain", "markdown": "text/markdown", "html": "text/html"}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


@dataclass(frozen=True)
class ServiceConfig:
    """How one server process runs; every field has a `kurzgefasst serve` flag."""

    #: SQLite file of finished summaries; None keeps them in memory until the server stops.
    db: str | None = None
    #: 1 = one worker thread in the server process; more = that many worker processes.
    workers: int = 1
    #: Requests that may wait for a worker; one more gets 503 at once.
    queue: int = 16
    #: Largest request body in bytes (checked before parsing).
    max_body_bytes: int = 8_000_000
    #: Largest pasted text in UTF-8 bytes.
    max_text_bytes: int = 200_000
    #: Largest HTML (pasted or fetched) in bytes.
    max_html_bytes: int = MAX_BYTES
    fetch_timeout: float = 10.0
    #: URL fetches running at once; more get 503.
    fetch_concurrency: int = 8
    #: Load the models before accepting requests.
    warm_up: bool = True
    #: For tests only: "host:port" pairs whose *first* hop may be local (see fetch_url).
    fetch_allow_hosts: frozenset[str] = field(default_factory=frozenset)


class Overloaded(KurzgefasstError):
    code = "overloaded"
    http_status = 503


class UnsupportedMediaType(KurzgefasstError):
    code = "unsupported_media_type"
    http_status = 415


class InvalidJSON(KurzgefasstError):
    code = "invalid_json"
    http_status = 400


class InvalidRequest(KurzgefasstError):
    code = "invalid_request"
    http_status = 422

    def __init__(self, message: str, fields: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.fields = fields or []


class InternalError(KurzgefasstError):
    code = "internal_error"
    http_status = 500


# --- request and response models (they also document the API at /openapi.json) ---


class SummarizeRequest(BaseModel):
    """Give exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str | None = Field(None, description="Article as plain text (paragraphs: blank lines).")
    html: str | None = Field(None, description="Article page as HTML.")
    url: str | None = Field(
        None, max_length=2048, description="http(s) URL of a public article page."
    )
    title: str | None = Field(None, max_length=500, description="Headline, if the text has none.")
    bullets: int = Field(3, ge=1, le=MAX_BULLETS, description="Number of bullets.")
    engine: str = Field("extractive", description="extractive | lead | llm (if configured).")
    format: Literal["json", "text", "markdown", "html"] = Field(
        "json", description="json: the Summary object; otherwise the rendered summary."
    )
    include_source: bool = Field(
        False, description="json: add `source_text`, the text evidence offsets point into."
    )
    tighten: bool = Field(True, description="Shorten bullets; false keeps whole sentences.")
    max_chars: int = Field(200, ge=60, le=2000, description="Longest bullet in characters.")

    @field_validator("engine")
    @classmethod
    def _known_engine(cls, value: str) -> str:
        if value not in ENGINES:
            raise ValueError(f"unknown engine {value!r}; choose one of {', '.join(ENGINES)}")
        return value

    @model_validator(mode="after")
    def _one_source(self) -> SummarizeRequest:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class EvidenceModel(BaseModel):
    text: str
    start: int = Field(description="Offset into source_text (Unicode code points).")
    end: int
    sentence: int


class BulletModel(BaseModel):
    text: str
    evidence: list[EvidenceModel]
    engine: str
    edits: list[str]


class SummaryModel(BaseModel):
    """Exactly ``Summary.to_dict()``, the CLI's ``--format json``."""

    title: str | None
    bullets: list[BulletModel]
    engine: str
    warnings: list[str]
    timings_ms: dict[str, float]
    dateline: str | None
    credit: str | None
    removed: list[dict[str, str]]
    metadata: dict[str, str]
    requested_bullets: int
    schema_version: int
    source_text: str | None = Field(None, description="Only with include_source.")


class ErrorDetail(BaseModel):
    type: str
    message: str


class ErrorModel(BaseModel):
    error: ErrorDetail


# --- the work queue ---


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
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))

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
        self.queue = WorkQueue(self.config.workers, self.config.queue)
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
                url,
                timeout=self.config.fetch_timeout,
                max_bytes=self.config.max_html_bytes,
                allow_private=False,
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
        if any("engine gave no bullets" in w for w in data.get("warnings", [])):
            # A fallback while the model server is down is not the answer to keep: once the
            # server is back, the same request must reach it again.
            return data
        try:
            await run_in_threadpool(self.store.put, key, data)
        except Exception:
            log.exception("kurzgefasst: writing the summary store failed")
        return data


# --- HTTP plumbing ---


class SecurityHeaders:
    """Headers every response carries; the CSP lets the page run only its own files."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Content-Security-Policy", CSP)
                if scope["path"].startswith("/v1/"):
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def error_response(
    status: int, kind: str, message: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return JSONResponse(
        {"error": {"type": kind, "message": message, **extra}}, status_code=status, headers=headers
    )


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refusing it (413) as soon as it is known to exceed ``limit``."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise InvalidJSON("invalid Content-Length header")
        if int(declared) > limit:
            raise InputTooLargeError(f"the request has {int(declared):,} bytes; limit {limit:,}")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise InputTooLargeError(f"the request body exceeds {limit:,} bytes")
    return bytes(body)


def parse_request(body: bytes) -> SummarizeRequest:
    try:
        return SummarizeRequest.model_validate_json(body)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
        if any(e["type"] == "json_invalid" for e in errors):
            raise InvalidJSON("the body is not valid JSON") from None
        if any(e["type"] == "model_type" for e in errors) and not errors[0]["loc"]:
            raise InvalidRequest("the body must be a JSON object") from None
        fields = [
            {"field": ".".join(str(part) for part in e["loc"]) or "body", "message": e["msg"]}
            for e in errors
        ]
        message = "; ".join(f"{f['field']}: {f['message']}" for f in fields)
        raise InvalidRequest(message, fields) from None


def is_json(content_type: str) -> bool:
    media = content_type.split(";")[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def summary_response(data: dict[str, Any], fmt: str, include_source: bool, cache: str) -> Response:
    headers = {CACHE_HEADER: cache}
    if fmt == "json":
        body = dict(data)
        if not include_source:
            body.pop("source_text", None)
        return JSONResponse(body, headers=headers)
    text = render(summary_from_dict(data), fmt)
    return Response(text, media_type=f"{MEDIA_TYPES[fmt]}; charset=utf-8", headers=headers)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorModel, "description": description}
    for status, description in {
        400: "Not German, no article found, unsafe URL or invalid JSON",
        413: "Request or article too large",
        415: "Content-Type is not application/json",
        422: "Invalid fields",
        502: "The URL could not be fetched",
        503: "The server is busy: retry after the Retry-After seconds",
        504: "Fetching the URL took too long",
    }.items()
}


def create_app(config: ServiceConfig | None = None) -> FastAPI:
    """The ASGI app; run it with uvicorn (``kurzgefasst serve`` does)."""
    config = config or ServiceConfig()
    service = Service(config)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await service.start()
        try:
            yield
        finally:
            service.stop()

    app = FastAPI(
        title="kurzgefasst",
        version=__version__,
        summary="Trustworthy bullet summaries (Zusammenfassung) of German news articles.",
        docs_url=None,  # FastAPI's Swagger UI loads from a CDN: our own page serves /docs
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.service = service
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(KurzgefasstError)
    async def _known(request: Request, exc: KurzgefasstError) -> JSONResponse:
        headers = {"Retry-After": "1"} if exc.http_status == 503 else None
        extra = {"fields": exc.fields} if isinstance(exc, InvalidRequest) else {}
        return error_response(exc.http_status, exc.code, str(exc), headers, **extra)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        kinds = {404: "not_found", 405: "method_not_allowed"}
        return error_response(
            exc.status_code, kinds.get(exc.status_code, "http_error"), str(exc.detail),
            getattr(exc, "headers", None),
        )  # fmt: skip

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_request", "; ".join(e["msg"] for e in exc.errors()))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("kurzgefasst: unexpected error", exc_info=exc)
        return error_response(500, "internal_error", "internal error; see the server log")

    @app.post(
        "/v1/summarize",
        summary="Summarize one German article",
        response_model=None,
        responses={
            200: {
                "model": SummaryModel,
                "description": "The summary (json), or rendered as text, Markdown or HTML. "
                f"Header {CACHE_HEADER}: hit (from the store), miss (computed for this "
                "request) or shared (computed once for identical requests in flight).",
                "content": {f"{m}; charset=utf-8": {} for m in MEDIA_TYPES.values()},
            },
            **ERROR_RESPONSES,
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": SummarizeRequest.model_json_schema()}},
            }
        },
    )
    async def summarize(request: Request) -> Response:
        if not is_json(request.headers.get("content-type", "")):
            raise UnsupportedMediaType("send the request as JSON (Content-Type: application/json)")
        body = await read_body(request, config.max_body_bytes)
        req = parse_request(body)
        try:
            options = Options(
                bullets=req.bullets,
                engine=req.engine,
                max_chars=req.max_chars,
                tighten=req.tighten,
                max_input_bytes=config.max_text_bytes,
            )
        except ConfigurationError as exc:
            raise InvalidRequest(str(exc)) from None
        url = None
        if req.url is not None:
            page = await service.fetch(req.url)
            kind, content, url = "html", page.html, page.url
        elif req.html is not None:
            kind, content = "html", req.html.encode("utf-8")
        else:
            kind, content = "text", (req.text or "").encode("utf-8")
        if kind == "html":
            options = replace(options, max_input_bytes=config.max_html_bytes)
        if len(content) > options.max_input_bytes:
            raise InputTooLargeError(
                f"the {kind} has {len(content):,} bytes; the limit is {options.max_input_bytes:,}"
            )
        key = cache_key(content, options, kind=kind, title=req.title, url=url)
        data = await service.cached(key)
        cache = "hit"
        if data is None:
            job = worker.Job(kind, content, options, req.title, url)
            data, cache = await service.summarize(key, job)
        return summary_response(data, req.format, req.include_source, cache)

    @app.get("/v1/health", summary="Is the server up?")
    async def health() -> dict[str, Any]:
        assert service.queue is not None and service.store is not None
        return {
            "status": "ok",
            "version": __version__,
            "engines": sorted(ENGINES),
            "workers": service.queue.workers,
            "queue": {"capacity": service.queue.capacity, "pending": service.queue.pending},
            "cached_summaries": await run_in_threadpool(len, service.store),
        }

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
