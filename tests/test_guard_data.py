"""On real German news (../shared/data, skipped when absent): extractive bullets carry no
unsupported number, name or quote, start with no unresolved pointer, and fit max_chars."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from kurzgefasst import Options, Summarizer
from kurzgefasst.document import build_document
from kurzgefasst.german.anaphora import dangling_start
from kurzgefasst.guard import check
from kurzgefasst.inputs import load_article

pytestmark = pytest.mark.data

#: Articles per data set: enough to meet every kind of sentence, few enough for a test run.
SAMPLE = 25


@pytest.mark.parametrize(
    "name", ["mlsum-de/dev.jsonl", "10kgnad/dev.jsonl", "20min/examples.jsonl"]
)
def test_extractive_bullets_pass_the_guard_on_real_news(shared_data: Path, name: str) -> None:
    options = Options(check_language=False)
    summarizer = Summarizer(options)
    bullets = 0
    with (shared_data / name).open(encoding="utf-8") as handle:
        for line in itertools.islice(handle, SAMPLE):
            record = json.loads(line)
            doc = build_document(load_article(record["text"], options, title=record.get("title")))
            summary = summarizer.summarize_document(doc, options)
            for bullet in summary.bullets:
                bullets += 1
                evidence = [e.sentence for e in bullet.evidence]
                rules = {p.rule for p in check(bullet.text, doc, evidence).problems}
                assert not rules & {"numbers", "names", "quotes"}, bullet.text
                assert dangling_start(bullet.text) is None, bullet.text
                # Longer only to fill the summary up, and then it says so.
                if len(bullet.text) > options.max_chars:
                    assert len(bullet.text) <= 1.5 * options.max_chars, bullet.text
                    assert any("characters" in w for w in summary.warnings)
    assert bullets >= 2 * min(SAMPLE, 10)
