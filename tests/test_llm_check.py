"""Checking a box written anywhere (a model, a CMS, an editor) against its article.

One function behind the Python API, ``kurzgefasst check`` and the service: per bullet ok or
the problems (codes and German messages) and the evidence sentences with offsets; the command
exits 1 when a bullet fails, so a CMS pipeline can stop on it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kurzgefasst import check_box
from kurzgefasst.check import parse_box

FIXTURE = Path(__file__).parent / "fixtures" / "llm_hafenbruecke.txt"
ARTICLE = FIXTURE.read_text(encoding="utf-8")

GOOD = "Der Stadtrat von Hohenfurt hat am Dienstag die Sanierung der Hafenbrücke beschlossen."
WRONG_NUMBER = "Die Sanierung der Hafenbrücke soll 84 Millionen Euro kosten."
NO_SOURCE = "Während der Bauzeit drohen lange Staus in der Innenstadt."
QUESTION = "Warum ist die Hafenbrücke für Hohenfurt so wichtig?"


def test_each_bullet_gets_ok_or_its_problems_in_german_with_evidence_offsets() -> None:
    result = check_box(ARTICLE, [GOOD, WRONG_NUMBER, NO_SOURCE, QUESTION])
    good, number, source, question = result.bullets
    assert not result.ok
    assert good.ok and good.problems == ()
    assert [p.code for p in number.problems] == ["numbers"]
    assert "„84 Millionen“ steht nicht im Artikel" in number.problems[0].message
    assert [p.code for p in source.problems] == ["attribution"]
    assert "„laut dem Fraktionsvorsitzenden Jonas Brückner“" in source.problems[0].message
    assert [p.code for p in question.problems] == ["standalone"]
    assert "Frage" in question.problems[0].message
    for bullet in result.bullets:
        for ev in bullet.evidence:
            assert result.source_text[ev.start : ev.end] == ev.text
    assert any("48 Millionen Euro" in ev.text for ev in number.evidence)  # what it says instead


def test_a_place_the_article_names_by_its_adjective_passes_and_a_dropped_hedge_does_not() -> None:
    """ "Zürich" for the article's "Zürcher" is a paraphrase (the guard reads place adjectives);
    "Velodieb" for its "mutmasslichen Velodieb" states a suspicion as fact."""
    article = (
        "Zürcher Polizei fasst Velodieb\n\n"
        "Die Zürcher Stadtpolizei hat am Montag einen mutmasslichen Velodieb festgenommen. "
        "Der Mann hatte laut Polizei in drei Wochen 40 Velos gestohlen und im Internet verkauft. "
        "Die Ermittlungen dauern an."
    )
    result = check_box(article, ["Die Stadtpolizei Zürich hat am Montag einen Velodieb gefasst."])
    codes = {p.code for p in result.bullets[0].problems}
    assert "names" not in codes
    assert "attribution" in codes
    ok = check_box(article, ["Die Stadtpolizei Zürich hat einen mutmasslichen Velodieb gefasst."])
    assert ok.bullets[0].ok, ok.bullets[0].problems


@pytest.mark.parametrize(
    "box",
    [
        f"{GOOD}\n{WRONG_NUMBER}\n",
        f"## Das Wichtigste\n\n- {GOOD}\n- Die Sanierung der Hafenbrücke soll\n  84 Millionen Euro kosten.\n",
        f"1. {GOOD}\n2. {WRONG_NUMBER}",
        json.dumps([GOOD, WRONG_NUMBER]),
        json.dumps({"bullets": [{"text": GOOD}, {"text": WRONG_NUMBER}]}),
    ],
    ids=["lines", "markdown-wrapped", "numbered", "json-list", "json-object"],
)
def test_a_box_as_lines_markdown_or_json_gives_the_same_bullets(box: str) -> None:
    assert parse_box(box) == [GOOD, WRONG_NUMBER]


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kurzgefasst.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_exits_1_when_a_bullet_fails_and_0_when_all_pass(tmp_path: Path) -> None:
    box = tmp_path / "kasten.md"
    box.write_text(f"- {GOOD}\n- {WRONG_NUMBER}\n", encoding="utf-8")
    failing = run_cli("check", str(FIXTURE), str(box))
    assert failing.returncode == 1, failing.stderr
    assert "FEHLER 2." in failing.stdout and "84 Millionen" in failing.stdout
    passing = run_cli("check", str(FIXTURE), "-", "--format", "json", stdin=f"{GOOD}\n")
    assert passing.returncode == 0, passing.stderr
    data = json.loads(passing.stdout)
    assert data["ok"] is True
    [bullet] = data["bullets"]
    assert set(bullet) == {"text", "ok", "problems", "evidence"}
    assert set(bullet["evidence"][0]) == {"text", "start", "end", "sentence"}


def test_check_help_teaches_with_an_example() -> None:
    result = run_cli("check", "--help")
    assert result.returncode == 0
    assert "kurzgefasst check artikel.txt kasten.md" in result.stdout
    assert "echo $?" in result.stdout and "FEHLER" in result.stdout


def test_the_service_endpoint_answers_what_check_box_answers() -> None:
    httpx = pytest.importorskip("httpx")
    pytest.importorskip("fastapi")
    from service_support import running

    expected = check_box(ARTICLE, [GOOD, WRONG_NUMBER]).to_dict()
    with running() as service, httpx.Client(base_url=service.base, timeout=60) as client:
        response = client.post("/v1/check", json={"text": ARTICLE, "bullets": [GOOD, WRONG_NUMBER]})
        assert response.status_code == 200, response.text
        assert response.json() == expected
        assert response.json()["bullets"][1]["problems"][0]["code"] == "numbers"
        no_box = client.post("/v1/check", json={"text": ARTICLE, "bullets": []})
        assert no_box.status_code == 422
        schema = client.get("/openapi.json").json()
        assert "/v1/check" in schema["paths"]
