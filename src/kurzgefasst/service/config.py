"""How one server process runs (`ServiceConfig`); `kurzgefasst serve` fills it from its flags."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..options import DEFAULTS


@dataclass(frozen=True)
class ServiceConfig:
    """How one server process runs; every field has a `kurzgefasst serve` flag."""

    #: SQLite file of finished summaries; None keeps them in memory until the server stops.
    db: str | None = None
    #: 1 = one worker thread in the server process; more = that many worker processes.
    workers: int = 1
    #: Requests that may wait for a worker; one more gets 503 at once.
    queue: int = 16
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
