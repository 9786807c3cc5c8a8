"""``kurzgefasst serve``: the HTTP API and the web page (needs the ``[service]`` extra)."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import sys

from ..errors import ConfigurationError
from ..service.config import ServiceConfig
from .options import add_llm_options, llm_engine_options, model_file

#: The defaults of the flags (``ServiceConfig`` imports without the service extra).
DEFAULTS = ServiceConfig()

HELP = """Run the HTTP API (POST /v1/summarize, GET /v1/health, /docs) and the web page (/).

Identical requests are answered from a SQLite store; with --db it survives restarts.
URLs are fetched only from public addresses (--allow-private-urls for an intranet). The engine
llm is offered only when --llm-url or --llm-gguf is given. The server listens on 127.0.0.1 unless --host
says otherwise: put it behind your reverse proxy (TLS, authentication) before exposing it."""

EXAMPLES = """examples:
  kurzgefasst serve
  kurzgefasst serve --port 8080 --db summaries.sqlite
  kurzgefasst serve --host 0.0.0.0 --workers 4 --queue 64 --db /var/lib/kurzgefasst/cache.sqlite
  curl -s localhost:8000/v1/summarize -H 'Content-Type: application/json' \\
       -d '{"text": "...", "bullets": 3}'
"""

#: For tests only: comma-separated "host:port" whose first hop may be a local test server.
TEST_ALLOW_HOSTS_ENV = "KURZGEFASST_TEST_FETCH_ALLOW_HOSTS"
GRACEFUL_SHUTDOWN_SECONDS = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve", help="run the HTTP API and web page", description=HELP, epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument("--db", help="SQLite file of finished summaries (default: in memory)")
    parser.add_argument(
        "--workers", type=int, default=DEFAULTS.workers,
        help="1: one worker thread; N > 1: N worker processes, one per core (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--queue", type=int, default=DEFAULTS.queue,
        help="requests that may wait for a worker (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--queue-wait", type=float, default=DEFAULTS.queue_wait, metavar="SECONDS",
        help="when the queue is full, a request waits this long in arrival order for a place, "
        "then gets 503; 0: 503 at once (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--max-body-bytes", type=int, default=DEFAULTS.max_body_bytes,
        help="largest request body (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--max-bytes", type=int, default=DEFAULTS.max_text_bytes,
        help=f"largest pasted text in bytes (default: %(default)s); HTML may have "
        f"{DEFAULTS.max_html_bytes:,} bytes",
    )  # fmt: skip
    parser.add_argument(
        "--fetch-timeout", type=float, default=DEFAULTS.fetch_timeout,
        help="seconds to fetch a URL (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--max-connections", type=int, default=128,
        help="open connections before the server answers 503 (default: 128)",
    )  # fmt: skip
    parser.add_argument(
        "--log-level", default="info", choices=["debug", "info", "warning", "error"]
    )
    parser.add_argument("--no-access-log", dest="access_log", action="store_false")
    parser.add_argument(
        "--allow-private-urls", action="store_true",
        help="the intranet switch: also fetch URLs on private and local addresses (a CMS on an "
        "internal host). Off by default: a URL in a request is a stranger's request from "
        "inside your network",
    )  # fmt: skip
    parser.add_argument(
        "--model", metavar="FILE", type=model_file,
        help="extractive model file written by 'kurzgefasst train' (default: the shipped one)",
    )  # fmt: skip
    add_llm_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from ..service.app import create_app
    except ModuleNotFoundError as exc:
        raise ConfigurationError(
            f"the server needs the service extra ({exc.name} is missing): "
            "pip install 'kurzgefasst[service]'"
        ) from None
    if args.workers < 1 or args.queue < 0 or args.max_body_bytes < 1 or args.max_bytes < 1:
        raise ConfigurationError("--workers and the byte limits must be positive, --queue >= 0")
    allow = os.environ.get(TEST_ALLOW_HOSTS_ENV, "")
    config = ServiceConfig(
        db=args.db,
        workers=args.workers,
        queue=args.queue,
        queue_wait=max(0.0, args.queue_wait),
        max_body_bytes=args.max_body_bytes,
        max_text_bytes=args.max_bytes,
        fetch_timeout=args.fetch_timeout,
        fetch_allow_hosts=frozenset(h.strip() for h in allow.split(",") if h.strip()),
        allow_private_urls=args.allow_private_urls,
        model_file=args.model,
        llm=llm_engine_options(args),
    )
    if config.allow_private_urls:
        print(
            "kurzgefasst: note: --allow-private-urls: requests may fetch pages on private and "
            "local addresses",
            file=sys.stderr,
        )
    if config.fetch_allow_hosts:
        print(
            f"kurzgefasst: warning: {TEST_ALLOW_HOSTS_ENV} is set (tests only): "
            f"first hops to {', '.join(sorted(config.fetch_allow_hosts))} are not checked",
            file=sys.stderr,
        )
    if not _is_loopback(args.host):
        print(
            f"kurzgefasst: note: listening on {args.host}; anyone who can reach it can use it",
            file=sys.stderr,
        )
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s:     %(message)s")
    uvicorn.run(
        create_app(config),
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        access_log=args.access_log,
        limit_concurrency=args.max_connections,
        timeout_keep_alive=5,
        # After SIGTERM, requests in flight get this long; then the server stops anyway (a
        # fetch ends by its own deadline, a summary by the article-text limit).
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        server_header=False,
    )
    return 0


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
