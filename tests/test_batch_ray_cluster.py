"""docs/batch.md's cluster recipe, run for real: a head and one worker node on loopback with
token authentication, `batch --ray auto` against it, every box compared with the local pool's.
Both nodes are `ray start --block` processes stopped by their own process ids (never
`ray stop`, which would stop every Ray on the machine)."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kurzgefasst.testing import free_port
from test_batch_articles import make_articles, write_jsonl

pytest.importorskip("ray.data", reason="needs the [ray] extra")
RAY = str(Path(sys.executable).with_name("ray"))
#: A loopback address Ray keeps as given: it rewrites "127.0.0.1" and "localhost" to the
#: machine's outward address, which a sandbox may not let a connection reach (CI: 192.0.2.2).
LOOPBACK = "127.0.0.2"


def cluster_env(token_file: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    env.update(
        RAY_AUTH_MODE="token",
        RAY_AUTH_TOKEN_PATH=str(token_file),
        # Stop at SIGTERM without the 30 s drain meant for Ray Serve replicas.
        RAY_GRACEFUL_SHUTDOWN_DRAIN_TIMEOUT_S="0",
        RAY_USAGE_STATS_ENABLED="0",
    )
    return env


def start_node(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [RAY, "start", "--block", "--node-ip-address", LOOPBACK, "--num-cpus", "1",
             "--disable-usage-stats", *args],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            with contextlib.suppress(OSError):
                children = [int(c) for c in (task / "children").read_text().split()]
                found += children
                todo += children
    return found


def stop_node(node: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the node's own process (it stops its raylet and friends), then SIGKILL to
    whatever of its process tree is left after 60 s."""
    tree = descendants(node.pid)
    node.send_signal(signal.SIGTERM)
    try:
        node.wait(timeout=60)
    except subprocess.TimeoutExpired:
        node.kill()
        node.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in tree):
        time.sleep(0.5)
    for pid in tree:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def wait_for_nodes(env: dict[str, str], address: str, count: int, timeout: float = 120) -> None:
    probe = (
        "import ray, logging; ray.init(address='auto', logging_level=logging.ERROR); "
        "print(sum(1 for n in ray.nodes() if n['Alive']))"
    )
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        done = subprocess.run(
            [sys.executable, "-c", probe], env={**env, "RAY_ADDRESS": address},
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        last = done.stdout.strip() + done.stderr[-500:]
        if done.stdout.strip().isdigit() and int(done.stdout.strip()) >= count:
            return
        time.sleep(2)
    raise RuntimeError(f"the cluster did not get {count} nodes: {last}")


def client_server_port() -> list[str]:
    """A free port for the Ray Client server when ``ray[client]`` is installed (the head then
    starts one, by default on 10001); ``ray start`` refuses the option without it."""
    if importlib.util.find_spec("grpc") is None:
        return []
    return ["--ray-client-server-port", str(free_port())]


@contextlib.contextmanager
def two_node_cluster(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    token = tmp_path / "ray_token"
    token.write_text(secrets.token_hex(32))
    token.chmod(0o600)
    env = cluster_env(token)
    port = free_port()
    address = f"{LOOPBACK}:{port}"
    nodes: list[subprocess.Popen[bytes]] = []
    try:
        nodes.append(
            start_node(
                [
                    "--head",
                    "--port",
                    str(port),
                    "--include-dashboard",
                    "false",
                    *client_server_port(),
                    "--dashboard-agent-listen-port",
                    str(free_port()),
                ],
                env,
                tmp_path / "head.log",
            )
        )
        wait_for_nodes(env, address, 1)
        nodes.append(
            start_node(
                ["--address", address, "--dashboard-agent-listen-port", str(free_port())],
                env,
                tmp_path / "worker.log",
            )
        )
        wait_for_nodes(env, address, 2)
        yield address, env
    except RuntimeError as exc:
        logs = "".join(p.read_text(errors="replace")[-2000:] for p in tmp_path.glob("*.log"))
        raise RuntimeError(f"{exc}\n{logs}") from None
    finally:
        for node in reversed(nodes):
            stop_node(node)


def boxes(path: Path) -> dict[str, object]:
    result = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "summary" in record:
            record["summary"].pop("timings_ms")
        result[record["id"]] = record
    return result


def batch(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kurzgefasst.cli", "batch", "--progress", "none", *args],
        capture_output=True, text=True, timeout=900, check=False, env=env,
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.skipif(not Path(RAY).exists(), reason="no ray command next to this Python")
def test_two_node_cluster_with_token_auth_gives_the_local_boxes(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", make_articles(40, seed=11))
    local_out = tmp_path / "local.jsonl"
    local = batch(str(source), "-o", str(local_out), "--workers", "2")
    assert local.returncode == 0, local.stderr

    with two_node_cluster(tmp_path) as (address, env):
        # Without the token the client is refused, and the message says why in one line.
        no_token = {k: v for k, v in env.items() if not k.startswith("RAY_AUTH")}
        refused = batch(
            str(source), "-o", str(tmp_path / "x.jsonl"), "--ray", "auto",
            env={**no_token, "RAY_ADDRESS": address},
        )  # fmt: skip
        assert refused.returncode == 2
        error = [line for line in refused.stderr.splitlines() if "kurzgefasst: error:" in line]
        assert len(error) == 1 and "authentication" in error[0], refused.stderr

        ray_out = tmp_path / "ray.jsonl"
        done = batch(
            str(source), "-o", str(ray_out), "--ray", "auto", env={**env, "RAY_ADDRESS": address}
        )
        assert done.returncode == 0, done.stderr
        tally = done.stderr
    assert boxes(ray_out) == boxes(local_out)
    assert len(boxes(ray_out)) == 40
    assert "40 ok" in tally, tally


def test_errors_name_the_likely_cause(monkeypatch: pytest.MonkeyPatch) -> None:
    from kurzgefasst.batch.ray_errors import explain

    # Ray's own wording (ray._private.utils.check_version_info), wrapped as ray.init wraps it.
    try:
        try:
            raise RuntimeError("Version mismatch: The cluster was started with: Ray: 2.49.0")
        except RuntimeError as inner:
            raise ConnectionError("Failed to connect to Ray cluster at 10.0.0.1:6379") from inner
    except ConnectionError as exc:
        message = explain("auto", exc)
    assert message.startswith("version mismatch") and "\n" not in message
    port = free_port()  # nothing listens here
    monkeypatch.setenv("RAY_ADDRESS", f"127.0.0.1:{port}")
    message = explain("auto", ConnectionError("ray client connection timeout"))
    assert f"nothing answers at 127.0.0.1:{port}" in message
    message = explain(f"ray://127.0.0.1:{port}", ConnectionError("ray client connection timeout"))
    assert "wrong address or port" in message
