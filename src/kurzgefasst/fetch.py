"""Fetch a news page by URL without becoming a server-side request forgery tool.

Only http/https; the host is resolved once and every address must be public (no loopback,
private, link-local, reserved or multicast), the connection goes to that vetted address (so a
DNS answer cannot change between check and use), every redirect is checked again (at most 3),
and time, size and content type are limited.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .errors import FetchError, FetchTimeoutError, UnsafeURLError

HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "kurzgefasst/0.1 (+summarizer of German news)"


@dataclass(frozen=True)
class FetchedPage:
    url: str  # final URL after redirects
    html: bytes
    content_type: str


def _vetted_address(host: str, port: int, allow_private: bool) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r}") from exc
    addresses = [info[4][0] for info in infos]
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if not allow_private and not ip.is_global:
            raise UnsafeURLError(
                f"refusing to fetch {host!r}: it resolves to a non-public address ({ip})"
            )
        if ip.is_multicast or ip.is_unspecified:
            raise UnsafeURLError(f"refusing to fetch {host!r}: it resolves to {ip}")
    return addresses[0]


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a vetted IP while still verifying the certificate for the host name."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _open(url: str, timeout: float, allow_private: bool) -> http.client.HTTPResponse:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeURLError(
            f"only http and https URLs can be fetched, not {parts.scheme or 'no scheme'!r}"
        )
    if not parts.hostname:
        raise UnsafeURLError("the URL has no host")
    if parts.username or parts.password:
        raise UnsafeURLError("URLs with credentials are refused")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _vetted_address(parts.hostname, port, allow_private)
    connection: http.client.HTTPConnection
    if parts.scheme == "https":
        connection = _PinnedHTTPSConnection(parts.hostname, address, port, timeout)
    else:
        connection = http.client.HTTPConnection(address, port, timeout=timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    host_header = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
    connection.request(
        "GET", path, headers={"Host": host_header, "User-Agent": USER_AGENT, "Accept": "text/html"}
    )
    return connection.getresponse()


def fetch_url(
    url: str,
    *,
    timeout: float = 10.0,
    max_bytes: int = 5_000_000,
    max_redirects: int = 3,
    allow_private: bool = False,
) -> FetchedPage:
    """GET an HTML page. ``allow_private`` is for trusted local use (the CLI), never a server."""
    deadline = time.monotonic() + timeout
    for _ in range(max_redirects + 1):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchTimeoutError(f"fetching {url} took longer than {timeout:g} s")
        try:
            response = _open(url, remaining, allow_private)
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                response.close()
                if not location:
                    raise FetchError(f"redirect without a Location from {url}")
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise FetchError(f"{url} answered HTTP {response.status}")
            content_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
            if content_type not in HTML_TYPES:
                raise FetchError(f"{url} is {content_type or 'of unknown type'}, not an HTML page")
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url} is larger than {max_bytes:,} bytes")
            body = b""
            while len(body) <= max_bytes:
                if time.monotonic() > deadline:
                    raise FetchTimeoutError(f"fetching {url} took longer than {timeout:g} s")
                chunk = response.read(65536)
                if not chunk:
                    break
                body += chunk
            response.close()
            if len(body) > max_bytes:
                raise FetchError(f"{url} is larger than {max_bytes:,} bytes")
            return FetchedPage(url=url, html=body, content_type=content_type)
        except TimeoutError as exc:
            raise FetchTimeoutError(f"fetching {url} took longer than {timeout:g} s") from exc
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(f"cannot fetch {url}: {exc}") from exc
    raise FetchError(f"more than {max_redirects} redirects from {url}")
