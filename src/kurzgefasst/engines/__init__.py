"""Engine registry: names → classes, imported lazily so optional engines cost nothing."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any

from ..contracts import Candidate
from ..errors import ConfigurationError
from .base import Engine

__all__ = ["ENGINES", "Candidate", "Engine", "create_engine"]

ENGINES: dict[str, str] = {
    "extractive": "kurzgefasst.engines.extractive:ExtractiveEngine",
    "lead": "kurzgefasst.engines.lead:LeadEngine",
    "llm": "kurzgefasst.engines.llm:LLMEngine",
}


def create_engine(name: str, settings: Mapping[str, Any] | None = None) -> Engine:
    """The engine ``name`` with its own settings (``Options.engine_options``).

    An unknown name, an engine whose extra is not installed, or settings the engine refuses
    are a ConfigurationError; nothing falls back silently.
    """
    try:
        target = ENGINES[name]
    except KeyError:
        raise ConfigurationError(
            f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}"
        ) from None
    module_name, class_name = target.split(":")
    try:
        cls = getattr(import_module(module_name), class_name)
    except ImportError as exc:
        raise ConfigurationError(f"engine {name!r} is not available: {exc}") from exc
    engine: Engine = cls(dict(settings or {}))
    return engine
