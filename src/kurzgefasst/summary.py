"""Summary, Bullet and Evidence: the result every face (API, CLI, service, batch) returns.

``Summary.to_dict()`` is the stable JSON contract:
``{"title", "bullets": [{"text", "evidence": [{"text", "start", "end"}]}], "engine",
"warnings", "timings_ms"}``; fields may be added, these are never renamed or removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Evidence:
    """A source sentence a bullet rests on, with offsets into ``Summary.source_text``."""

    text: str
    start: int
    end: int
    sentence: int  # index of the sentence in the Document

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "sentence": self.sentence}


@dataclass(frozen=True)
class Bullet:
    text: str
    evidence: tuple[Evidence, ...]
    #: Engine that proposed it (differs from Summary.engine when the LLM engine fell back).
    engine: str
    #: What the bullet stage or the guard changed ("dateline removed", "pronoun resolved", …).
    edits: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "evidence": [e.to_dict() for e in self.evidence],
            "engine": self.engine,
            "edits": list(self.edits),
        }


@dataclass(frozen=True)
class Rejection:
    """A candidate bullet the reader does not see, and why ("numbers: '84' does not occur …")."""

    text: str
    engine: str
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "engine": self.engine, "reasons": list(self.reasons)}


@dataclass
class Summary:
    bullets: list[Bullet]
    engine: str
    title: str | None = None
    warnings: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    #: The text that evidence offsets point into (pasted text or text extracted from HTML).
    source_text: str = ""
    dateline: str | None = None
    credit: str | None = None
    removed: list[dict[str, str]] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    requested_bullets: int = 3
    #: Generated or guard-rejected candidates that were replaced, with the reasons.
    rejected: list[Rejection] = field(default_factory=list)

    def to_dict(self, *, include_source: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": self.title,
            "bullets": [b.to_dict() for b in self.bullets],
            "engine": self.engine,
            "warnings": list(self.warnings),
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
            "dateline": self.dateline,
            "credit": self.credit,
            "removed": self.removed,
            "metadata": self.metadata,
            "requested_bullets": self.requested_bullets,
            "schema_version": SCHEMA_VERSION,
            "rejected": [r.to_dict() for r in self.rejected],
        }
        if include_source:
            data["source_text"] = self.source_text
        return data

    @property
    def texts(self) -> list[str]:
        return [b.text for b in self.bullets]
