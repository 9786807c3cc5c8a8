"""Checks on the real German news in ../shared/data (skipped when it is absent)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from kurzgefasst import Summarizer
from kurzgefasst.cli import main
from kurzgefasst.german.numbers import number_values, unsupported_numbers

pytestmark = pytest.mark.data


def test_every_html_page_gives_bullets_or_a_clear_error(shared_data: Path) -> None:
    pages = sorted((shared_data / "html" / "pages").glob("*.html"))
    assert len(pages) >= 90
    with_bullets = 0
    for page in pages:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["summarize", str(page)])
        assert code in (0, 2), page
        if code == 0:
            bullets = [line for line in out.getvalue().splitlines() if line.startswith("• ")]
            assert 1 <= len(bullets) <= 3, page
            with_bullets += 1
        else:
            assert err.getvalue().startswith("kurzgefasst: error: "), page
    # Three pages are French or English and one is a paywall teaser: 89 of 93 summarize.
    assert with_bullets >= len(pages) - 4


def test_every_number_in_every_bullet_is_in_its_source(shared_data: Path) -> None:
    summarizer = Summarizer()
    lines = (shared_data / "mlsum-de" / "dev.jsonl").read_text(encoding="utf-8").splitlines()[:300]
    checked = 0
    for line in lines:
        record = json.loads(line)
        summary = summarizer.summarize(record["text"])
        for bullet in summary.bullets:
            source = number_values(" ".join(e.text for e in bullet.evidence))
            assert unsupported_numbers(bullet.text, source) == [], (record["id"], bullet.text)
            checked += 1
    assert checked >= 800
