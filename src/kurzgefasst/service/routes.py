"""The API's routes: POST /v1/summarize and GET /v1/health."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from .. import __version__
from ..engines import ENGINES
from ..errors import ConfigurationError, InputTooLargeError
from ..options import Options
from . import worker
from .core import Service
from .errors import ERROR_STATUSES, InvalidRequest, UnsupportedMediaType
from .models import ErrorModel, SummarizeRequest, SummaryModel, parse_request
from .plumbing import CACHE_HEADER, MEDIA_TYPES, is_json, read_body, summary_response
from .store import cache_key

router = APIRouter()

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorModel, "description": description}
    for status, description in ERROR_STATUSES.items()
}


def service_of(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


@router.post(
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
    service = service_of(request)
    config = service.config
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


@router.get("/v1/health", summary="Is the server up?")
async def health(request: Request) -> dict[str, Any]:
    service = service_of(request)
    assert service.queue is not None and service.store is not None
    return {
        "status": "ok",
        "version": __version__,
        "engines": sorted(ENGINES),
        "workers": service.queue.workers,
        "queue": {"capacity": service.queue.capacity, "pending": service.queue.pending},
        "cached_summaries": await run_in_threadpool(len, service.store),
    }
