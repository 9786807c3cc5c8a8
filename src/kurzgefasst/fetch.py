"""Fetch a news page by URL without becoming a server-side request forgery tool.

A URL given to the service is a request a stranger makes from inside our network, so:

- only http and https, no credentials in the URL;
- the host is resolved once and *every* address must be public: loopback, private, link-local,
  shared (CGNAT), reserved, multicast and unspecified addresses are refused, also when they hide
  inside an IPv6 address (IPv4-mapped, IPv4-compatible, 6to4, NAT64);
- the connection goes to the vetted address (so a second DNS answer cannot differ from the
  checked one), with the certificate still verified for the host name;
- every redirect is checked the same way, at most ``max_redirects`` of them;
- one deadline for everything (DNS, every address tried, connect, headers, body): each connect
  attempt gets only the time that is left, the body is read in a loop that checks the clock and
  shortens the socket timeout before every read, and a watchdog that keeps its own reference to
  every socket shuts it down when the deadline passes (http.client drops its reference for a
  close-delimited body, so the connection object is not enough), so a server that drips one byte
  at a time cannot hold a worker;
- at most ``max_bytes`` (5 MB) of body, only ``text/html`` or ``application/xhtml+xml``, no
  compressed bodies (we never ask for them, so no decompression bomb).
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from .errors import ConfigurationError, FetchError, FetchTimeoutError, UnsafeURLError

HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "kurzgefasst/0.1 (+summarizer of German news)"
MAX_BYTES = 5_000_000
REDIRECTS = (301, 302, 303, 307, 308)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")

# getaddrinfo has no timeout of its own; resolving in a small pool lets the deadline apply.
_resolver_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="kurzgefasst-dns")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchedPage:
    url: str  # final URL after redirects
    html: bytes
    content_type: str


def unsafe_reason(ip: IPAddress) -> str | None:
    """Why a server must not connect to ``ip`` (None when it is an ordinary public address)."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            reason = unsafe_reason(embedded)
            return f"{reason} (inside {ip})" if reason else None
        if ip in _NAT64_LOCAL:
            return "a local NAT64 address"
    checks = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "a non-public address"),
    )
    for failed, reason in checks:
        if failed:
            return reason
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64 or (ip in _IPV4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _resolve(host: str, port: int, deadline: float) -> list[str]:
    future = _resolver_pool.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = future.result(timeout=max(0.0, deadline - time.monotonic()))
    except FutureTimeout:
        raise FetchTimeoutError(f"resolving {host!r} took too long") from None
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchError(f"cannot resolve host {host!r}")
    return addresses


def _vetted_addresses(
    host: str, port: int, deadline: float, allow_private: bool, trusted: bool
) -> list[str]:
    """Resolve ``host``; refuse it if *any* address is unsafe (one bad answer is enough)."""
    addresses = _resolve(host, port, deadline)
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        reason = unsafe_reason(ip)
        if reason is None or trusted:
            continue
        always_refused = ip.is_multicast or ip.is_unspecified
        if not allow_private or always_refused:
            raise UnsafeURLError(f"refusing to fetch {host!r}: it resolves to {reason} ({ip})")
    return addresses


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to vetted IP addresses, whatever the host name would resolve to later."""

    def __init__(self, host: str, addresses: list[str], port: int, deadline: float) -> None:
        super().__init__(host, port, timeout=max(0.001, deadline - time.monotonic()))
        self._addresses = addresses
        self.deadline = deadline
        #: Every socket this connection opened, for the watchdog (see the module docstring).
        self.sockets: list[socket.socket] = []

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the fetch deadline passed")
        return left

    def _connect_socket(self) -> socket.socket:
        last: OSError | None = None
        for address in self._addresses:
            # Each address gets only what is left of the one deadline, not a timeout of its own.
            try:
                sock = socket.create_connection((address, self.port), self.remaining())
            except TimeoutError:
                raise
            except OSError as exc:
                last = exc
                continue
            self.sockets.append(sock)
            return sock
        raise last or OSError("no address to connect to")

    def connect(self) -> None:
        self.sock = self._connect_socket()


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    """HTTPS to vetted IP addresses while still verifying the certificate for the host name."""

    def connect(self) -> None:
        context = ssl.create_default_context()
        raw = self._connect_socket()
        raw.settimeout(self.remaining())
        self.sock = context.wrap_socket(raw, server_hostname=self.host)
        self.sockets.append(self.sock)


class _Watchdog:
    """Shuts the connection's sockets down at the deadline, whatever call is blocked on them."""

    def __init__(self, connection: _PinnedHTTPConnection) -> None:
        self.fired = False
        self._connection = connection
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, connection.deadline - time.monotonic()), self._fire)
        self._timer.daemon = True

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._connection.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with self._lock:
            self._connection.close()
            for sock in self._connection.sockets:
                with contextlib.suppress(OSError):
                    sock.close()


