"""Summary → text | markdown | json | html. HTML is a small self-contained box, all text escaped.

``OUTPUT_FORMATS`` is the one registry of output formats: the CLI's ``--format`` choices, the
service's ``format`` field, media types and ``POST /v1/render``, and the web page's copy
buttons (it asks ``GET /v1/formats`` and the API renders; it has no renderer of its own).
To add a format, write a function ``(summary, *, evidence, heading) -> str`` and register it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass

from .summary import Summary

#: Box headings newsrooms use; the web page offers them, any other text works too.
HEADINGS: tuple[str, ...] = (
    "Zusammenfassung",
    "Das Wichtigste in Kürze",
    "Das Wichtigste in Kürze:",
    "Kurz gesagt",
    "Darum geht's",
    "Auf einen Blick",
)
DEFAULT_HEADING = HEADINGS[0]


def _evidence_texts(summary: Summary, index: int) -> list[str]:
    return [" ".join(ev.text.split()) for ev in summary.bullets[index].evidence]


def to_text(summary: Summary, *, evidence: bool = False, heading: str | None = None) -> str:
    """One line per bullet (a heading line only when one is given); with ``evidence`` each
    bullet's source sentences with their offsets below it."""
    lines = [heading, ""] if heading else []
    for i, bullet in enumerate(summary.bullets, 1):
        lines.append(f"• {bullet.text}")
        if evidence:
            lines += [f"  [{i}] {ev.start}-{ev.end}: {ev.text}" for ev in bullet.evidence]
    return "\n".join(lines)


def to_markdown(summary: Summary, *, evidence: bool = False, heading: str = DEFAULT_HEADING) -> str:
    lines = [f"**{heading}**", ""] if heading else []
    for i, bullet in enumerate(summary.bullets):
        lines.append(f"- {bullet.text}")
        if evidence:
            lines += [f"  - Quelle: „{text}“" for text in _evidence_texts(summary, i)]
    return "\n".join(lines)


def to_json(
    summary: Summary,
    *,
    include_source: bool = False,
    evidence: bool = True,
    heading: str | None = None,
) -> str:
    """The JSON contract; it always carries each bullet's evidence (``evidence`` is accepted so
    that every format takes the same options)."""
    return json.dumps(summary.to_dict(include_source=include_source), ensure_ascii=False, indent=2)


_BOX_STYLE = (
    "border-left:4px solid #c4001a;background:#f6f6f4;padding:12px 16px;margin:0 0 16px;"
    "font-family:Georgia,serif;max-width:42em"
)
_EVIDENCE_STYLE = "margin:4px 0 6px;padding-left:1.1em;font:0.85em sans-serif;color:#555"


def to_html(summary: Summary, *, evidence: bool = False, heading: str = DEFAULT_HEADING) -> str:
    items = []
    for i, bullet in enumerate(summary.bullets):
        item = f"    <li>{html.escape(bullet.text)}"
        if evidence:
            sources = "".join(
                f"<li>Quelle: <q>{html.escape(text)}</q></li>"
                for text in _evidence_texts(summary, i)
            )
            item += (
                f'\n      <ul class="kurzgefasst-evidence" style="{_EVIDENCE_STYLE}">{sources}</ul>'
            )
        items.append(item + "</li>")
    head = (
        f'  <h2 style="font:bold 1rem sans-serif;margin:0 0 8px">{html.escape(heading)}</h2>\n'
        if heading
        else ""
    )
    body = "\n".join(items)
    return (
        f'<aside class="kurzgefasst-summary" style="{_BOX_STYLE}">\n{head}'
        f'  <ul style="margin:0;padding-left:1.2em;line-height:1.45">\n{body}\n  </ul>\n</aside>'
    )


@dataclass(frozen=True)
class OutputFormat:
    name: str
    #: What the web page's copy button says.
    label: str
    media_type: str
    #: ``render(summary, *, evidence=False, heading=...) -> str``.
    render: Callable[..., str]


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


def render(
    summary: Summary,
    fmt: str = "text",
    *,
    evidence: bool = False,
    heading: str | None = None,
) -> str:
    """``evidence``: each bullet's source sentences (JSON always has them). ``heading``: the
    box heading ("" for none; None: "Zusammenfassung" for markdown and html, none for text)."""
    try:
        output = OUTPUT_FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    style: dict[str, object] = {"evidence": evidence}
    if heading is not None:
        style["heading"] = heading
    return output.render(summary, **style)
