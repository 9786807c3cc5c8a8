"""The service's own errors and how every failure becomes a JSON error (never a traceback)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import KurzgefasstError

log = logging.getLogger("kurzgefasst.service")


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


class EngineNotConfigured(KurzgefasstError):
    """The request names an engine this server was not started with (GET /v1/health lists
    the ones it has)."""

    code = "engine_not_configured"
    http_status = 422


class InternalError(KurzgefasstError):
    code = "internal_error"
    http_status = 500


#: What each error status means, for the OpenAPI document.
ERROR_STATUSES: dict[int, str] = {
    400: "Not German, no article found, unsafe URL or invalid JSON",
    413: "Request or article too large",
    415: "Content-Type is not application/json",
    422: "Invalid fields",
    502: "The URL could not be fetched",
    503: "The server is busy: retry after the Retry-After seconds",
    504: "Fetching the URL took too long",
}


def error_response(
    status: int, kind: str, message: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return JSONResponse(
        {"error": {"type": kind, "message": message, **extra}}, status_code=status, headers=headers
    )


def add_error_handlers(app: FastAPI) -> None:
    """Known errors keep their status and type; anything else is a logged 500."""

    @app.exception_handler(KurzgefasstError)
    async def _known(request: Request, exc: KurzgefasstError) -> JSONResponse:
        headers = {"Retry-After": "1"} if exc.http_status == 503 else None
        extra: dict[str, Any] = {"fields": exc.fields} if isinstance(exc, InvalidRequest) else {}
        if exc.details:  # facts behind the message, e.g. {"language": "en"} for not_german
            extra["details"] = exc.details
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