def _request_target(path: str, query: str) -> str:
    # Re-quote so spaces or umlauts in a pasted URL do not make http.client refuse it.
    target = quote(path or "/", safe="/%:@!$&'()*+,;=-._~")
    if query:
        target += "?" + quote(query, safe="/%:@!$&'()*+,;=-._~?")
    return target


def _ascii_host(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(f"invalid host name {host!r}") from None


def _check_url(url: str) -> tuple[str, str, int, str]:
    if not isinstance(url, str):
        raise ConfigurationError(f"url must be a str, not {type(url).__name__}")
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:  # e.g. an unclosed "[" in the host
        raise UnsafeURLError(f"invalid URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsafeURLError(
            f"only http and https URLs can be fetched, not {scheme or 'a URL without scheme'!r}"
        )
    if parts.username is not None or parts.password is not None:
        raise UnsafeURLError("URLs with credentials are refused")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise UnsafeURLError("the URL has an invalid port") from None
    if not parts.hostname:
        raise UnsafeURLError("the URL has no host")
    return scheme, _ascii_host(parts.hostname), port, _request_target(parts.path, parts.query)


def fetch_url(
    url: str,
    *,
    timeout: float = 10.0,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = 3,
    allow_private: bool = False,
    accept: Collection[str] = HTML_TYPES,
    _allow_hosts: Collection[str] = (),
) -> FetchedPage:
    """GET an HTML page within ``timeout`` seconds in total.

    ``allow_private`` is for trusted local use (the CLI), never for a server. ``accept`` lists
    the content types taken (HTML pages; the feed reader passes the feed types). ``_allow_hosts``
    ("host:port" exactly as written in a URL) exists for tests only: it lets a first hop reach a
    local test server so that the real checks can be exercised on what follows.
    """
    deadline = time.monotonic() + timeout
    for _hop in range(max_redirects + 1):
        scheme, host, port, target = _check_url(url)
        trusted = f"{host}:{port}" in _allow_hosts
        addresses = _vetted_addresses(host, port, deadline, allow_private, trusted)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchTimeoutError(f"fetching {url} took longer than {timeout:g} s")
        cls = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        connection = cls(host, addresses, port, deadline)
        watchdog = _Watchdog(connection)
        try:
            with watchdog:
                location, page = _exchange(
                    connection, url, host, port, scheme, target, max_bytes, accept
                )
        except FetchError:
            # A socket shut down by the watchdog reads as an early end of the headers or body.
            if watchdog.fired:
                raise FetchTimeoutError(f"fetching {url} took longer than {timeout:g} s") from None
            raise
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if watchdog.fired or isinstance(exc, TimeoutError) or time.monotonic() >= deadline:
                raise FetchTimeoutError(f"fetching {url} took longer than {timeout:g} s") from None
            raise FetchError(f"cannot fetch {url}: {exc or exc.__class__.__name__}") from None
        if watchdog.fired:
            raise FetchTimeoutError(f"fetching {url} took longer than {timeout:g} s")
        if page is not None:
            return page
        url = urljoin(url, location)
    raise FetchError(f"more than {max_redirects} redirects, stopped at {url}")


def _exchange(
    connection: _PinnedHTTPConnection,
    url: str,
    host: str,
    port: int,
    scheme: str,
    target: str,
    max_bytes: int,
    accept: Collection[str] = HTML_TYPES,
) -> tuple[str, FetchedPage | None]:
    """One request; returns (redirect location, None) or ("", page)."""
    default_port = 443 if scheme == "https" else 80
    host_header = f"[{host}]" if ":" in host else host
    if port != default_port:
        host_header += f":{port}"
    connection.request(
        "GET",
        target,
        headers={
            "Host": host_header,
            "User-Agent": USER_AGENT,
            "Accept": ",".join(accept),
            "Accept-Encoding": "identity",
        },
    )
    response = connection.getresponse()
    if response.status in REDIRECTS:
        location = response.getheader("Location")
        if not location:
            raise FetchError(f"redirect without a Location from {url}")
        return location, None
    if response.status != 200:
        raise FetchError(f"{url} answered HTTP {response.status} {response.reason}".rstrip())
    content_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in accept:
        wanted = "an HTML page" if accept == HTML_TYPES else "a feed"
        raise FetchError(f"{url} is {content_type or 'of unknown type'}, not {wanted}")
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", ""):
        raise FetchError(f"{url} sent a {encoding}-compressed body, which is not accepted")
    declared = (response.getheader("Content-Length") or "").strip()
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url} is larger than {max_bytes:,} bytes")
    body = bytearray()
    while True:
        # A per-read timeout alone restarts with every byte a dripping server sends: shorten it
        # to what is left of the deadline before each read, and check the clock after it.
        for sock in connection.sockets:
            sock.settimeout(connection.remaining())
        chunk = response.read1(65536)
        connection.remaining()
        if not chunk:
            break
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(f"{url} is larger than {max_bytes:,} bytes")
    return "", FetchedPage(url=url, html=bytes(body), content_type=content_type)
