"""HTTP API and web page (`kurzgefasst serve`); needs the ``[service]`` extra.

``ServiceConfig`` imports without it (``kurzgefasst serve --help`` shows its defaults);
``create_app`` loads FastAPI when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import ServiceConfig

if TYPE_CHECKING:
    from .app import create_app

__all__ = ["ServiceConfig", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
