"""``kurzgefasst feed``: an RSS or Atom feed → one summary line per new item (cron or --watch)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .options import add_summary_options, options_from_args

HELP = """Summarize the new items of an RSS 2.0 or Atom feed.

FEED is an http(s) URL or a file. Each item's page is fetched (public addresses only, unless
--allow-private-urls) and summarized; one JSON line per item is appended to OUTPUT, in the
format of 'kurzgefasst batch': {"id", "summary", "fields"} or {"id", "error", "fields"}, with
the item's link, title, published date and the feed in "fields". Items already in OUTPUT (by
guid or link) are skipped, so running the same command again (from cron, or with --watch)
appends only new items. A bad item (no link, page unreachable, not German, …) becomes an error
line; it is not retried (delete its line to retry it)."""

EXAMPLES = """examples:
  kurzgefasst feed https://example.org/rss.xml -o zusammenfassungen.jsonl
  kurzgefasst feed https://example.org/atom.xml -o out.jsonl --watch 600
  kurzgefasst feed gespeichert.xml -o out.jsonl
  kurzgefasst feed http://cms.intern/rss -o out.jsonl --allow-private-urls
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "feed", help="summarize the new items of an RSS or Atom feed (cron or --watch)",
        description=HELP, epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument("feed", metavar="FEED", help="feed URL or file")
    parser.add_argument("-o", "--output", required=True, type=Path, help="JSONL file to append to")
    parser.add_argument(
        "--watch", type=float, metavar="SECONDS",
        help="keep running: read the feed again every SECONDS (stop with Ctrl-C)",
    )  # fmt: skip
    parser.add_argument(
        "--allow-private-urls", action="store_true",
        help="let the feed and its items be fetched from private or local addresses "
        "(an intranet CMS; off by default)",
    )  # fmt: skip
    add_summary_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import ConfigurationError
    from ..feeds import run_feed_once, watch_feed
    from ..pipeline import Summarizer

    if args.watch is not None and args.watch < 1:
        raise ConfigurationError("--watch needs at least 1 second")
    summarizer = Summarizer(options_from_args(args))

    def report(text: str) -> None:
        print(f"kurzgefasst feed: {text}", file=sys.stderr, flush=True)

    if args.watch is None:
        result = run_feed_once(
            args.feed, args.output, summarizer, allow_private_urls=args.allow_private_urls
        )
        report(f"{args.feed}: {result.line()} → {args.output}")
        return 0
    try:
        watch_feed(
            args.feed,
            args.output,
            summarizer,
            args.watch,
            allow_private_urls=args.allow_private_urls,
            report=report,
        )
    except KeyboardInterrupt:
        report("stopped")
    return 0
