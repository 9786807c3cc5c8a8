"""Request and response models of the HTTP API; they also document it at /openapi.json."""

from __future__ import annotations

import dataclasses
import types
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)

from ..engines import ENGINES
from ..options import DEFAULTS, MAX_BULLETS, MIN_CHARS
from ..render import FORMATS
from ..schema import field_types
from ..summary import EXTRA_KEYS, ON_REQUEST, Summary
from .errors import InvalidJSON, InvalidRequest

if TYPE_CHECKING:
    FormatName = str
else:  # the registry's names, so the OpenAPI document lists them (enum)
    FormatName = Literal[FORMATS]


#: What each field of the answer means, for /openapi.json and /docs (a field's own
#: ``metadata["doc"]`` in summary.py wins). Markdown: /docs renders it.
FIELD_DOCS: dict[tuple[str, str], str] = {
    ("Evidence", "text"): "The source sentence, exactly as in `source_text`.",
    ("Evidence", "end"): "End offset into `source_text` (Unicode code points, exclusive).",
    ("Evidence", "sentence"): "Index of the sentence in the article (0 = first).",
    ("Bullet", "text"): "The bullet: one complete German sentence.",
    ("Bullet", "evidence"): "The article sentences the bullet rests on.",
    ("Bullet", "engine"): "Engine that proposed it (differs from `engine` when `llm` fell back).",
    ("Bullet", "edits"): "What the bullet stage or the guard changed, e.g. `dateline removed`.",
    ("Rejection", "text"): "The candidate bullet the reader does not see.",
    ("Rejection", "engine"): "Engine that proposed it.",
    ("Rejection", "reasons"): "Why it was rejected (the guard's or the bullet stage's words).",
    ("Summary", "title"): "The article's headline (`null` if none was found or given).",
    ("Summary", "bullets"): "The box: bullets in article order, each with its evidence.",
    ("Summary", "engine"): "Engine that made the summary: `extractive`, `lead` or `llm`.",
    ("Summary", "warnings"): "Notices in English (fewer bullets than asked, a bullet repaired, …).",
    ("Summary", "timings_ms"): "Milliseconds per stage and `total`; differs from run to run.",
    ("Summary", "source_text"): "The text the evidence offsets point into; only with "
    "`include_source`.",
    ("Summary", "dateline"): "Dateline removed before summarizing, e.g. `Berlin (dpa)`.",
    ("Summary", "credit"): "Photo credit removed before summarizing, e.g. `Foto: dpa/…`.",
    ("Summary", "removed"): "Other parts removed before summarizing: `{kind, text}` with kind "
    "`summary_box`, `related`, `hashtags`, `newsletter`, `boilerplate`, `credit` or `title`.",
    ("Summary", "metadata"): "What the HTML page said about itself: `url`, `date`, `sitename`, "
    "`author`, `description`, `hostname` (those present).",
    ("Summary", "requested_bullets"): "The number of bullets asked for.",
    ("Summary", "rejected"): "Candidate bullets that were replaced, with the reasons.",
    ("Summary", "schema_version"): "Version of this JSON; fields may be added, never renamed.",
    ("Summary", "notices"): "The warnings with stable codes (`few_bullets`, `guard_repaired`, …).",
}


