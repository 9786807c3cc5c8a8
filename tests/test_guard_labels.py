"""The guard against blinded fact-checkers: `kurzgefasst eval --guard-labels`.

The labelled set (tests/fixtures/guard/labels.jsonl) refers to bullets of the shared data by
article id and index; without ../shared/data the command says so and exits cleanly.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kurzgefasst.cli import main
from kurzgefasst.evaluation import guard_labels

LABELS = Path(__file__).parent / "fixtures" / "guard" / "labels.jsonl"
HAND = Path(__file__).parent / "fixtures" / "guard" / "hand_bullets.tsv"


def test_without_shared_data_the_guard_eval_skips_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["eval", "--guard-labels", str(LABELS), "--data", str(tmp_path)])
    assert code == 0
    assert "skipped" in capsys.readouterr().err


def test_confusion_counts_rejections_of_bad_and_of_faithful_bullets() -> None:
    bullet = guard_labels.LabelledBullet("a", "hand", 0, "x", faithful=True, split="tune")
    bad = guard_labels.LabelledBullet("a", "hand", 1, "y", faithful=False, split="heldout")
    outcomes = [
        guard_labels.Outcome(bullet, ("novel",), ("novel: x",), 1.0),
        guard_labels.Outcome(bad, ("numbers",), ("numbers: y",), 3.0),
        guard_labels.Outcome(bad, (), (), 2.0),
    ]
    result = guard_labels.report(outcomes)
    overall = result["groups"]["all"]
    assert (overall["caught"], overall["missed"], overall["false_alarms"]) == (1, 1, 1)
    assert overall["recall"] == 0.5 and overall["false_alarm_rate"] == 1.0
    assert result["median_ms"] == 2.0
    assert result["groups"]["split:heldout"]["bad"] == 2


@pytest.mark.data
def test_guard_eval_reports_precision_and_recall_on_the_labelled_set(
    shared_data: Path, tmp_path: Path
) -> None:
    if not LABELS.exists():
        pytest.skip("no labelled set yet")
    out = tmp_path / "guard.json"
    code = main(
        ["eval", "--guard-labels", str(LABELS), "--data", str(shared_data),
         "--json", str(out), "--quiet"]
    )  # fmt: skip
    assert code == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    assert result["bullets"] == len(labels)
    assert {"split:tune", "split:heldout", "source:hand"} <= set(result["groups"])
    # Hand-written bullets are stored with their text; data bullets only by reference.
    assert all(("text" in label) == (label["source"] == "hand") for label in labels)


def test_hand_bullets_name_their_article_and_what_they_probe() -> None:
    rows = [line.split("\t") for line in HAND.read_text(encoding="utf-8").splitlines()]
    assert all(len(row) == 3 and row[0].startswith("20min-") for row in rows)
    kinds = {row[1] for row in rows}
    assert {"number-referent", "dropped-source", "soll-overstated", "fused"} <= kinds
