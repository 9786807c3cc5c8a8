"""scripts/diff_per_article.py: the check that a refactoring changed no bullet."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parents[1] / "scripts" / "diff_per_article.py"


def write(path: Path, bullets: dict[str, list[str]], ms: float) -> Path:
    rows = [
        {"id": key, "systems": {"extractive": {"bullets": value, "ms": ms, "scores": {}}}}
        for key, value in bullets.items()
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def run(before: Path, after: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(before), str(after)], capture_output=True, text=True
    )


def test_same_bullets_with_other_timings_are_identical(tmp_path: Path) -> None:
    bullets = {"a1": ["Kassel baut Radwege."], "a2": ["Der Rat tagte am Montag."]}
    result = run(
        write(tmp_path / "1.jsonl", bullets, 3.0), write(tmp_path / "2.jsonl", bullets, 9.0)
    )
    assert result.returncode == 0
    assert "identical: 2 articles" in result.stdout


def test_one_changed_bullet_is_shown_and_fails(tmp_path: Path) -> None:
    before = write(tmp_path / "1.jsonl", {"a1": ["Kassel baut Radwege."], "a2": ["X tagte."]}, 1)
    after = write(
        tmp_path / "2.jsonl", {"a1": ["Kassel baut neue Radwege."], "a2": ["X tagte."]}, 1
    )
    result = run(before, after)
    assert result.returncode == 1
    assert "a1 [extractive]" in result.stdout and "a2" not in result.stdout
    assert "+ ['Kassel baut neue Radwege.']" in result.stdout
    assert "1 of 2 articles differ" in result.stderr
