"""The URL fetcher refuses everything a stranger could use to reach inside our network.

Every refused target is local (loopback, private or reserved literals): a refusal happens before
any connection, which the recording test server proves by counting zero requests.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from http.server import BaseHTTPRequestHandler

import pytest

from kurzgefasst.errors import FetchError, FetchTimeoutError, UnsafeURLError
from kurzgefasst.fetch import MAX_BYTES, _PinnedHTTPConnection, fetch_url, unsafe_reason
from service_support import PageServer, redirect, send

PAGE = (
    "<!doctype html><html><head><title>Neue Radwege für Kassel</title></head><body><article>"
    "<h1>Neue Radwege für Kassel</h1><p>Der Stadtrat hat am Montag neue Radwege beschlossen.</p>"
    "</article></body></html>"
).encode()


def page(handler: BaseHTTPRequestHandler) -> None:
    send(handler, PAGE)


@pytest.fixture
def server() -> PageServer:
    with PageServer({"/artikel": page}) as srv:
        yield srv


def test_fetches_an_html_page(server: PageServer) -> None:
    fetched = fetch_url(server.base + "/artikel", _allow_hosts={server.host})
    assert fetched.html == PAGE
    assert fetched.content_type == "text/html"
    assert fetched.url == server.base + "/artikel"


def test_the_cli_may_fetch_local_pages(server: PageServer) -> None:
    assert fetch_url(server.base + "/artikel", allow_private=True).html == PAGE


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/artikel.html",
        "gopher://127.0.0.1:70/_",
        "javascript:alert(1)",
        "data:text/html,<p>Hallo</p>",
        "example.org/artikel.html",
        "http://nutzer:geheim@example.org/",
        "http:///artikel",
        "http://example.org:99999/",
    ],
)
def test_refuses_schemes_credentials_and_broken_urls(url: str) -> None:
    with pytest.raises(UnsafeURLError) as info:
        fetch_url(url)
    assert info.value.http_status == 400


LOCAL_HOSTS = [
    "127.0.0.1",
    "127.0.0.2",
    "localhost",
    "127.1",  # short form the resolver expands to 127.0.0.1
    "2130706433",  # 127.0.0.1 as one decimal number
    "0x7f000001",
    "0.0.0.0",
    "[::1]",
    "[::]",
    "[::ffff:127.0.0.1]",  # IPv4-mapped
    "[::ffff:10.0.0.1]",
    "[2002:7f00:1::1]",  # 6to4 around 127.0.0.1
    "[64:ff9b::7f00:1]",  # NAT64 around 127.0.0.1
    "[64:ff9b::a9fe:a9fe]",  # NAT64 around 169.254.169.254
    "10.0.0.1",
    "172.16.5.4",
    "192.168.178.1",
    "169.254.169.254",  # cloud metadata service
    "100.64.0.1",  # carrier-grade NAT
    "[fe80::1]",
    "[fd00::1]",
    "240.0.0.1",
    "255.255.255.255",
    "224.0.0.1",
    "[ff02::1]",
]


@pytest.mark.parametrize("host", LOCAL_HOSTS)
def test_refuses_local_private_and_reserved_addresses_without_connecting(
    server: PageServer, host: str
) -> None:
    started = time.monotonic()
    with pytest.raises(UnsafeURLError, match="refusing to fetch"):
        fetch_url(f"http://{host}:{server.port}/artikel")
    assert server.hits == []
    assert time.monotonic() - started < 2  # refused, not timed out trying


def test_unsafe_reason_lets_public_addresses_through() -> None:
    for public in ("93.184.216.34", "2606:4700:4700::1111", "8.8.8.8", "2a00:1450:4001::1"):
        assert unsafe_reason(ipaddress.ip_address(public)) is None, public
    assert unsafe_reason(ipaddress.ip_address("::ffff:93.184.216.34")) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "224.0.0.1"])
def test_even_the_cli_never_fetches_unspecified_or_multicast(server: PageServer, host: str) -> None:
    with pytest.raises(UnsafeURLError):
        fetch_url(f"http://{host}:{server.port}/artikel", allow_private=True)


def test_every_redirect_is_checked_again() -> None:
    with PageServer({"/artikel": page}) as inner:
        targets = [
            f"http://127.0.0.1:{inner.port}/artikel",
            f"http://localhost:{inner.port}/artikel",
            f"http://[::ffff:127.0.0.1]:{inner.port}/artikel",
            "http://169.254.169.254/latest/meta-data/",
            "file:///etc/passwd",
        ]
        routes = {f"/weiter{i}": redirect(target) for i, target in enumerate(targets)}
        with PageServer(routes) as outer:
            for i in range(len(targets)):
                with pytest.raises(UnsafeURLError):
                    fetch_url(f"{outer.base}/weiter{i}", _allow_hosts={outer.host})
            assert len(outer.hits) == len(targets)  # the first hop was made ...
        assert inner.hits == []  # ... but no redirect reached the local server


def test_follows_three_redirects_but_not_four() -> None:
    routes = {
        "/r0": redirect("/r1", 301),
        "/r1": redirect("/r2", 307),
        "/r2": redirect("/r3", 308),
        "/r3": redirect("/artikel", 303),
        "/artikel": page,
    }
    with PageServer(routes) as srv:
        fetched = fetch_url(srv.base + "/r1", _allow_hosts={srv.host})
        assert fetched.url == srv.base + "/artikel"
        assert fetched.html == PAGE
        with pytest.raises(FetchError, match="more than 3 redirects"):
            fetch_url(srv.base + "/r0", _allow_hosts={srv.host})
        assert "/artikel" not in srv.hits[4:]  # the fourth redirect was not followed


def test_redirect_without_location_fails() -> None:
    def broken(handler: BaseHTTPRequestHandler) -> None:
        send(handler, b"", status=302)

    with PageServer({"/kaputt": broken}) as srv, pytest.raises(FetchError, match="Location"):
        fetch_url(srv.base + "/kaputt", _allow_hosts={srv.host})


def slow_headers(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(4)
    send(handler, PAGE)


def drip(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "10000")
    handler.end_headers()
    for _ in range(10000):  # one byte every 0.1 s: each read succeeds, the whole takes 17 min
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(0.1)


def drip_until_closed(handler: BaseHTTPRequestHandler) -> None:
    # No Content-Length, "Connection: close": http.client hands the socket to the response and
    # forgets it, so a watchdog that looks at the connection finds nothing to close.
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.wfile.flush()
    for _ in range(600):
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(0.2)
    handler.close_connection = True


def drip_headers(handler: BaseHTTPRequestHandler) -> None:
    handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
    for _ in range(600):
        handler.wfile.write(b"X-Langsam: 1\r\n")
        handler.wfile.flush()
        time.sleep(0.2)


@pytest.mark.parametrize(
    "route",
    [slow_headers, drip, drip_until_closed, drip_headers],
    ids=["slow-headers", "dripping-body", "dripping-close-delimited-body", "dripping-headers"],
)
def test_one_deadline_covers_the_whole_fetch(route) -> None:
    with PageServer({"/langsam": route}) as srv:
        started = time.monotonic()
        with pytest.raises(FetchTimeoutError) as info:
            fetch_url(srv.base + "/langsam", timeout=1.0, _allow_hosts={srv.host})
        assert time.monotonic() - started < 2.5
        assert info.value.http_status == 504


def test_several_dead_addresses_share_one_deadline() -> None:
    """Six addresses that never answer the handshake cost the deadline once, not six times."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    # Fill the accept queue: the kernel now drops further handshakes, as a dead host does.
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.2)
    try:
        connection = _PinnedHTTPConnection(
            "tot.example", ["127.0.0.1"] * 6, port, time.monotonic() + 1.0
        )
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            connection.connect()
        assert time.monotonic() - started < 1.5
    finally:
        for sock in (*fillers, listener):
            sock.close()


