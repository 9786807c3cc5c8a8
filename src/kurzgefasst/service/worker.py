"""The CPU side of the service: one Summarizer per worker (thread or process), loaded once.

Jobs and results are plain picklable values so the same function runs in a thread (one
worker, shared memory) or in a process pool (several workers, one core each).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Any

from ..german import tagging
from ..options import Options
from ..pipeline import Summarizer

#: A short German article summarized at start-up, so models are loaded before the first request.
WARM_UP_TEXT = (
    "Kassel baut neue Radwege\n\n"
    "Der Stadtrat von Kassel hat am Montag den Bau von zwölf Kilometern neuer Radwege "
    "beschlossen. Die Arbeiten sollen im Frühjahr beginnen und rund 4,5 Millionen Euro kosten.\n\n"
    "Oberbürgermeister Sven Schoeller sprach von einem wichtigen Schritt für die Stadt. "
    "Die Opposition kritisierte, dass der Plan zu spät komme."
)


@dataclass(frozen=True)
class Job:
    kind: str  # "text" or "html"
    data: bytes
    options: Options
    title: str | None = None
    url: str | None = None  # final URL of a fetched page


_summarizer: Summarizer | None = None


def summarizer() -> Summarizer:
    global _summarizer
    if _summarizer is None:
        _summarizer = Summarizer()
    return _summarizer


def compute(job: Job) -> dict[str, Any]:
    """Summarize one job with this worker's Summarizer (the one entry point every face uses);
    returns ``Summary.to_dict(include_source=True)``."""
    if job.kind == "html":
        summary = summarizer().summarize(
            html=job.data, title=job.title, options=job.options, page_url=job.url
        )
    else:
        options = replace(job.options, input_format="text")
        summary = summarizer().summarize(job.data, title=job.title, options=options)
    return summary.to_dict(include_source=True)


def warm_up() -> float:
    """Load every model of the default engine; returns the seconds it took."""
    started = time.perf_counter()
    compute(Job("text", WARM_UP_TEXT.encode("utf-8"), Options()))
    title, *paragraphs = WARM_UP_TEXT.split("\n\n")
    page = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    page += "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    compute(Job("html", page.encode("utf-8"), Options()))
    # HanTa loads lazily (~0.5 s) and only for some articles: load it now, not in a request.
    tagging.tag(["Der", "Stadtrat", "tagte", "in", "Kassel", "."])
    return time.perf_counter() - started
