"""`kurzgefasst eval` end to end: hand-written articles, and 20 real ones when the data is there."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

pytest.importorskip("rouge_score")
pytest.importorskip("sumy")

from kurzgefasst.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "eval_articles.jsonl"
SCHEMA = {
    "n",
    "rouge1",
    "rouge2",
    "rougeLsum",
    "articles_per_second",
    "unsupported_numbers",
    "unsupported_names",
    "unsupported_quotes",
    "bullets_per_article",
    "chars_per_bullet",
}


def _data_dir() -> Path | None:
    env = os.environ.get("KURZGEFASST_DATA")
    path = Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared" / "data"
    return path if (path / "mlsum-de" / "dev.jsonl").is_file() else None


def test_report_on_hand_written_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report_path, markdown, png = tmp_path / "r.json", tmp_path / "r.md", tmp_path / "r.png"
    code = main(
        ["eval", "--data", str(FIXTURE), "--systems", "extractive,lead,lexrank,oracle,det5",
         "--compare", "extractive:lead", "--json", str(report_path), "--markdown", str(markdown),
         "--plot", str(png), "--quiet"]
    )  # fmt: skip
    assert code == 0
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["data"]["n"] == 3 and report["version"]
    assert list(report["systems"]) == ["extractive", "lead", "lexrank", "oracle", "det5"]
    for row in report["systems"].values():
        assert set(row) >= SCHEMA
    systems = report["systems"]
    # deT5's fixture output changes "9,4 Millionen" into "12 Millionen" and invents a quote.
    assert systems["det5"]["unsupported_numbers"] == 1
    assert systems["det5"]["unsupported_quotes"] == 1
    assert systems["det5"]["articles_per_second"] is None  # precomputed: no speed
    assert systems["det5"]["evidence_verbatim"] == 0.0
    assert systems["lead"]["unsupported_numbers"] == systems["lead"]["unsupported_quotes"] == 0
    assert systems["lead"]["evidence_verbatim"] == 1.0
    assert systems["lead"]["articles_per_second"] > 0
    assert systems["oracle"]["rouge1"] >= max(r["rouge1"] for r in systems.values())
    (comparison,) = report["comparisons"]
    assert comparison["a"] == "extractive" and comparison["b"] == "lead"
    assert (
        comparison["rouge1"]["ci_low"]
        <= comparison["rouge1"]["diff"]
        <= comparison["rouge1"]["ci_high"]
    )
    assert "| oracle (upper bound) |" in markdown.read_text(encoding="utf-8")
    assert png.read_bytes()[:4] == b"\x89PNG"
    table = capsys.readouterr().out
    assert "extractive − lead" in table and "det5" in table


def test_det5_joins_by_itself_when_the_data_has_it(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert (
        main(["eval", "--data", str(FIXTURE), "--limit", "1", "--json", str(out), "--quiet"]) == 0
    )
    assert "det5" in json.loads(out.read_text(encoding="utf-8"))["systems"]


def test_missing_data_is_one_clear_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["eval", "--data", str(tmp_path / "nope.jsonl")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no evaluation data" in err[0] and "--data" in err[0]


def test_unknown_system_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--data", str(FIXTURE), "--systems", "lead,bert"]) == 2
    assert "unknown system 'bert'" in capsys.readouterr().err


@pytest.mark.data
@pytest.mark.slow
def test_twenty_mlsum_articles(tmp_path: Path) -> None:
    data = _data_dir()
    if data is None:
        pytest.skip("evaluation data not found (../shared/data or $KURZGEFASST_DATA)")
    out = tmp_path / "r.json"
    code = main(
        ["eval", "--data", str(data / "mlsum-de" / "dev.jsonl"), "--limit", "20",
         "--json", str(out), "--compare", "extractive:lead", "--quiet"]
    )  # fmt: skip
    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    systems = report["systems"]
    assert report["data"]["n"] == 20 and all(row["n"] == 20 for row in systems.values())
    assert 10 < systems["lead"]["rouge1"] < 35
    assert systems["oracle"]["rouge1"] > max(
        r["rouge1"] for n, r in systems.items() if n != "oracle"
    )
    assert systems["extractive"]["bullets_per_article"] > 2
    assert all(row["articles_per_second"] > 0 for row in systems.values())


def test_plain_progress_and_per_article_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    per_article = tmp_path / "a.jsonl"
    code = main(
        ["eval", "--data", str(FIXTURE), "--systems", "lead,det5", "--offset", "1",
         "--per-article", str(per_article)]
    )  # fmt: skip
    assert code == 0
    captured = capsys.readouterr()
    assert "eval: 2/2 articles (100%)" in captured.err  # not a terminal: plain lines, no bar
    assert re.search(r"eval: 1/2 articles \(50%\), [\d.]+ articles/s, ETA \d+s", captured.err)
    records = [json.loads(line) for line in per_article.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["schule-2", "wetter-3"]
    lead = records[0]["systems"]["lead"]
    assert lead["bullets"][0].startswith("Der Freistaat Bayern will")  # dateline removed
    assert set(lead["scores"]) == {"rouge1", "rouge2", "rougeLsum"} and lead["ms"] > 0


def test_eval_process_does_not_load_scipy() -> None:
    """NLTK imports SciPy when it can (about 80 MB), for functions the evaluation never calls:
    the eval hides it while NLTK is imported, and the scores stay NLTK's and rouge-score's."""
    import subprocess
    import sys

    code = (
        "import sys; from kurzgefasst.evaluation.runner import require_eval_extra; "
        "require_eval_extra(); from kurzgefasst.evaluation.rouge import rouge; "
        "print(round(rouge(['Die Größe zählt.'], ['Größe zählt'])['rouge1'], 4), "
        "'scipy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    ).stdout.split()
    assert out[1] == "False"
    assert float(out[0]) > 0
