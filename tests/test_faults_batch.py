"""`kurzgefasst batch` under poison input and operator faults, run as real processes."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from test_batch_articles import make_articles, write_jsonl

SRC = Path(__file__).resolve().parents[1] / "src"


def batch(
    *args: str, timeout: float = 300, preexec: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kurzgefasst.cli", "batch", "--progress", "none", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        preexec_fn=preexec,
    )


def start_batch(*args: str, stdin: int | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kurzgefasst.cli", "batch", "--progress", "none", *args],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def lines_of(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert not raw or raw.endswith(b"\n"), "the output must end with a complete line"
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


def assert_exactly_once(path: Path, ids: list[str]) -> None:
    found = [line["id"] for line in lines_of(path)]
    assert sorted(found) == sorted(ids), (len(found), len(ids))


def test_each_poison_line_costs_one_error_record(tmp_path: Path) -> None:
    articles = make_articles(3)
    good = [json.dumps(a, ensure_ascii=False) for a in articles]
    poison = [
        '{"id": "zahl", "text": "Text", "n": ' + "7" * 5000 + "}",  # int over 4,300 digits
        "[" * 100_000 + "]" * 100_000,  # RecursionError in json.loads
        '{"id": "\\ud800", "text": "Der Rat tagte am Montag."}',  # lone surrogate as id
        '{"id": "feld", "text": "Der Rat tagte.", "quelle": "\\udfff"}',
    ]
    source = tmp_path / "gift.jsonl"
    source.write_text("\n".join([good[0], *poison, *good[1:]]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    for _ in range(2):  # the same on a resumed run: the job can finish
        result = batch(str(source), "-o", str(out), "--workers", "1")
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    lines = lines_of(out)
    assert len(lines) == 7
    errors = {line["id"]: line["error"] for line in lines if "error" in line}
    assert sorted(errors) == [f"{source}:{n}" for n in (2, 3, 4, 5)]
    assert {e["type"] for e in errors.values()} <= {"bad_json", "bad_record"}
    assert sum("summary" in line for line in lines) == 3


def test_a_huge_line_costs_one_record_and_little_memory(tmp_path: Path) -> None:
    # 2 GB without a newline through standard input, in a process allowed 1.5 GB of address
    # space: read whole, the line (and its count for the progress total) would not fit.
    import resource

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1_500 << 20, 1_500 << 20))

    articles = make_articles(2)
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "kurzgefasst.cli", "batch", "--progress", "none", "-",
         "-o", str(out), "--workers", "1"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=limit_memory,
    )  # fmt: skip
    assert process.stdin is not None
    process.stdin.write((json.dumps(articles[0], ensure_ascii=False) + "\n").encode())
    process.stdin.write(b'{"id": "riesig", "text": "')
    chunk = b"Der Rat tagte am Montag. " * 40_000  # 1 MB
    for _ in range(2_000):
        process.stdin.write(chunk)
    process.stdin.write(b'"}\n' + (json.dumps(articles[1], ensure_ascii=False) + "\n").encode())
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr
    lines = lines_of(out)
    assert [line.get("error", {}).get("type") for line in lines] == [None, "input_too_large", None]
    assert lines[1]["id"] == "stdin:2"


def test_bounded_lines_skip_a_long_line_to_its_end() -> None:
    import io

    from kurzgefasst.batch.records import bounded_lines

    stream = io.BytesIO(b"kurz\n" + b"x" * 5_000_000 + b"\nnoch eine\n" + b"y" * 20)
    assert list(bounded_lines(stream, 100)) == [b"kurz\n", None, b"noch eine\n", b"y" * 20]
    assert list(bounded_lines(io.BytesIO(b"z" * 101), 100)) == [None]


def test_two_runs_on_one_output_under_two_names_never_lose_a_line(tmp_path: Path) -> None:
    articles = make_articles(40)
    source = write_jsonl(tmp_path / "in.jsonl", articles)
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    link = tmp_path / "verweis.jsonl"
    link.symlink_to(out)
    # The first run reads standard input: it stays alive until the input is closed, however
    # fast this machine summarizes.
    first = start_batch("-", "-o", str(out), "--workers", "1", stdin=subprocess.PIPE)
    assert first.stdin is not None
    first.stdin.writelines(lines[:20])
    first.stdin.flush()
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "out.jsonl.job.sqlite").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        assert first.poll() is None, "the first run ended too early for this test"
        # Through a symlink, and with a job store of its own: both used to run and interleave.
        for args in (
            ("-o", str(link)),
            ("-o", str(link), "--store", str(tmp_path / "b.sqlite")),
            ("-o", str(out), "--store", str(tmp_path / "c.sqlite")),
            ("-o", str(out), "--restart"),
        ):
            second = batch(str(source), *args, "--workers", "1")
            assert second.returncode == 2, second.stderr
            assert "another kurzgefasst batch is writing" in second.stderr
            assert str(out) in second.stderr
        assert first.poll() is None, "the first run ended before the last refused run"
        first.stdin.writelines(lines[20:])
        first.stdin.close()
        assert first.wait(timeout=300) == 0, first.stderr.read() if first.stderr else ""
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert_exactly_once(out, [a["id"] for a in articles])


def test_store_or_output_that_is_a_folder_is_one_clear_line(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", make_articles(1))
    (tmp_path / "ordner").mkdir()
    for args in (
        ("-o", str(tmp_path / "ordner")),
        ("-o", str(tmp_path / "out.jsonl"), "--store", str(tmp_path / "ordner")),
    ):
        result = batch(str(source), *args)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert "is a folder" in result.stderr


@contextlib.contextmanager
def filesystem(size: str) -> Iterator[Path]:
    """A real small filesystem (tmpfs): real ENOSPC when full, real EROFS when read-only."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    with tempfile.TemporaryDirectory() as folder:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", folder],
            capture_output=True, check=False,
        )  # fmt: skip
        if mounted.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.decode(errors='replace')}")
        try:
            yield Path(folder)
        finally:
            subprocess.run(["umount", "-l", folder], check=False)


