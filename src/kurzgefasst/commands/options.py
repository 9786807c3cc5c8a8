"""Command-line flags shared by every subcommand that summarizes (summarize, batch, eval)."""

from __future__ import annotations

import argparse
from typing import Any

from ..engines import ENGINES
from ..options import Options


def add_summary_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("summary options")
    group.add_argument(
        "-n", "--bullets", type=int, default=3, help="number of bullets (default: 3)"
    )
    group.add_argument(
        "-e", "--engine", default="extractive", choices=sorted(ENGINES),
        help="extractive (default, learned, CPU), lead (first sentences), llm (your model server)",
    )  # fmt: skip
    group.add_argument(
        "--max-chars", type=int, default=200, help="longest bullet in characters (default: 200)"
    )
    group.add_argument(
        "--max-bytes", type=int, default=200_000,
        help="refuse article text larger than this many bytes (default: 200000)",
    )  # fmt: skip
    group.add_argument(
        "--max-html-bytes", type=int, default=5_000_000,
        help="refuse HTML pages larger than this many bytes (default: 5000000)",
    )  # fmt: skip
    group.add_argument(
        "--strict", action="store_true",
        help="fail instead of repairing or replacing a bullet the guard rejects",
    )  # fmt: skip
    group.add_argument(
        "--no-tighten", dest="tighten", action="store_false",
        help="keep whole source sentences (no shortening or pronoun repair)",
    )  # fmt: skip
    group.add_argument(
        "--no-language-check", dest="check_language", action="store_false",
        help="summarize even if the text does not look German",
    )  # fmt: skip


def options_from_args(args: argparse.Namespace, **extra: Any) -> Options:
    return Options(
        bullets=args.bullets,
        engine=args.engine,
        max_chars=args.max_chars,
        max_input_bytes=args.max_bytes,
        max_html_bytes=args.max_html_bytes,
        strict=args.strict,
        tighten=args.tighten,
        check_language=args.check_language,
        **extra,
    )
