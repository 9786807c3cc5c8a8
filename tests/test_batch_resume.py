"""Kill -9 in the middle of a real batch, twice, then finish it: every id exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_batch_articles import make_articles, write_jsonl

N = 400


def complete_lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def start(source: Path, out: Path) -> subprocess.Popen:
    # A session of its own, so the kill reaches the workers too, as `kill -9` of a job does.
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kurzgefasst.cli",
            "batch",
            str(source),
            "-o",
            str(out),
            "--workers",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def kill_when(process: subprocess.Popen, out: Path, lines: int, timeout: float = 240) -> int:
    """SIGKILL the whole process group as soon as the output has ``lines`` complete lines."""
    deadline = time.monotonic() + timeout
    while complete_lines(out) < lines:
        assert process.poll() is None, f"finished before the kill: {process.stderr.read().decode()}"
        assert time.monotonic() < deadline, "no progress"
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    return complete_lines(out)


@pytest.mark.slow
def test_kill_minus_9_twice_then_rerun_gives_every_id_exactly_once(tmp_path):
    articles = make_articles(N, seed=11)
    source = write_jsonl(tmp_path / "archiv.jsonl", articles)
    out = tmp_path / "out.jsonl"

    first = kill_when(start(source, out), out, 40)
    second = kill_when(start(source, out), out, first + 60)
    assert first < second < N, "both kills must land in the middle of the run"

    final = subprocess.run(
        [
            sys.executable,
            "-m",
            "kurzgefasst.cli",
            "batch",
            str(source),
            "-o",
            str(out),
            "--workers",
            "2",
        ],
        capture_output=True,
        timeout=600,
        check=False,
    )
    assert final.returncode == 0, final.stderr.decode()
    assert "skipped (already in the output)" in final.stderr.decode(), "the rerun must resume"

    raw = out.read_bytes()
    assert raw.endswith(b"\n"), "no truncated last line"
    lines = [json.loads(line) for line in raw.decode("utf-8").splitlines()]  # all valid JSON
    ids = [line["id"] for line in lines]
    assert len(ids) == N, f"{len(ids)} lines for {N} records"
    assert sorted(ids) == sorted(a["id"] for a in articles), "every input id exactly once"
    # Every record is a whole summary: three bullets, or fewer with the notice that says why
    # (a generated article may have only two sentences that stand alone).
    for line in lines:
        summary = line["summary"]
        codes = [n["code"] for n in summary["notices"]]
        assert len(summary["bullets"]) == 3 or "few_bullets" in codes, summary
