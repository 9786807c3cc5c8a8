"""Why could we not connect to a Ray cluster? One line that names the likely cause.

Ray reports a refused token, a wrong address and a version mismatch all as "Failed to connect
to Ray cluster" or "ray client connection timeout"; the cause hides in the exception chain, or
nowhere (Ray Client). So: read the chain for known marks, and when it says nothing, test the
address ourselves: a port that does not answer is an address problem, one that answers while
this process has no token authentication configured is most likely authentication.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import KurzgefasstError


class ClusterUnreachableError(KurzgefasstError):
    """No connection to the Ray cluster: the job never started (nothing to resume)."""

    code = "cluster_unreachable"


TOKEN_HELP = (
    "export RAY_AUTH_MODE=token and the cluster's token (RAY_AUTH_TOKEN_PATH=FILE, "
    "RAY_AUTH_TOKEN, or ~/.ray/auth_token) as on every node; see docs/batch.md"
)
AUTH_MARKS = ("unauthenticated", "invalidauthtoken", "authentication token", "authenticationerror")
VERSION_MARKS = ("version mismatch", "versions differ", "version_mismatch", "python minor version")


def _chain(exc: BaseException) -> str:
    parts = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        parts.append(f"{type(current).__name__}: {current}")
        current = current.__cause__ or current.__context__
    return " | ".join(parts)


def token_configured() -> bool:
    if os.environ.get("RAY_AUTH_MODE", "").lower() != "token":
        return False
    path = os.environ.get("RAY_AUTH_TOKEN_PATH")
    return bool(
        os.environ.get("RAY_AUTH_TOKEN")
        or (path and Path(path).is_file())
        or (Path.home() / ".ray" / "auth_token").is_file()
    )


def host_port(address: str) -> tuple[str, int] | None:
    """HOST:PORT of ``ray://HOST:PORT`` or ``HOST:PORT`` (RAY_ADDRESS for ``auto``)."""
    if address == "auto":
        address = os.environ.get("RAY_ADDRESS", "")
    if not address or address == "auto":
        return None
    parts = urlsplit(address if "://" in address else f"gcs://{address}")
    if parts.hostname is None or parts.port is None:
        return None
    return parts.hostname, parts.port


def answers(host: str, port: int, timeout: float = 3.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout):
            return True
    except OSError:
        return False


def explain(address: str, exc: BaseException) -> str:
    """The one-line message for a failed ``ray.init(address=...)``."""
    chain = _chain(exc)
    low = chain.lower()
    where = f"Ray cluster at {address!r}" + (
        f" ({os.environ['RAY_ADDRESS']})"
        if address == "auto" and os.environ.get("RAY_ADDRESS")
        else ""
    )
    if any(mark in low for mark in VERSION_MARKS):
        import ray

        return (
            f"version mismatch between this client (Ray {ray.__version__}) and the {where}: "
            "install the cluster's Ray and Python versions here"
        )
    if any(mark in low for mark in AUTH_MARKS):
        return f"the {where} refused our authentication token: {TOKEN_HELP}"
    if "could not find any running ray instance" in low:
        return (
            f"no {where} found: start one with 'ray start --head', set RAY_ADDRESS=HOST:PORT, "
            "or use --ray local"
        )
    target = host_port(address)
    if target is not None and not answers(*target):
        return (
            f"cannot reach the {where}: nothing answers at {target[0]}:{target[1]} "
            "(wrong address or port, head not running, or a firewall)"
        )
    if not token_configured():
        return (
            f"cannot connect to the {where} although its port answers: most likely it uses "
            f"token authentication (the default since Ray 2.5x): {TOKEN_HELP}"
        )
    return (
        f"cannot connect to the {where} although its port answers and a token is set: check "
        f"that the token is the cluster's and that Ray and Python versions match ({chain[:200]})"
    )
