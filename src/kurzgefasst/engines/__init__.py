"""Engine registry: names → classes, imported lazily so optional engines cost nothing."""

from __future__ import annotations

from importlib import import_module

from ..errors import ConfigurationError
from ..options import Options
from .base import Candidate, Engine

__all__ = ["ENGINES", "Candidate", "Engine", "create_engine"]

ENGINES: dict[str, str] = {
    "extractive": "kurzgefasst.engines.extractive:ExtractiveEngine",
    "lead": "kurzgefasst.engines.lead:LeadEngine",
    "llm": "kurzgefasst.engines.llm:LLMEngine",
}


def create_engine(name: str, options: Options) -> Engine:
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
    try:
        return cls(options)
    except TypeError:
        return cls()
