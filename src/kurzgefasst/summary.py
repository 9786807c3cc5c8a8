"""Summary, Bullet and Evidence: the result every face (API, CLI, service, batch) returns.

``Summary.to_dict()`` is the stable JSON contract:
``{"title", "bullets": [{"text", "evidence": [{"text", "start", "end"}]}], "engine",
"warnings", "timings_ms", "notices": [{"code", "message"}]}``; fields may be added, these are
never renamed or removed.
The JSON is derived from the dataclass fields (``schema.py``): a field added here is written by
``to_dict``, read by ``from_dict`` and listed in the service's OpenAPI schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .contracts import Notice
from .schema import from_json_value, to_json_value

SCHEMA_VERSION = 1
#: Keys of ``Summary.to_dict()`` that are no field, with their type.
EXTRA_KEYS: dict[str, type] = {"schema_version": int}
#: Fields that ``Summary.to_dict()`` writes only when asked (``include_source=True``).
ON_REQUEST = ("source_text",)
#: The order of the JSON keys (fields not listed follow in field order, then ON_REQUEST).
_KEY_ORDER = (
    "title", "bullets", "engine", "warnings", "timings_ms", "dateline", "credit", "removed",
    "metadata", "requested_bullets", "schema_version", "rejected",
)  # fmt: skip


@dataclass(frozen=True)
class Evidence:
    """A source sentence a bullet rests on, with offsets into ``Summary.source_text``."""

    text: str
    start: int = field(metadata={"doc": "Offset into source_text (Unicode code points)."})
    end: int
    sentence: int  # index of the sentence in the Document

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = to_json_value(self)
        return data


@dataclass(frozen=True)
class Bullet:
    text: str
    evidence: tuple[Evidence, ...]
    #: Engine that proposed it (differs from Summary.engine when the LLM engine fell back).
    engine: str
    #: What the bullet stage or the guard changed ("dateline removed", "pronoun resolved", …).
    edits: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = to_json_value(self)
        return data


@dataclass(frozen=True)
class Rejection:
    """A candidate bullet the reader does not see, and why ("numbers: '84' does not occur …")."""

    text: str
    engine: str
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = to_json_value(self)
        return data


@dataclass
class Summary:
    bullets: list[Bullet]
    engine: str
    title: str | None = None
    warnings: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    #: The text that evidence offsets point into (pasted text or text extracted from HTML).
    source_text: str = field(default="", metadata={"doc": "Only with include_source."})
    dateline: str | None = None
    credit: str | None = None
    removed: list[dict[str, str]] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    requested_bullets: int = 3
    #: Generated or guard-rejected candidates that were replaced, with the reasons.
    rejected: list[Rejection] = field(default_factory=list)
    #: The warnings with their codes (``contracts.NOTICES``): what programs decide by.
    notices: list[Notice] = field(default_factory=list)

    def to_dict(self, *, include_source: bool = False) -> dict[str, Any]:
        fields: dict[str, Any] = to_json_value(self)
        fields["timings_ms"] = {k: round(v, 2) for k, v in self.timings_ms.items()}
        fields["schema_version"] = SCHEMA_VERSION
        later = [name for name in fields if name not in _KEY_ORDER and name not in ON_REQUEST]
        keys = [*_KEY_ORDER, *later, *(ON_REQUEST if include_source else ())]
        return {key: fields[key] for key in keys}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Summary:
        """The Summary that ``to_dict()`` wrote (to render it again, or to check it)."""
        summary: Summary = from_json_value(cls, data)
        return summary

    @property
    def texts(self) -> list[str]:
        return [b.text for b in self.bullets]

    def render(self, fmt: str = "text", **style: Any) -> str:
        """The summary as ``text``, ``markdown``, ``json`` or ``html``; ``evidence=True``,
        ``heading="Das Wichtigste in Kürze"`` (see ``render.py``)."""
        from .render import render

        return render(self, fmt, **style)

    def to_markdown(self) -> str:
        return self.render("markdown")

    def __str__(self) -> str:
        # print(summary) shows the box as a reader sees it, not the dataclass with its source text.
        return self.render("text")

    def __repr__(self) -> str:
        title = self.title if self.title is None or len(self.title) <= 50 else self.title[:49] + "…"
        return (
            f"<Summary {len(self.bullets)} bullets, engine={self.engine!r}, title={title!r}, "
            f"{len(self.warnings)} warnings>"
        )
