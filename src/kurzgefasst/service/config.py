"""How one server process runs (`ServiceConfig`); `kurzgefasst serve` fills it from its flags."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..options import DEFAULTS


@dataclass(frozen=True)
class ServiceConfig:
    """How one server process runs; every field has a `kurzgefasst serve` flag."""

    #: SQLite file of finished summaries; None keeps them in memory until the server stops.
    db: str | None = None
    #: 1 = one worker thread in the server process; more = that many worker processes.
    workers: int = 1
    #: Requests that may wait for a worker.
    queue: int = 16
    #: When every place is taken, a request waits up to this long in arrival order for one
    #: (at most workers + queue requests in that line), then gets 503; 0: 503 at once.
    queue_wait: float = 5.0
    #: Largest request body in bytes (checked before parsing).
    max_body_bytes: int = 8_000_000
    #: Largest pasted text in UTF-8 bytes.
    max_text_bytes: int = DEFAULTS.max_input_bytes
    #: Largest HTML (pasted or fetched) in bytes.
    max_html_bytes: int = DEFAULTS.max_html_bytes
    fetch_timeout: float = 10.0
    #: URL fetches running at once; more get 503.
    fetch_concurrency: int = 8
    #: Load the models before accepting requests.
    warm_up: bool = True
    #: For tests only: "host:port" pairs whose *first* hop may be local (see fetch_url).
    fetch_allow_hosts: frozenset[str] = field(default_factory=frozenset)
    #: Fetch URLs on private and local addresses too (an intranet CMS). Off: a URL in a request
    #: is a stranger's request from inside our network.
    allow_private_urls: bool = False
    #: Extractive model file (``kurzgefasst train``); None: the shipped one.
    model_file: str | None = None
    #: Settings of the LLM engine (``url`` or ``gguf``, ``model``, …); empty: not configured.
    llm: dict[str, Any] = field(default_factory=dict)

    def engines(self) -> list[str]:
        """The engines this server can run: llm only when a model server or file is set."""
        names = ["extractive", "lead"]
        if self.llm.get("url") or self.llm.get("gguf"):
            names.append("llm")
        return names

    def engine_options(self, engine: str) -> dict[str, Any]:
        options: dict[str, Any] = dict(self.llm) if engine == "llm" else {}
        if self.model_file and engine in ("extractive", "llm"):
            options["model_file"] = self.model_file  # llm falls back to the extractive engine
        return options
