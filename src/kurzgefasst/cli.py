"""The ``kurzgefasst`` command. Each subcommand lives in ``kurzgefasst.commands.<name>`` and
registers itself; heavy imports happen only when a subcommand runs, so ``--help`` is instant."""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from . import __version__
from .errors import KurzgefasstError

#: Subcommands in the order ``--help`` lists them.
COMMANDS = ("summarize", "check", "eval", "train", "batch", "feed", "serve")

EPILOG = """examples:
  kurzgefasst summarize artikel.txt
  cat artikel.txt | kurzgefasst summarize - --format json
  kurzgefasst summarize seite.html --bullets 4 --format markdown
  kurzgefasst summarize https://example.org/artikel.html
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kurzgefasst",
        description="Trustworthy bullet summaries (Zusammenfassung) of German news articles.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kurzgefasst {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = import_module(f"kurzgefasst.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"kurzgefasst.commands.{name}":
                raise
            continue  # subcommand not part of this build
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KurzgefasstError as exc:
        print(f"kurzgefasst: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kurzgefasst: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
