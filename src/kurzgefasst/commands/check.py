"""``kurzgefasst check``: a box written anywhere, checked against its article (exit 1 on a fail)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import KurzgefasstError

HELP = """Check a summary box against its article, bullet by bullet.

ARTICLE is the article (a text file or an HTML page, '-' for standard input, or an http(s)
URL); BOX is the box to check: one bullet per line, Markdown bullets ('- …', '* …', '1. …') or
JSON (a list of strings, or {"bullets": [...]}). Each bullet is checked like one kurzgefasst
writes: numbers, names and quotes must be the article's, claims keep their source, the bullet
must rest on sentences of the article and stand alone (no question, no teaser, no pronoun only
the article explains). The report names every problem in German and shows the article sentences
each bullet rests on, with their offsets.

Exit status: 0 when every bullet passes, 1 when a bullet fails (for a CMS pipeline), 2 on an
error (no such file, not German, …)."""

EXAMPLES = """example:
  $ cat kasten.md
  - Der Stadtrat von Hohenfurt hat am Dienstag die Sanierung der Hafenbrücke beschlossen.
  - Die Sanierung soll 84 Millionen Euro kosten.
  $ kurzgefasst check artikel.txt kasten.md
  ok     1. Der Stadtrat von Hohenfurt hat am Dienstag die Sanierung der Hafenbrücke beschlossen.
           Beleg 59–144: Der Stadtrat von Hohenfurt hat am Dienstag die Sanierung der Hafenbrücke …
  FEHLER 2. Die Sanierung soll 84 Millionen Euro kosten.
           numbers: Die Zahl „84 Millionen“ steht nicht im Artikel; übernimm Zahlen genau wie im
           Artikel.
           Beleg 145–220: Die Arbeiten sollen 48 Millionen Euro kosten und im Frühjahr 2026 beginnen.
  $ echo $?
  1

more:
  kurzgefasst check artikel.html kasten.json --format json
  printf '%s\\n' 'Satz eins.' 'Satz zwei.' | kurzgefasst check artikel.txt -
  python: from kurzgefasst import check_box; check_box(text, ["…", "…"]).ok
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check", help="check a summary box against its article", description=HELP,
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument("article", metavar="ARTICLE", help="article file, '-', or an http(s) URL")
    parser.add_argument("box", metavar="BOX", help="box file (lines, Markdown or JSON), or '-'")
    parser.add_argument("--title", help="headline, if the article has none")
    parser.add_argument(
        "-f", "--format", choices=("text", "json"), default="text",
        help="text (default) or json: {ok, title, bullets: [{text, ok, problems: [{code, "
        "message, detail}], evidence: [{text, start, end, sentence}]}]}",
    )  # fmt: skip
    parser.add_argument(
        "--include-source", action="store_true",
        help="json: add source_text, the article text the evidence offsets point into",
    )  # fmt: skip
    parser.set_defaults(func=run)


def _read(source: str, what: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    path = Path(source)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise KurzgefasstError(f"no such {what} file: {path}") from None
    except IsADirectoryError:
        raise KurzgefasstError(f"{path} is a folder, not a {what} file") from None
    except PermissionError:
        raise KurzgefasstError(f"cannot read {path}: permission denied") from None


def run(args: argparse.Namespace) -> int:
    from ..check import check_box

    if args.article == "-" and args.box == "-":
        raise KurzgefasstError("only one of ARTICLE and BOX can be '-' (standard input)")
    if args.article.startswith(("http://", "https://")):
        from ..fetch import fetch_url

        # The CLI runs for the user on their own machine, so local addresses are allowed here.
        article: str | bytes = fetch_url(args.article, allow_private=True).html
    else:
        article = _read(args.article, "article")
    box = _read(args.box, "box").decode("utf-8", "replace")
    result = check_box(article, box, title=args.title)
    if args.format == "json":
        data = result.to_dict(include_source=args.include_source)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for i, bullet in enumerate(result.bullets, 1):
            print(f"{'ok    ' if bullet.ok else 'FEHLER'} {i}. {bullet.text}")
            for problem in bullet.problems:
                print(f"         {problem.code}: {problem.message}")
            for ev in bullet.evidence:
                print(f"         Beleg {ev.start}–{ev.end}: {_short(ev.text)}")
    return 0 if result.ok else 1


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + " …"
