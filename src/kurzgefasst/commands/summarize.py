"""``kurzgefasst summarize``: one article (file, stdin or URL) → bullets."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import KurzgefasstError
from ..inputs import read_bounded
from ..render import DEFAULT_HEADING, FORMATS, render, to_json
from ..urls import complete_url, looks_like_url
from .options import add_summary_options, options_from_args

HELP = """Summarize one German news article.

INPUT is a file (plain text or an HTML page, detected automatically), '-' for standard input,
or an http(s) URL. The summary goes to standard output; problems go to standard error with
exit code 2 (empty, binary, not German, too large, no article found)."""

EXAMPLES = """examples:
  kurzgefasst summarize artikel.txt
  cat artikel.txt | kurzgefasst summarize - --format json
  kurzgefasst summarize seite.html --bullets 4 --format markdown
  kurzgefasst summarize artikel.txt --engine lead --evidence
  kurzgefasst summarize artikel.txt --engine llm --llm-url http://127.0.0.1:8080/v1 --show-prompt
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "summarize", help="summarize one article", description=HELP, epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument("input", metavar="INPUT", help="file, '-' for stdin, or an http(s) URL")
    parser.add_argument(
        "-f", "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument(
        "--html",
        dest="input_format",
        action="store_const",
        const="html",
        help="treat input as HTML",
    )
    kind.add_argument(
        "--text",
        dest="input_format",
        action="store_const",
        const="text",
        help="treat input as text",
    )
    parser.add_argument("--title", help="headline, if the input has none")
    parser.add_argument(
        "--evidence", action="store_true",
        help="show each bullet's source sentences (text: with offsets; markdown, html: as "
        "'Quelle' lines; json always has them)",
    )  # fmt: skip
    parser.add_argument(
        "--heading", metavar="TEXT",
        help=f"box heading, '' for none (default: {DEFAULT_HEADING} for markdown and html; the "
        "article's title for text); newsrooms also use 'Das Wichtigste in Kürze', ...",
    )  # fmt: skip
    parser.add_argument(
        "--include-source", action="store_true", help="json format: include the source text"
    )
    parser.add_argument(
        "--show-prompt", action="store_true",
        help="--engine llm: print the messages the model would get, without sending them "
        "(--format json: as JSON)",
    )  # fmt: skip
    add_summary_options(parser)
    parser.set_defaults(func=run, input_format="auto")


def run(args: argparse.Namespace) -> int:
    from ..pipeline import Summarizer

    options = options_from_args(args, input_format=args.input_format)
    summarizer = Summarizer(options)
    source: str = args.input
    if args.show_prompt:
        return _show_prompt(summarizer, options, source, args)
    if looks_like_url(source) and not Path(source).exists():
        source = complete_url(source)  # "example.org/artikel.html" → https://…
        # The CLI runs for the user on their own machine, so local addresses are allowed here.
        summary = summarizer.summarize(url=source, allow_private_urls=True)
    else:
        data = (
            read_bounded(sys.stdin.buffer, options.max_read_bytes, "standard input")
            if source == "-"
            else _read_file(Path(source), options.max_read_bytes)
        )
        summary = summarizer.summarize(data, title=args.title)
    if args.format == "json":
        print(to_json(summary, include_source=args.include_source))
    else:
        if args.format == "text" and summary.title and args.heading is None:
            print(summary.title, end="\n\n")  # on a terminal the article's title heads the box
        print(render(summary, args.format, evidence=args.evidence, heading=args.heading))
    for warning in summary.warnings:
        print(f"kurzgefasst: warning: {warning}", file=sys.stderr)
    return 0


def _show_prompt(summarizer: Any, options: Any, source: str, args: argparse.Namespace) -> int:
    """Print what ``--engine llm`` would send for this article; nothing is sent."""
    from ..document import build_document
    from ..engines.llm import LLMEngine
    from ..fetch import fetch_url
    from ..inputs import load_article

    if options.engine != "llm":
        raise KurzgefasstError("--show-prompt needs --engine llm")
    engine = summarizer.engine(options)
    assert isinstance(engine, LLMEngine)
    if looks_like_url(source) and not Path(source).exists():
        source = complete_url(source)  # "example.org/artikel.html" → https://…
        data: bytes | str = fetch_url(source, allow_private=True).html
    elif source == "-":
        data = read_bounded(sys.stdin.buffer, options.max_read_bytes, "standard input")
    else:
        data = _read_file(Path(source), options.max_read_bytes)
    doc = build_document(load_article(data, options, title=args.title))
    messages, _ = engine.messages(doc, options.bullets, max_chars=options.max_chars)
    if args.format == "json":
        print(json.dumps(messages, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(f"=== {m['role']} ===\n{m['content']}" for m in messages))
    return 0


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        if path.is_dir():
            raise KurzgefasstError(f"{path} is a folder; use 'kurzgefasst batch' for folders")
        if path.stat().st_size > max_bytes:
            from ..errors import InputTooLargeError

            raise InputTooLargeError(
                f"{path} has {path.stat().st_size:,} bytes; the limit is {max_bytes:,}"
            )
        # Bounded: /dev/zero, a FIFO or a growing file has no size worth trusting.
        with path.open("rb") as stream:
            return read_bounded(stream, max_bytes, str(path))
    except FileNotFoundError:
        raise KurzgefasstError(f"no such file: {path}") from None
    except PermissionError:
        raise KurzgefasstError(f"cannot read {path}: permission denied") from None
    except OSError as exc:
        raise KurzgefasstError(f"cannot read {path}: {exc.strerror or exc}") from None