def remount(folder: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(folder)], check=True)


def test_read_only_output_folder_or_file_is_one_clear_line(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", make_articles(1))
    with filesystem("1m") as folder:
        (folder / "nur-lesen.jsonl").write_text("")
        remount(folder, "ro")
        for args in (
            ("-o", str(folder / "neu" / "out.jsonl")),
            ("-o", str(folder / "out.jsonl")),
            ("-o", str(folder / "nur-lesen.jsonl"), "--store", str(tmp_path / "x.sqlite")),
            ("-o", str(tmp_path / "out.jsonl"), "--store", str(folder / "x.sqlite")),
        ):
            result = batch(str(source), *args)
            assert result.returncode == 2, result.stderr
            assert "Traceback" not in result.stderr
            assert result.stderr.count("\n") == 1, result.stderr
            assert "cannot" in result.stderr
            assert "read-only" in result.stderr.lower() or "not writable" in result.stderr


def test_a_full_disk_stops_with_one_line_and_resumes_exactly(tmp_path: Path) -> None:
    articles = make_articles(24)
    source = write_jsonl(tmp_path / "in.jsonl", articles)
    with filesystem("48k") as folder:
        out = folder / "out.jsonl"
        args = (str(source), "-o", str(out), "--workers", "1")
        full = batch(*args)
        assert full.returncode == 2, full.stderr
        assert "Traceback" not in full.stderr
        assert "No space left on device" in full.stderr or "disk is full" in full.stderr
        assert "rerun the same command to resume" in full.stderr
        remount(folder, "size=8m")
        resumed = batch(*args)
        assert resumed.returncode == 0, resumed.stderr
        assert_exactly_once(out, [a["id"] for a in articles])


def descendants(pid: int) -> list[int]:
    found: list[int] = []
    todo = [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):
                children = [int(c) for c in (task / "children").read_text().split()]
                found += children
                todo += children
    return found


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_workers_end_when_the_batch_is_killed(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", make_articles(400))
    process = start_batch(str(source), "-o", str(tmp_path / "out.jsonl"), "--workers", "2")
    children: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if (tmp_path / "out.jsonl").exists() and (tmp_path / "out.jsonl").stat().st_size:
                break
            time.sleep(0.2)
        children = descendants(process.pid)
        assert len(children) >= 3  # forkserver, two workers, resource tracker
        process.send_signal(signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 10
        while (left := [p for p in children if alive(p)]) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not left, f"still running after kill -9 of the batch: {left}"
    finally:
        for pid in [*children, *descendants(process.pid)]:
            if alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        if process.poll() is None:
            process.kill()
            process.wait()