class SummarizeRequest(BaseModel):
    """Give exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str | None = Field(None, description="Article as plain text (paragraphs: blank lines).")
    html: str | None = Field(None, description="Article page as HTML.")
    url: str | None = Field(
        None, max_length=2048, description="http(s) URL of a public article page."
    )
    title: str | None = Field(None, max_length=500, description="Headline, if the text has none.")
    bullets: int = Field(DEFAULTS.bullets, ge=1, le=MAX_BULLETS, description="Number of bullets.")
    engine: str = Field(DEFAULTS.engine, description="extractive | lead | llm (if configured).")
    format: FormatName = Field(
        "json", description="json: the Summary object; otherwise the rendered summary."
    )
    include_source: bool = Field(
        False, description="json: add `source_text`, the text evidence offsets point into."
    )
    tighten: bool = Field(
        DEFAULTS.tighten, description="Shorten bullets; false keeps whole sentences."
    )
    max_chars: int = Field(
        DEFAULTS.max_chars, ge=MIN_CHARS, le=2000, description="Longest bullet in characters."
    )

    @field_validator("engine")
    @classmethod
    def _known_engine(cls, value: str) -> str:
        if value not in ENGINES:
            raise ValueError(f"unknown engine {value!r}; choose one of {', '.join(ENGINES)}")
        return value

    @model_validator(mode="after")
    def _one_source(self) -> SummarizeRequest:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


def response_model(
    cls: type, extra: dict[str, Any] | None = None, *, doc: str | None = None
) -> type[BaseModel]:
    """A pydantic model of ``cls``'s JSON (``schema.to_json_value``), read from its fields.

    Nested result dataclasses become models of their own (``Bullet`` → ``BulletModel``); a
    field's ``metadata["doc"]`` is its description; ``extra`` adds keys that are no field.
    """
    fields: dict[str, Any] = {}
    for spec in dataclasses.fields(cls):
        description = spec.metadata.get("doc") or FIELD_DOCS.get((cls.__name__, spec.name))
        tp = _json_type(field_types(cls)[spec.name])
        if cls is Summary and spec.name in ON_REQUEST:
            fields[spec.name] = (tp | None, Field(None, description=description))
        else:
            fields[spec.name] = (tp, Field(description=description))
    for name, tp in (extra or {}).items():
        fields[name] = (tp, Field(description=FIELD_DOCS.get((cls.__name__, name))))
    if cls is Summary:  # the keys in the order the JSON has them
        order = list(Summary(bullets=[], engine="").to_dict(include_source=True))
        fields = {name: fields[name] for name in order}
    if doc is None and not (cls.__doc__ or "").startswith(f"{cls.__name__}("):
        doc = cls.__doc__  # a docstring of its own, not the one dataclass() writes
    model: type[BaseModel] = create_model(f"{cls.__name__}Model", __doc__=doc, **fields)
    return model


def _json_type(tp: Any) -> Any:
    """``tp`` as the JSON has it: dataclasses as their models, tuples as lists."""
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return response_model(tp)
    origin, args = get_origin(tp), get_args(tp)
    if origin in (tuple, list):
        return types.GenericAlias(list, (_json_type(args[0]),))
    if origin is dict:
        return types.GenericAlias(dict, (args[0], _json_type(args[1])))
    if origin in (Union, types.UnionType):
        return Union[tuple(_json_type(arg) for arg in args)]  # noqa: UP007
    return tp


SummaryModel = response_model(
    Summary, EXTRA_KEYS, doc="Exactly ``Summary.to_dict()``, the CLI's ``--format json``."
)


class RenderRequest(BaseModel):
    """A summary as ``format=json`` answered it, to be rendered in another format."""

    model_config = ConfigDict(extra="forbid")

    summary: SummaryModel  # type: ignore[valid-type]
    format: FormatName = Field(description="The output format (see GET /v1/formats).")
    heading: str | None = Field(
        None,
        max_length=80,
        description='Box heading of markdown and html ("" for none; default '
        '"Zusammenfassung"), e.g. "Das Wichtigste in Kürze"; text gets it as its first line.',
    )
    evidence: bool = Field(False, description="Show each bullet's source sentences.")


class FormatModel(BaseModel):
    name: str
    label: str = Field(description="What a copy button for it says.")
    media_type: str


class ErrorDetail(BaseModel):
    type: str
    message: str


class ErrorModel(BaseModel):
    error: ErrorDetail


Request = TypeVar("Request", bound=BaseModel)


def parse_request(body: bytes, model: type[Request]) -> Request:
    """The request, or the error a client can act on (invalid JSON, or which fields are wrong)."""
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
        if any(e["type"] == "json_invalid" for e in errors):
            raise InvalidJSON("the body is not valid JSON") from None
        if any(e["type"] == "model_type" for e in errors) and not errors[0]["loc"]:
            raise InvalidRequest("the body must be a JSON object") from None
        fields = [
            {"field": ".".join(str(part) for part in e["loc"]) or "body", "message": e["msg"]}
            for e in errors
        ]
        message = "; ".join(f"{f['field']}: {f['message']}" for f in fields)
        raise InvalidRequest(message, fields) from None
