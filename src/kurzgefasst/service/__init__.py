"""HTTP API and web page (`kurzgefasst serve`); needs the ``[service]`` extra."""

from .app import ServiceConfig, create_app

__all__ = ["ServiceConfig", "create_app"]