def streamed(size: int):
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")  # no Content-Length: the size is unknown
        handler.end_headers()
        block = b"<p>" + b"a" * 65533
        sent = 0
        while sent < size:
            chunk = block[: size - sent]
            handler.wfile.write(chunk)
            sent += len(chunk)
        handler.close_connection = True

    return route


def declared_huge(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(50 * MAX_BYTES))
    handler.end_headers()
    handler.wfile.write(b"<p>" * 1000)


def test_size_limit_is_five_megabytes() -> None:
    routes = {
        "/genau": streamed(MAX_BYTES),
        "/zuviel": streamed(MAX_BYTES + 1),
        "/angekuendigt": declared_huge,
    }
    with PageServer(routes) as srv:
        allow = {srv.host}
        assert len(fetch_url(srv.base + "/genau", _allow_hosts=allow).html) == MAX_BYTES
        for path in ("/zuviel", "/angekuendigt"):
            with pytest.raises(FetchError, match="larger than 5,000,000 bytes") as info:
                fetch_url(srv.base + path, _allow_hosts=allow)
            assert info.value.http_status == 502


@pytest.mark.parametrize(
    ("content_type", "accepted"),
    [
        ("text/html; charset=iso-8859-1", True),
        ("application/xhtml+xml", True),
        ("TEXT/HTML", True),
        ("application/pdf", False),
        ("image/svg+xml", False),
        ("text/plain", False),
        ("application/json", False),
        ("", False),
    ],
)
def test_only_html_content_types(content_type: str, accepted: bool) -> None:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        if content_type:
            handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(PAGE)))
        handler.end_headers()
        handler.wfile.write(PAGE)

    with PageServer({"/x": route}) as srv:
        if accepted:
            assert fetch_url(srv.base + "/x", _allow_hosts={srv.host}).html == PAGE
        else:
            with pytest.raises(FetchError, match="not an HTML page"):
                fetch_url(srv.base + "/x", _allow_hosts={srv.host})


def test_compressed_bodies_and_http_errors_are_refused() -> None:
    def gzipped(handler: BaseHTTPRequestHandler) -> None:
        send(handler, b"\x1f\x8b\x08\x00", headers={"Content-Encoding": "gzip"})

    def gone(handler: BaseHTTPRequestHandler) -> None:
        send(handler, b"weg", status=410)

    with PageServer({"/gz": gzipped, "/weg": gone}) as srv:
        with pytest.raises(FetchError, match="compressed"):
            fetch_url(srv.base + "/gz", _allow_hosts={srv.host})
        with pytest.raises(FetchError, match="HTTP 410"):
            fetch_url(srv.base + "/weg", _allow_hosts={srv.host})
        with pytest.raises(FetchError, match="HTTP 404"):
            fetch_url(srv.base + "/gibtsnicht", _allow_hosts={srv.host})


def test_connection_refused_is_a_fetch_error() -> None:
    with PageServer({}) as srv:
        port = srv.port
    with pytest.raises(FetchError) as info:
        fetch_url(f"http://127.0.0.1:{port}/", _allow_hosts={f"127.0.0.1:{port}"})
    assert type(info.value) is FetchError
    assert info.value.http_status == 502
