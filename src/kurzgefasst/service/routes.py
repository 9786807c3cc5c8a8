"""The API's routes: POST /v1/summarize, POST /v1/render, GET /v1/formats, GET /v1/health."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from .. import __version__
from ..errors import ConfigurationError, InputTooLargeError
from ..options import Options
from ..render import OUTPUT_FORMATS
from ..summary import Summary
from . import worker
from .core import Service
from .errors import ERROR_STATUSES, EngineNotConfigured, InvalidRequest, UnsupportedMediaType
from .models import (
    ErrorModel,
    FormatModel,
    RenderRequest,
    SummarizeRequest,
    SummaryModel,
    parse_request,
)
from .plumbing import (
    CACHE_HEADER,
    MEDIA_TYPES,
    is_json,
    read_body,
    rendered_response,
    summary_response,
)
from .store import cache_key

router = APIRouter()

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorModel, "description": description}
    for status, description in ERROR_STATUSES.items()
}


#: The summary in it refers to the models /v1/summarize's answer adds to the components.
RENDER_REQUEST_SCHEMA = RenderRequest.model_json_schema(ref_template="#/components/schemas/{model}")
del RENDER_REQUEST_SCHEMA["$defs"]


def service_of(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


async def json_body(request: Request, limit: int) -> bytes:
    if not is_json(request.headers.get("content-type", "")):
        raise UnsupportedMediaType("send the request as JSON (Content-Type: application/json)")
    return await read_body(request, limit)


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
    req = parse_request(await json_body(request, config.max_body_bytes), SummarizeRequest)
    if req.engine not in config.engines():
        raise EngineNotConfigured(
            f"the {req.engine} engine is not set up on this server; choose one of "
            f"{', '.join(config.engines())} (GET /v1/health lists them)",
            details={"engine": req.engine, "engines": config.engines()},
        )
    try:
        options = Options(
            bullets=req.bullets,
            engine=req.engine,
            engine_options=config.engine_options(req.engine),
            max_chars=req.max_chars,
            tighten=req.tighten,
            # The article text has the same limit whether it was pasted, or extracted from
            # HTML or a fetched page: the summarizing stages cost by the article text.
            max_input_bytes=config.max_text_bytes,
            max_html_bytes=config.max_html_bytes,
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
    limit = options.max_html_bytes if kind == "html" else options.max_input_bytes
    if len(content) > limit:
        raise InputTooLargeError(f"the {kind} has {len(content):,} bytes; the limit is {limit:,}")
    key = cache_key(content, options, kind=kind, title=req.title, url=url)
    data = await service.cached(key)
    cache = "hit"
    if data is None:
        job = worker.Job(kind, content, options, req.title, url)
        data, cache = await service.summarize(key, job)
    return summary_response(data, req.format, req.include_source, cache)


@router.post(
    "/v1/render",
    summary="Render a summary (as format=json answered it) in another format",
    response_model=None,
    responses={
        200: {
            "description": "The rendered summary; the web page's copy buttons use it.",
            "content": {f"{m}; charset=utf-8": {} for m in MEDIA_TYPES.values()},
        },
        **{status: ERROR_RESPONSES[status] for status in (400, 413, 415, 422)},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": RENDER_REQUEST_SCHEMA}},
        }
    },
)
async def render_summary(request: Request) -> Response:
    body = await json_body(request, service_of(request).config.max_body_bytes)
    req = parse_request(body, RenderRequest)
    summary: BaseModel = req.summary
    return rendered_response(
        Summary.from_dict(summary.model_dump(exclude_none=True)),
        req.format,
        heading=req.heading,
        evidence=req.evidence,
    )


@router.get("/v1/formats", summary="The output formats", response_model=list[FormatModel])
async def formats() -> list[dict[str, str]]:
    return [
        {"name": f.name, "label": f.label, "media_type": f.media_type}
        for f in OUTPUT_FORMATS.values()
    ]


@router.get("/v1/health", summary="Is the server up?")
async def health(request: Request) -> dict[str, Any]:
    service = service_of(request)
    assert service.queue is not None and service.store is not None
    return {
        "status": "ok",
        "version": __version__,
        "engines": service.config.engines(),
        "workers": service.queue.workers,
        "queue": {"capacity": service.queue.capacity, "pending": service.queue.pending},
        "cached_summaries": await run_in_threadpool(len, service.store),
    }
