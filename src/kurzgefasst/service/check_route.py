"""POST /v1/check: a box written anywhere, checked against its article (the editor's live guard).

The same ``check_box`` as the Python API and ``kurzgefasst check``; answered in the thread pool
(checking a box is a few guard checks, tens of milliseconds) and never cached, because an
editor changes the box between requests.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.concurrency import run_in_threadpool

from ..check import check_box
from ..options import Options
from .errors import ERROR_STATUSES
from .models import ErrorModel, parse_request
from .routes import json_body, service_of

router = APIRouter()

#: More bullets than any box has; a box of 200 lines is a mistake, not a box.
MAX_BOX_BULLETS = 20


class CheckRequest(BaseModel):
    """The article (exactly one of ``text``, ``html``, ``url``) and the box to check."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str | None = Field(None, description="Article as plain text (paragraphs: blank lines).")
    html: str | None = Field(None, description="Article page as HTML.")
    url: str | None = Field(
        None, max_length=2048, description="http(s) URL of a public article page."
    )
    title: str | None = Field(None, max_length=500, description="Headline, if the text has none.")
    bullets: list[str] = Field(
        min_length=1, max_length=MAX_BOX_BULLETS, description="The box: one string per bullet."
    )
    include_source: bool = Field(
        False, description="Add `source_text`, the text the evidence offsets point into."
    )

    @model_validator(mode="after")
    def _one_source(self) -> CheckRequest:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class ProblemModel(BaseModel):
    code: str = Field(description="numbers | names | quotes | attribution | evidence | standalone")
    message: str = Field(description="What is wrong, in German, for the editor.")
    detail: str = Field(description="The guard's own wording (English).")


class EvidenceModel(BaseModel):
    text: str
    start: int
    end: int
    sentence: int


class BulletCheckModel(BaseModel):
    text: str
    ok: bool
    problems: list[ProblemModel]
    evidence: list[EvidenceModel]


class BoxCheckModel(BaseModel):
    """Exactly ``BoxCheck.to_dict()``, the CLI's ``kurzgefasst check --format json``."""

    ok: bool = Field(description="True when every bullet passes.")
    title: str | None
    bullets: list[BulletCheckModel]
    source_text: str | None = None


@router.post(
    "/v1/check",
    summary="Check a summary box against its article",
    response_model=BoxCheckModel,
    response_model_exclude_none=True,
    responses={
        status: {"model": ErrorModel, "description": description}
        for status, description in ERROR_STATUSES.items()
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": CheckRequest.model_json_schema()}},
        }
    },
)
async def check(request: Request) -> dict[str, Any]:
    service = service_of(request)
    config = service.config
    req = parse_request(await json_body(request, config.max_body_bytes), CheckRequest)
    options = Options(max_input_bytes=config.max_text_bytes, max_html_bytes=config.max_html_bytes)
    if req.url is not None:
        article: str | bytes = (await service.fetch(req.url)).html
    else:
        article = req.html if req.html is not None else req.text or ""
    result = await run_in_threadpool(
        check_box, article, req.bullets, title=req.title, options=options
    )
    return result.to_dict(include_source=req.include_source)
