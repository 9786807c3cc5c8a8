"""``kurzgefasst feed``: RSS and Atom feeds (files and URLs) from a real local web server.

The feeds and pages are written here; the articles are the project's own fixtures.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from conftest import FIXTURES
from kurzgefasst.cli import main
from kurzgefasst.feeds import FeedError, parse_feed, watch_feed
from kurzgefasst.pipeline import Summarizer
from service_support import PageServer, send

pytest.importorskip("feedparser")

ARTICLES = {
    "/lokales/radwege": "service_radwege.txt",
    "/politik/drohnen": "drohnen.txt",
    "/stadt/verkehrswende": "verkehrswende.txt",
}


def article_page(name: str) -> bytes:
    title, _, body = (FIXTURES / name).read_text(encoding="utf-8").partition("\n\n")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n") if p.strip())
    return (
        f"<!doctype html><html lang='de'><head><title>{html.escape(title)}</title></head><body>"
        f"<nav><a href='/'>Startseite</a></nav><article><h1>{html.escape(title)}</h1>"
        f"{paragraphs}</article></body></html>"
    ).encode()


def rss(base: str, paths: list[str], extra: str = "") -> bytes:
    items = "".join(
        f"<item><title>Meldung {i}</title><link>{base}{path}</link>"
        f"<guid isPermaLink='false'>urn:zeitung:{path}</guid>"
        f"<pubDate>Tue, 03 Dec 2024 0{i}:00:00 GMT</pubDate></item>"
        for i, path in enumerate(paths)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Lokalzeitung</title><link>{base}/</link><description>Nachrichten</description>"
        f"{items}{extra}</channel></rss>"
    ).encode()


def atom(base: str, paths: list[str]) -> bytes:
    entries = "".join(
        f"<entry><title>Meldung {i}</title><link rel='alternate' href='{base}{path}'/>"
        f"<id>tag:zeitung.example,2024:{path}</id><updated>2024-12-03T0{i}:00:00Z</updated>"
        "</entry>"
        for i, path in enumerate(paths)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<title>Lokalzeitung</title><id>tag:zeitung.example,2024:feed</id>"
        f"<updated>2024-12-03T09:00:00Z</updated>{entries}</feed>"
    ).encode()


class Site:
    """A local news site whose feed can grow between runs."""

    def __init__(self) -> None:
        routes = {
            path: (lambda h, n=name: send(h, article_page(n))) for path, name in ARTICLES.items()
        }
        routes["/rss.xml"] = lambda h: send(h, self.rss(), "application/rss+xml")
        routes["/atom.xml"] = lambda h: send(h, self.atom(), "application/atom+xml")
        self.server = PageServer(routes)
        self.paths = ["/lokales/radwege", "/politik/drohnen"]
        self.extra = ""

    def rss(self) -> bytes:
        return rss(self.server.base, self.paths, self.extra)

    def atom(self) -> bytes:
        return atom(self.server.base, self.paths)

    def __enter__(self) -> Site:
        self.server.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.__exit__(*exc)


@pytest.fixture
def site() -> Site:
    with Site() as s:
        yield s


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def feed(*args: str) -> int:
    return main(["feed", *args])


def test_rss_url_rerun_adds_only_the_new_item(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    url = site.server.base + "/rss.xml"
    assert feed(url, "-o", str(out), "--allow-private-urls") == 0
    first = lines(out)
    assert [r["id"] for r in first] == [
        "urn:zeitung:/lokales/radwege",
        "urn:zeitung:/politik/drohnen",
    ]
    assert first[0]["summary"]["title"] == "Kassel baut zwölf Kilometer neue Radwege"
    assert len(first[0]["summary"]["bullets"]) == 3
    assert first[0]["fields"]["link"] == site.server.base + "/lokales/radwege"
    assert first[0]["fields"]["published"].startswith("Tue, 03 Dec 2024")

    site.paths.append("/stadt/verkehrswende")
    hits = len(site.server.hits)
    assert feed(url, "-o", str(out), "--allow-private-urls") == 0
    second = lines(out)
    assert second[:2] == first
    assert len(second) == 3 and second[2]["id"] == "urn:zeitung:/stadt/verkehrswende"
    assert "Freiburg" in " ".join(b["text"] for b in second[2]["summary"]["bullets"])
    # Only the feed and the one new page were fetched: old items are not fetched again.
    assert site.server.hits[hits:] == ["/rss.xml", "/stadt/verkehrswende"]


def test_atom_file_and_broken_items_become_error_lines(site: Site, tmp_path: Path) -> None:
    site.paths.append("/gibt-es-nicht")  # 404
    feed_file = tmp_path / "atom.xml"
    feed_file.write_bytes(site.atom())
    out = tmp_path / "out.jsonl"
    assert feed(str(feed_file), "-o", str(out), "--allow-private-urls") == 0
    result = {r["id"].rsplit(":", 1)[-1]: r for r in lines(out)}
    assert "bullets" in result["/lokales/radwege"]["summary"]
    assert "bullets" in result["/politik/drohnen"]["summary"]
    assert result["/gibt-es-nicht"]["error"]["type"] == "fetch_failed"
    assert "404" in result["/gibt-es-nicht"]["error"]["message"]


def test_items_without_link_or_with_bad_links_are_error_lines(site: Site, tmp_path: Path) -> None:
    site.extra = (
        "<item><title>Ohne Link</title><guid isPermaLink='false'>urn:ohne-link</guid></item>"
        "<item><title>Nur Titel</title></item>"
        "<item><title>FTP</title><link>ftp://example.org/a</link></item>"
    )
    out = tmp_path / "out.jsonl"
    feed_file = tmp_path / "rss.xml"
    feed_file.write_bytes(site.rss())
    assert feed(str(feed_file), "-o", str(out), "--allow-private-urls") == 0
    records = lines(out)
    assert len(records) == 5
    errors = [r for r in records if "error" in r]
    assert [r["error"]["type"] for r in errors] == ["bad_item"] * 3
    assert errors[0]["id"] == "urn:ohne-link"


def test_private_addresses_need_the_explicit_switch(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    # The feed URL itself is refused …
    assert feed(site.server.base + "/rss.xml", "-o", str(out)) == 2
    assert not out.exists() or out.read_text() == ""
    # … and so is every item of a feed file that points at a local page.
    feed_file = tmp_path / "rss.xml"
    feed_file.write_bytes(site.rss())
    assert feed(str(feed_file), "-o", str(out)) == 0
    assert {r["error"]["type"] for r in lines(out)} == {"unsafe_url"}
    assert site.server.hits == []


def test_not_a_feed_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "seite.xml"
    page.write_text("Das ist kein Feed, nur Text.", encoding="utf-8")
    assert feed(str(page), "-o", str(tmp_path / "out.jsonl")) == 2
    assert "not an RSS or Atom feed" in capsys.readouterr().err
    with pytest.raises(FeedError):
        parse_feed(b"<html><body><p>Hallo</p></body></html>")


def test_watch_polls_again_and_survives_a_feed_outage(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    reports: list[str] = []
    urls = iter([site.server.base + "/rss.xml"])

    def sleep(seconds: float) -> None:
        assert 0 <= seconds <= 60
        site.paths.append("/stadt/verkehrswende")  # a new item appears between two rounds

    watch_feed(
        next(urls), out, Summarizer(), 60, allow_private_urls=True,
        report=reports.append, sleep=sleep, rounds=2,
    )  # fmt: skip
    assert len(lines(out)) == 3
    assert "2 summarized" in reports[0] and "1 summarized" in reports[1]
    assert "2 already in the output" in reports[1]

    reports.clear()
    watch_feed(
        site.server.base + "/weg.xml", out, Summarizer(), 60, allow_private_urls=True,
        report=reports.append, sleep=lambda s: None, rounds=2,
    )  # fmt: skip
    assert len(reports) == 2 and all("404" in r and "trying again" in r for r in reports)
