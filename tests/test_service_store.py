"""The SQLite summary store: keys, persistence, eviction, and re-rendering a stored summary."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kurzgefasst import Options, Summarizer, Summary
from kurzgefasst.render import FORMATS, render
from kurzgefasst.service.store import SummaryStore, cache_key

ARTICLE = (Path(__file__).parent / "fixtures" / "service_radwege.txt").read_text(encoding="utf-8")


def test_key_changes_with_everything_that_changes_the_summary() -> None:
    content = ARTICLE.encode()
    options = Options()
    key = cache_key(content, options, kind="text")
    assert key == cache_key(content, Options(), kind="text")
    others = [
        cache_key(content + b" ", options, kind="text"),
        cache_key(content, replace(options, bullets=4), kind="text"),
        cache_key(content, replace(options, engine="lead"), kind="text"),
        cache_key(content, replace(options, tighten=False), kind="text"),
        cache_key(content, options, kind="html"),
        cache_key(content, options, kind="text", title="Radwege"),
        cache_key(content, options, kind="html", url="https://example.org/a"),
    ]
    assert len({key, *others}) == len(others) + 1
    assert key[0] == cache_key(content, replace(options, bullets=5), kind="text")[0]  # sha256


def test_store_persists_in_its_file(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    key = cache_key(b"inhalt", Options(), kind="text")
    first = SummaryStore(path)
    assert first.get(key) is None
    first.put(key, {"bullets": [], "engine": "lead", "title": "Überschrift"})
    first.close()
    second = SummaryStore(path)
    assert second.get(key) == {"bullets": [], "engine": "lead", "title": "Überschrift"}
    assert len(second) == 1
    second.close()


def test_least_recently_used_entries_are_evicted(tmp_path: Path) -> None:
    store = SummaryStore(tmp_path / "store.sqlite", max_entries=5)
    keep = cache_key(b"oft gelesen", Options(), kind="text")
    store.put(keep, {"n": -1})
    for i in range(999):
        if i % 3 == 0:
            assert store.get(keep) is not None  # keeps it recently used
        store.put(cache_key(str(i).encode(), Options(), kind="text"), {"n": i})
    assert len(store) == 5
    assert store.get(keep) == {"n": -1}
    assert store.get(cache_key(b"998", Options(), kind="text")) == {"n": 998}
    assert store.get(cache_key(b"0", Options(), kind="text")) is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_stored_summary_renders_exactly_like_the_original(fmt: str) -> None:
    summary = Summarizer().summarize(ARTICLE)
    rebuilt = Summary.from_dict(summary.to_dict(include_source=True))
    assert rebuilt.to_dict(include_source=True) == summary.to_dict(include_source=True)
    assert render(rebuilt, fmt) == render(summary, fmt)
