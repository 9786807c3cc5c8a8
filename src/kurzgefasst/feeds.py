"""RSS 2.0 / Atom feeds → one summary line per new item, appended to a JSONL file.

What a newsroom or aggregator runs from cron (or ``--watch``): read the feed, skip every item
already in the output (by guid or link), fetch each new item's page with the same SSRF rules
as the service, summarize it, append one line. Parsing is feedparser's job (it copes with the
broken feeds real sites publish); a bad item becomes an error line and never stops the run.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .batch.records import Result, error_record
from .batch.worker import summarize_record
from .errors import ConfigurationError, FetchError, KurzgefasstError
from .fetch import fetch_url

#: Content types a feed URL may answer with (many servers send plain XML types, some HTML).
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "text/html",
)
MAX_FEED_BYTES = 5_000_000


class FeedError(KurzgefasstError):
    """The feed itself cannot be read or is no feed (items failing are error lines instead)."""

    code = "bad_feed"


@dataclass(frozen=True)
class FeedItem:
    #: guid (RSS) or id (Atom); the link when the feed gives none.
    id: str
    link: str
    title: str
    published: str


@dataclass
class FeedRun:
    """What one pass over a feed did."""

    items: int = 0
    skipped: int = 0
    summarized: int = 0
    errors: int = 0
    error_types: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        text = (
            f"{self.items} items: {self.summarized} summarized, {self.errors} errors, "
            f"{self.skipped} already in the output"
        )
        if self.error_types:
            text += " (" + ", ".join(f"{k} {v}" for k, v in sorted(self.error_types.items())) + ")"
        return text


def load_feed(source: str, *, allow_private_urls: bool = False, timeout: float = 20.0) -> bytes:
    """The feed's bytes from an http(s) URL (SSRF rules apply) or a file."""
    if source.startswith(("http://", "https://")):
        page = fetch_url(
            source,
            timeout=timeout,
            max_bytes=MAX_FEED_BYTES,
            allow_private=allow_private_urls,
            accept=FEED_TYPES,
        )
        return page.html
    path = Path(source)
    try:
        if path.stat().st_size > MAX_FEED_BYTES:
            raise FeedError(f"{source} has more than {MAX_FEED_BYTES:,} bytes")
        return path.read_bytes()
    except FileNotFoundError:
        raise FeedError(f"no such file: {source}") from None
    except IsADirectoryError:
        raise FeedError(f"{source} is a folder, not a feed") from None
    except PermissionError:
        raise FeedError(f"cannot read {source}: permission denied") from None


def parse_feed(data: bytes, base_url: str = "") -> list[FeedItem]:
    """Feed bytes → items in feed order; FeedError if it holds no feed at all."""
    try:
        import feedparser
    except ModuleNotFoundError:
        raise ConfigurationError(
            "reading feeds needs feedparser: pip install 'kurzgefasst[feeds]'"
        ) from None

    parsed = feedparser.parse(data, response_headers={"content-location": base_url})
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({reason})" if reason else ""
        raise FeedError(f"this is not an RSS or Atom feed{detail}")
    items: list[FeedItem] = []
    for entry in parsed.entries:
        link = str(entry.get("link") or "").strip()
        guid = str(entry.get("id") or "").strip()
        items.append(
            FeedItem(
                id=guid or link,
                link=link,
                title=str(entry.get("title") or "").strip(),
                published=str(entry.get("published") or entry.get("updated") or ""),
            )
        )
    return items


def seen_keys(output: Path) -> set[str]:
    """Every id and link already in the output; unreadable (half-written) lines are ignored."""
    keys: set[str] = set()
    if not output.exists():
        return keys
    with output.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(record, dict):
                continue
            fields = record.get("fields")
            if not isinstance(fields, dict):
                fields = {}
            for key in (record.get("id"), fields.get("link")):
                if isinstance(key, str) and key:
                    keys.add(key)
    return keys


def _record(item: FeedItem, feed: str, index: int) -> dict[str, Any]:
    where = f"{feed}#{index}"
    fields = json.dumps(
        {"link": item.link, "title": item.title, "published": item.published, "feed": feed},
        ensure_ascii=False,
    )
    if not item.id:
        return error_record(where, where, "bad_item", "the item has neither guid nor link", fields)
    if not item.link:
        return error_record(item.id, where, "bad_item", "the item has no link to its page", fields)
    if not item.link.startswith(("http://", "https://")):
        return error_record(
            item.id,
            where,
            "bad_item",
            f"the item's link is not an http(s) URL: {item.link}",
            fields,
        )
    return {
        "id": item.id,
        "where": where,
        "kind": "url",
        "data": item.link.encode("utf-8"),
        "title": item.title,
        "fields": fields,
        "error_type": "",
    }


def new_records(items: list[FeedItem], seen: set[str], feed: str, run: FeedRun) -> Iterator[dict]:
    for index, item in enumerate(items):
        run.items += 1
        if (item.id and item.id in seen) or (item.link and item.link in seen):
            run.skipped += 1
            continue
        seen.update(key for key in (item.id, item.link) if key)  # a feed listing an item twice
        yield _record(item, feed, index)


def run_feed_once(
    feed: str,
    output: Path,
    summarizer: Any,
    *,
    allow_private_urls: bool = False,
    on_result: Callable[[Result], None] | None = None,
) -> FeedRun:
    """One pass: read the feed, summarize every item not yet in ``output``, append its line.

    Each line is written and flushed as soon as it is ready, so a killed run loses at most the
    item in progress, and the next run picks up from there.
    """
    data = load_feed(feed, allow_private_urls=allow_private_urls)
    base = feed if feed.startswith(("http://", "https://")) else ""
    items = parse_feed(data, base)
    run = FeedRun()
    seen = seen_keys(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("a+", encoding="utf-8") as out:
        _end_with_newline(out)
        for record in new_records(items, seen, feed, run):
            result = summarize_record(summarizer, record, allow_private_urls=allow_private_urls)
            out.write(result.line + "\n")
            out.flush()
            if result.status == "ok":
                run.summarized += 1
            else:
                run.errors += 1
                run.error_types[result.status] = run.error_types.get(result.status, 0) + 1
            if on_result is not None:
                on_result(result)
    return run


def _end_with_newline(out: TextIO) -> None:
    """A run killed mid-line leaves a partial line: start the next one on a line of its own."""
    out.seek(0, 2)
    if out.tell() == 0:
        return
    out.seek(out.tell() - 1)
    last = out.read(1)
    out.seek(0, 2)
    if last != "\n":
        out.write("\n")


def watch_feed(
    feed: str,
    output: Path,
    summarizer: Any,
    every: float,
    *,
    allow_private_urls: bool = False,
    report: Callable[[str], None] = print,
    sleep: Callable[[float], None] = time.sleep,
    rounds: int | None = None,
) -> None:
    """Poll the feed every ``every`` seconds until interrupted (or ``rounds`` passes).

    A feed that cannot be fetched in one round is reported and tried again next round: a
    watcher must survive the site being down for a while.
    """
    done = 0
    while rounds is None or done < rounds:
        started = time.monotonic()
        try:
            run = run_feed_once(feed, output, summarizer, allow_private_urls=allow_private_urls)
            report(f"{time.strftime('%H:%M:%S')} {feed}: {run.line()}")
        except (FeedError, FetchError) as exc:
            report(f"{time.strftime('%H:%M:%S')} {feed}: {exc}; trying again in {every:g} s")
        done += 1
        if rounds is not None and done >= rounds:
            break
        sleep(max(0.0, every - (time.monotonic() - started)))
