"""The same batch on Ray Data (a real local runtime with 2 CPUs) gives the same output lines."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_batch_articles import make_articles, write_jsonl

ENGLISH = (
    "The city council approved a new budget on Tuesday. The mayor said the plan was a fair "
    "compromise. Critics warned that taxes would rise again next year."
)

pytest.importorskip("ray.data", reason="needs the [ray] extra")


def run_batch(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kurzgefasst.cli", "batch", *args],
        capture_output=True,
        timeout=900,
        check=False,
        env=env,
    )


def comparable(path: Path) -> dict[str, dict]:
    """Output lines by id, without timings (the only part that differs from run to run)."""
    result = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "summary" in record:
            record["summary"].pop("timings_ms")
        assert record["id"] not in result, f"duplicate id {record['id']}"
        result[record["id"]] = record
    return result


@pytest.mark.slow
def test_ray_local_runtime_gives_the_same_output_as_the_local_batch(tmp_path):
    articles = make_articles(200, seed=5)
    one = write_jsonl(tmp_path / "teil1.jsonl", articles[:120])
    two = tmp_path / "teil2.jsonl"
    write_jsonl(two, articles[120:])
    with two.open("a", encoding="utf-8") as f:
        f.write("{kein json}\n")
        f.write(
            json.dumps({"id": articles[3]["id"], "text": articles[4]["text"]}) + "\n"
        )  # duplicate
        f.write(json.dumps({"id": "englisch", "text": ENGLISH}) + "\n")
    inputs = [str(one), str(two)]

    local_out = tmp_path / "local.jsonl"
    local = run_batch(*inputs, "-o", str(local_out), "--workers", "2")
    assert local.returncode == 0, local.stderr.decode()

    ray_out = tmp_path / "ray.jsonl"
    ray = run_batch(
        *inputs, "-o", str(ray_out), "--ray", "local", "--workers", "2", "--ray-batch-size", "8"
    )
    assert ray.returncode == 0, ray.stderr.decode()
    assert "203 records" in ray.stderr.decode() and "200 ok, 3 errors" in ray.stderr.decode()
    assert "2 worker processes" in ray.stderr.decode(), "both actors must have worked"

    expected, got = comparable(local_out), comparable(ray_out)
    assert len(expected) == 203
    assert got == expected
    assert got[f"{two}:81"]["error"]["type"] == "bad_json"
    assert got[f"{two}:82"]["error"]["type"] == "duplicate_id"

    # Resuming a finished Ray job does not even start Ray.
    started = time.monotonic()
    again = run_batch(*inputs, "-o", str(ray_out), "--ray", "local", "--workers", "2")
    assert again.returncode == 0 and "203 skipped" in again.stderr.decode()
    assert time.monotonic() - started < 60


def test_ray_client_addresses_are_refused_with_the_way_that_works(tmp_path: Path) -> None:
    # Ray Data fails through Ray Client at its first batch (tried with Ray 2.60 on a two-node
    # cluster with ray[client]): say so before connecting, and name the Ray job instead.
    source = write_jsonl(tmp_path / "in.jsonl", make_articles(2))
    result = run_batch(str(source), "-o", str(tmp_path / "out.jsonl"), "--ray", "ray://127.0.0.1:1")
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    assert "ray job submit" in stderr and "--ray auto" in stderr, stderr
    assert not (tmp_path / "out.jsonl").exists() or not (tmp_path / "out.jsonl").read_text()


def test_an_unreachable_cluster_is_one_line_and_no_resume_advice(tmp_path: Path) -> None:
    import os

    from kurzgefasst.testing import free_port

    source = write_jsonl(tmp_path / "in.jsonl", make_articles(2))
    env = {**os.environ, "RAY_ADDRESS": f"127.0.0.1:{free_port()}"}  # nothing listens there
    result = run_batch(str(source), "-o", str(tmp_path / "out.jsonl"), "--ray", "auto", env=env)
    assert result.returncode == 2
    stderr = result.stderr.decode()
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "nothing answers" in lines[0], stderr
