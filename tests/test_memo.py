"""The one-way pipeline decides nothing twice: every draft and every guard verdict is asked of
the bullet stage and the guard once per Document (the memo answers the repeats)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kurzgefasst import Summarizer, bullets, guard

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "artikel.txt"


@pytest.mark.parametrize("bullet_count", [3, 5])
def test_no_candidate_is_drafted_or_guarded_twice(
    monkeypatch: pytest.MonkeyPatch, bullet_count: int
) -> None:
    drafts: Counter[tuple[Any, ...]] = Counter()
    verdicts: Counter[tuple[Any, ...]] = Counter()
    real_draft, real_check = bullets.draft, guard.check

    def counted_draft(candidate: Any, doc: Any, options: Any, verdict: Any = None) -> Any:
        drafts[(candidate.text, candidate.sentence_ids, options.tighten, options.max_chars)] += 1
        return real_draft(candidate, doc, options, verdict)

    def counted_check(text: str, doc: Any, ids: Any = (), *args: Any, **kwargs: Any) -> Any:
        verdicts[(text, tuple(ids))] += 1
        return real_check(text, doc, ids, *args, **kwargs)

    monkeypatch.setattr(bullets, "draft", counted_draft)
    monkeypatch.setattr(guard, "check", counted_check)
    # The box stage (rewrite) tries rewrites of its own; the pipeline's middle is what this
    # is about.
    summary = Summarizer().summarize(
        EXAMPLE.read_text(encoding="utf-8"), bullets=bullet_count, rewrite=False
    )
    assert len(summary.bullets) == bullet_count
    assert drafts and verdicts, "the counters must see the calls"
    assert max(drafts.values()) == 1, [k for k, n in drafts.items() if n > 1]
    assert max(verdicts.values()) == 1, [k for k, n in verdicts.items() if n > 1]
