"""Summary → text | markdown | json | html. HTML is a small self-contained box, all text escaped."""

from __future__ import annotations

import html
import json
from typing import Literal

from .summary import Summary

Format = Literal["text", "markdown", "json", "html"]
FORMATS: tuple[str, ...] = ("text", "markdown", "json", "html")


def to_text(summary: Summary) -> str:
    return "\n".join(f"• {b.text}" for b in summary.bullets)


def to_markdown(summary: Summary) -> str:
    lines = ["**Zusammenfassung**", ""]
    lines += [f"- {b.text}" for b in summary.bullets]
    return "\n".join(lines)


def to_json(summary: Summary, *, include_source: bool = False) -> str:
    return json.dumps(summary.to_dict(include_source=include_source), ensure_ascii=False, indent=2)


_BOX_STYLE = (
    "border-left:4px solid #c4001a;background:#f6f6f4;padding:12px 16px;margin:0 0 16px;"
    "font-family:Georgia,serif;max-width:42em"
)


def to_html(summary: Summary) -> str:
    items = "\n".join(f"    <li>{html.escape(b.text)}</li>" for b in summary.bullets)
    return (
        f'<aside class="kurzgefasst-summary" style="{_BOX_STYLE}">\n'
        '  <h2 style="font:bold 1rem sans-serif;margin:0 0 8px">Zusammenfassung</h2>\n'
        f'  <ul style="margin:0;padding-left:1.2em;line-height:1.45">\n{items}\n  </ul>\n</aside>'
    )


def render(summary: Summary, fmt: str = "text") -> str:
    if fmt == "text":
        return to_text(summary)
    if fmt == "markdown":
        return to_markdown(summary)
    if fmt == "json":
        return to_json(summary)
    if fmt == "html":
        return to_html(summary)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
