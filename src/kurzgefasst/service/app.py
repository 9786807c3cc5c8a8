"""The HTTP API and web page (`kurzgefasst serve`): FastAPI app factory.

Safe to expose: the body is size-checked before it is parsed, every failure is a JSON error
with a status and a type (never a traceback), CPU work runs in a bounded pool off the event loop
(a full queue answers 503 at once instead of piling up), URLs are fetched with every private
address refused, and the page escapes all article text and runs only its own script.

The parts live apart: ``config`` (ServiceConfig), ``models`` (request and response models),
``errors`` (error types and handlers), ``routes`` (the API), ``check_route`` (POST
/v1/check), ``pages`` (web page and static
files), ``core`` (the Service: store, queue, requests in flight), ``workqueue``, ``plumbing``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from .. import __version__
from .check_route import router as check_router
from .config import ServiceConfig
from .core import Service
from .errors import add_error_handlers
from .pages import add_pages
from .plumbing import SecurityHeaders
from .routes import router

__all__ = ["ServiceConfig", "create_app"]


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
    add_error_handlers(app)
    app.include_router(router)
    app.include_router(check_router)
    add_pages(app)
    return app
