"""HTTP plumbing: security headers, a size-checked body, the content type, the summary answer."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import InputTooLargeError
from ..render import OUTPUT_FORMATS, render
from ..summary import Summary
from .errors import InvalidJSON

CACHE_HEADER = "X-Kurzgefasst-Cache"
#: The rendered formats (everything but json) and their media types.
MEDIA_TYPES = {name: f.media_type for name, f in OUTPUT_FORMATS.items() if name != "json"}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


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
    return rendered_response(Summary.from_dict(data), fmt, headers)


def rendered_response(
    summary: Summary,
    fmt: str,
    headers: dict[str, str] | None = None,
    *,
    heading: str | None = None,
    evidence: bool = False,
) -> Response:
    text = render(summary, fmt, heading=heading, evidence=evidence)
    media_type = OUTPUT_FORMATS[fmt].media_type
    return Response(text, media_type=f"{media_type}; charset=utf-8", headers=headers)
