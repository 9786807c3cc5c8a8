"""The kurzgefasst command as a user runs it: a real subprocess, exit codes, stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kurzgefasst.cli", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def test_summarize_file_as_text() -> None:
    result = run("summarize", str(ROOT / "examples" / "artikel.txt"))
    assert result.returncode == 0, result.stderr
    title, blank, *lines = result.stdout.decode().strip().splitlines()
    assert title == "Pistorius kündigt neue Hilfe für die Ukraine an" and blank == ""
    assert len(lines) == 3 and all(line.startswith("• ") for line in lines)


def test_evidence_with_markdown() -> None:
    result = run(
        "summarize", str(ROOT / "examples" / "artikel.txt"), "-f", "markdown", "--evidence"
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert out.startswith("**Zusammenfassung**") and "  - Quelle: „" in out


def test_stdin_as_json() -> None:
    text = (ROOT / "examples" / "artikel.txt").read_bytes()
    result = run("summarize", "-", "--format", "json", stdin=text)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["bullets"]) == 3 and data["engine"] == "extractive"


def test_html_file_as_markdown_with_four_bullets() -> None:
    result = run(
        "summarize",
        str(ROOT / "tests" / "fixtures" / "wahl.html"),
        "--bullets",
        "4",
        "-f",
        "markdown",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert out.startswith("**Zusammenfassung**")
    assert out.count("\n- ") == 4


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00" * 50, "binary"),
        (
            b"The council approved a new cycling network on Tuesday evening after a long debate.",
            "German",
        ),
    ],
)
def test_errors_are_one_line_with_exit_code_2(stdin: bytes, message: str) -> None:
    result = run("summarize", "-", stdin=stdin)
    assert result.returncode == 2
    err = result.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and message in err and "Traceback" not in err


def test_missing_file() -> None:
    result = run("summarize", "/nonexistent/artikel.txt")
    assert result.returncode == 2 and "no such file" in result.stderr.decode()


def test_help_teaches() -> None:
    result = run("summarize", "--help")
    assert result.returncode == 0
    assert b"examples:" in result.stdout and b"--bullets" in result.stdout


def test_model_file_option(tmp_path) -> None:
    """--model uses a trained model file (here a copy of the shipped one, so the same bullets)."""
    import shutil

    from kurzgefasst.engines.extractive import _model_path

    copy = tmp_path / "mein-modell.json.gz"
    shutil.copy(_model_path(), copy)
    article = str(ROOT / "examples" / "artikel.txt")
    plain = run("summarize", article)
    mine = run("summarize", article, "--model", str(copy))
    assert mine.returncode == 0, mine.stderr
    assert mine.stdout == plain.stdout
    broken = tmp_path / "kaputt.json.gz"
    broken.write_bytes(b"kein Modell")
    failed = run("summarize", article, "--model", str(broken))
    assert failed.returncode == 2 and b"extractive model" in failed.stderr
    missing = run("summarize", article, "--model", str(tmp_path / "fehlt.gz"))
    assert missing.returncode == 2 and b"no such model file" in missing.stderr
    for command in ("batch", "serve", "eval", "feed"):
        assert b"--model FILE" in run(command, "--help").stdout
