"""Command-line flags shared by every subcommand that summarizes (summarize, batch, eval)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..engines import ENGINES
from ..options import DEFAULTS, Options


def add_summary_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("summary options")
    group.add_argument(
        "-n", "--bullets", type=int, default=DEFAULTS.bullets,
        help="number of bullets (default: %(default)s)",
    )  # fmt: skip
    group.add_argument(
        "-e", "--engine", default=DEFAULTS.engine, choices=sorted(ENGINES),
        help="extractive (learned, CPU), lead (first sentences), llm (your model server) "
        "(default: %(default)s)",
    )  # fmt: skip
    group.add_argument(
        "--max-chars", type=int, default=DEFAULTS.max_chars,
        help="longest bullet in characters (default: %(default)s)",
    )  # fmt: skip
    group.add_argument(
        "--max-bytes", type=int, default=DEFAULTS.max_input_bytes,
        help="refuse article text larger than this many bytes (default: %(default)s)",
    )  # fmt: skip
    group.add_argument(
        "--max-html-bytes", type=int, default=DEFAULTS.max_html_bytes,
        help="refuse HTML pages larger than this many bytes (default: %(default)s)",
    )  # fmt: skip
    group.add_argument(
        "--model", metavar="FILE", type=model_file,
        help="extractive model file written by 'kurzgefasst train' (default: the shipped one)",
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
        "--no-rewrite", dest="rewrite", action="store_false",
        help="bullets in article order, no box rewriting (news first, fusions, names resolved)",
    )  # fmt: skip
    group.add_argument(
        "--no-language-check", dest="check_language", action="store_false",
        help="summarize even if the text does not look German",
    )  # fmt: skip
    add_llm_options(parser)


def add_llm_options(parser: argparse.ArgumentParser) -> None:
    """Flags of ``--engine llm``; they go to ``Options.engine_options`` (see docs/llm.md)."""
    group = parser.add_argument_group("LLM engine (--engine llm, see docs/llm.md)")
    group.add_argument(
        "--llm-url", metavar="URL",
        help="OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 (Ollama); "
        "API key from $KURZGEFASST_LLM_API_KEY",
    )  # fmt: skip
    group.add_argument(
        "--llm-model", metavar="NAME", help="model name on the server (default: the first it lists)"
    )
    group.add_argument(
        "--llm-gguf", metavar="PATH", help="run this GGUF model file in-process (extra [llm])"
    )
    group.add_argument("--llm-threads", type=int, metavar="N", help="CPU threads for --llm-gguf")
    group.add_argument(
        "--llm-timeout", type=float, metavar="SECONDS",
        help="seconds for the model's answer, retries included; then the extractive summary "
        "(default: 60)",
    )  # fmt: skip
    group.add_argument(
        "--llm-context", type=int, metavar="TOKENS",
        help="the model's context window; longer articles are cut by paragraphs (default: 4096)",
    )  # fmt: skip


def llm_engine_options(args: argparse.Namespace) -> dict[str, Any]:
    names = ("url", "model", "gguf", "threads", "timeout", "context")
    values = {name: getattr(args, f"llm_{name}", None) for name in names}
    return {name: value for name, value in values.items() if value is not None}


def model_file(value: str) -> str:
    """``--model FILE`` → absolute path (worker processes and the cache key see the same file)."""
    path = Path(value).expanduser()
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"no such model file: {value}")
    return str(path.resolve())


def options_from_args(args: argparse.Namespace, **extra: Any) -> Options:
    engine_options = dict(extra.pop("engine_options", {}))
    if args.engine == "llm":  # other engines ignore them, so they stay out of the cache key
        engine_options = {**llm_engine_options(args), **engine_options}
    if getattr(args, "model", None) and args.engine in ("extractive", "llm"):
        # The LLM engine falls back to the extractive one, which reads the same setting.
        engine_options["model_file"] = args.model
    return Options(
        engine_options=engine_options,
        bullets=args.bullets,
        engine=args.engine,
        max_chars=args.max_chars,
        max_input_bytes=args.max_bytes,
        max_html_bytes=args.max_html_bytes,
        strict=args.strict,
        tighten=args.tighten,
        rewrite=args.rewrite,
        check_language=args.check_language,
        **extra,
    )
