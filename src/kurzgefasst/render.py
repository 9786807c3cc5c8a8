"""Summary → text | markdown | json | html. HTML is a small self-contained box, all text escaped.

``OUTPUT_FORMATS`` is the one registry of output formats: the CLI's ``--format`` choices, the
service's ``format`` field, media types and ``POST /v1/render``, and the web page's copy
buttons (it asks ``GET /v1/formats`` and the API renders; it has no renderer of its own).
To add a format, write a function ``Summary -> str`` and register it below.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass

from .summary import Summary


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


@dataclass(frozen=True)
class OutputFormat:
    name: str
    #: What the web page's copy button says.
    label: str
    media_type: str
    render: Callable[[Summary], str]


OUTPUT_FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("text", "Text", "text/plain", to_text),
        OutputFormat("markdown", "Markdown", "text/markdown", to_markdown),
        OutputFormat("json", "JSON", "application/json", to_json),
        OutputFormat("html", "HTML", "text/html", to_html),
    )
}
FORMATS: tuple[str, ...] = tuple(OUTPUT_FORMATS)


def render(summary: Summary, fmt: str = "text") -> str:
    try:
        output = OUTPUT_FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return output.render(summary)
