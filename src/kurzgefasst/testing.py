"""Helpers for the tests and benchmark scripts that start real processes on 127.0.0.1.

Not used by the product itself; kept in the package so that ``tests/`` and ``benchmarks/``
share one copy instead of importing each other.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop_process(process: subprocess.Popen[bytes], timeout: float = 20) -> None:
    """SIGTERM, and SIGKILL if it has not exited within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def llama_server(
    gguf: Path, *, context: int = 2048, threads: int = 2, timeout: float = 180
) -> Iterator[str]:
    """llama.cpp's OpenAI server (extra [llm]) on a free 127.0.0.1 port; yields its /v1 URL.

    Ready once it lists its model; stopped afterwards. RuntimeError with the end of the
    server's log when it exits or is not ready within ``timeout`` seconds.
    """
    port = free_port()
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(gguf),
        "--host", "127.0.0.1", "--port", str(port), "--logits_all", "false",
        "--n_ctx", str(context), "--n_threads", str(threads),
    ]  # fmt: skip
    url = f"http://127.0.0.1:{port}/v1"
    # A file, not a pipe: the server logs a lot and must never block on a full pipe.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)

        def failure(reason: str) -> RuntimeError:
            log.seek(0)
            return RuntimeError(f"{reason}:\n{log.read().decode(errors='replace')[-3000:]}")

        try:
            deadline = time.monotonic() + timeout
            while True:
                if process.poll() is not None:
                    raise failure("llama_cpp.server exited")
                try:
                    with urllib.request.urlopen(f"{url}/models", timeout=2) as response:
                        if json.load(response)["data"]:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise failure(f"llama_cpp.server did not start within {timeout:.0f} s")
                time.sleep(0.5)
            yield url
        finally:
            stop_process(process)
