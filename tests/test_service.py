"""The HTTP API, tested against a real `kurzgefasst serve` on a free 127.0.0.1 port."""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest

from kurzgefasst import Summary
from kurzgefasst.render import FORMATS
from kurzgefasst.testing import free_port
from service_support import PageServer, ServiceProcess, redirect, running, send

pytest.importorskip("fastapi")

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = (FIXTURES / "service_radwege.txt").read_text(encoding="utf-8")
ENGLISH = (
    "The city council of Kassel decided on Monday to build twelve kilometres of new cycle lanes. "
    "Work is due to start in April and will cost around 4.5 million euros, the mayor said."
)
# A reference that makes a browser load something from another host.
EXTERNAL = re.compile(
    r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//|url\(\s*[\"']?(?:https?:)?//|@import|fetch\(\s*[\"'](?:https?:)?//"
)
SUMMARY_KEYS = set(Summary(bullets=[], engine="lead").to_dict())  # without source_text


def long_article(marker: int, repeats: int = 60) -> str:
    """A long, distinct article (about 2 s of work) for the overload test."""
    title, *paragraphs = ARTICLE.split("\n\n")
    body = [p.replace("zwölf", str(marker + i)) for i in range(repeats) for p in paragraphs]
    return "\n\n".join([title, *body])


@pytest.fixture(scope="module")
def service() -> Iterator[ServiceProcess]:
    with running() as srv:
        yield srv


@pytest.fixture(scope="module")
def client(service: ServiceProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=service.base, timeout=60) as http:
        yield http


def post(client: httpx.Client, **payload: object) -> httpx.Response:
    return client.post("/v1/summarize", json=payload)


def assert_error(response: httpx.Response, status: int, kind: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["type"] == kind
    assert "Traceback" not in response.text
    return str(error["message"])


def test_health(client: httpx.Client) -> None:
    response = client.get("/v1/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert "extractive" in body["engines"]


def test_summarize_text_returns_the_cli_json_schema(client: httpx.Client, tmp_path: Path) -> None:
    response = post(client, text=ARTICLE + "\n\nNachtrag für diesen Test.", bullets=3)
    assert response.status_code == 200, response.text
    assert response.headers["x-kurzgefasst-cache"] == "miss"
    body = response.json()
    assert set(body) == SUMMARY_KEYS
    assert len(body["bullets"]) == 3
    assert body["title"] == "Kassel baut zwölf Kilometer neue Radwege"
    assert "source_text" not in body
    # The same article through the CLI gives the same summary (timings aside).
    path = tmp_path / "artikel.txt"
    path.write_text(ARTICLE + "\n\nNachtrag für diesen Test.", encoding="utf-8")
    cli = subprocess.run(
        [sys.executable, "-m", "kurzgefasst.cli", "summarize", str(path), "--format", "json"],
        capture_output=True,
        check=True,
    )
    expected = json.loads(cli.stdout)
    for summary in (expected, body):
        summary.pop("timings_ms")
    assert body == expected


def test_evidence_offsets_point_into_the_source_text(client: httpx.Client) -> None:
    body = post(client, text=ARTICLE, include_source=True).json()
    source = body["source_text"]
    assert "Kassel" in source
    for bullet in body["bullets"]:
        assert bullet["evidence"]
        for evidence in bullet["evidence"]:
            assert source[evidence["start"] : evidence["end"]] == evidence["text"]


def test_identical_requests_are_answered_from_the_store(client: httpx.Client) -> None:
    text = ARTICLE.replace("April", "Mai")
    first = post(client, text=text, bullets=2)
    second = post(client, text=text, bullets=2)
    assert (first.headers["x-kurzgefasst-cache"], second.headers["x-kurzgefasst-cache"]) == (
        "miss",
        "hit",
    )
    assert first.json() == second.json()
    # Other options are another summary.
    third = post(client, text=text, bullets=4)
    assert third.headers["x-kurzgefasst-cache"] == "miss"
    assert len(third.json()["bullets"]) == 4


@pytest.mark.parametrize(
    ("fmt", "media", "start"),
    [
        ("text", "text/plain", "• "),
        ("markdown", "text/markdown", "**Zusammenfassung**"),
        ("html", "text/html", '<aside class="kurzgefasst-summary"'),
    ],
)
def test_rendered_formats(client: httpx.Client, fmt: str, media: str, start: str) -> None:
    response = post(client, text=ARTICLE, format=fmt)
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{media}; charset=utf-8"
    assert response.text.startswith(start)
    assert "zwölf Kilometern" in response.text


def test_the_api_renders_a_summary_it_gave_in_every_format(client: httpx.Client) -> None:
    """The web page's copy buttons: GET /v1/formats lists them, POST /v1/render renders."""
    formats = client.get("/v1/formats").json()
    assert [f["name"] for f in formats] == list(FORMATS)
    assert {f["name"]: f["label"] for f in formats}["markdown"] == "Markdown"
    summary = post(client, text=ARTICLE).json()
    for fmt in FORMATS:
        response = client.post("/v1/render", json={"summary": summary, "format": fmt})
        assert response.status_code == 200, response.text
        if fmt == "json":  # pretty-printed as by the CLI; the same object
            assert response.json() == summary
            continue
        expected = post(client, text=ARTICLE, format=fmt)
        assert response.headers["content-type"] == expected.headers["content-type"]
        assert response.text == expected.text
    broken = dict(summary, bullets=[{"text": "Ohne Beleg."}])
    message = assert_error(
        client.post("/v1/render", json={"summary": broken, "format": "text"}),
        422,
        "invalid_request",
    )
    assert "evidence" in message
    assert_error(client.post("/v1/render", json={"summary": summary, "format": "pdf"}), 422,
                 "invalid_request")  # fmt: skip
    assert_error(client.post("/v1/render", content=b"{}"), 415, "unsupported_media_type")


def test_html_output_escapes_article_text(client: httpx.Client) -> None:
    text = ARTICLE.replace(
        "neuer Radwege beschlossen.",
        'neuer Radwege <img src=x onerror="alert(1)"> beschlossen <script>alert(2)</script>.',
    )
    response = post(client, text=text, format="html", tighten=False)
    assert response.status_code == 200
    assert "<script>" not in response.text and "<img" not in response.text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in response.text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in response.text


def test_summarize_html(client: httpx.Client) -> None:
    title, *paragraphs = ARTICLE.split("\n\n")
    page = (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        f"<nav><a href='/'>Startseite</a></nav><article><h1>{title}</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article><footer>Impressum</footer></body></html>"
    )
    response = post(client, html=page)
    assert response.status_code == 200, response.text
    texts = [b["text"] for b in response.json()["bullets"]]
    assert any("Radwege" in t for t in texts)
    assert not any("Impressum" in t for t in texts)


def test_not_german_and_no_article_are_400(client: httpx.Client) -> None:
    assert "German" in assert_error(post(client, text=ENGLISH), 400, "not_german")
    assert_error(post(client, text="   \n  "), 400, "empty_input")
    page = "<html><body><nav>Startseite</nav><p>Cookies?</p></body></html>"
    assert_error(post(client, html=page), 400, "no_article")


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None],
)
def test_wrong_content_type_is_415(service: ServiceProcess, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = httpx.post(
        service.base + "/v1/summarize", content=json.dumps({"text": ARTICLE}), headers=headers
    )
    assert_error(response, 415, "unsupported_media_type")


@pytest.mark.parametrize(
    "payload",
    [
        {"text": ARTICLE, "bullets": 0},
        {"text": ARTICLE, "bullets": 11},
        {"text": ARTICLE, "bullets": "drei"},
        {"text": ARTICLE, "bullets": 2.5},
        {"text": ARTICLE, "engine": "gpt-7"},
        {"text": ARTICLE, "format": "pdf"},
        {"text": ARTICLE, "include_source": "ja"},
        {"text": ARTICLE, "max_chars": 10},
        {"text": ARTICLE, "stil": "kurz"},
        {"text": ARTICLE, "url": "https://example.org/"},
        {"bullets": 3},
        {"text": 42},
    ],
)
def test_invalid_fields_are_422(client: httpx.Client, payload: dict[str, object]) -> None:
    message = assert_error(client.post("/v1/summarize", json=payload), 422, "invalid_request")
    assert message


def test_invalid_json_is_400_and_non_objects_422(client: httpx.Client) -> None:
    headers = {"Content-Type": "application/json"}
    response = client.post("/v1/summarize", content=b'{"text": "Hallo', headers=headers)
    assert_error(response, 400, "invalid_json")
    response = client.post("/v1/summarize", content=b'["Hallo"]', headers=headers)
    assert_error(response, 422, "invalid_request")


def test_too_large_text_is_413(client: httpx.Client) -> None:
    text = ARTICLE + "\n\n" + "Der Rat tagt erneut. " * 12_000  # 250 KB > 200 KB
    assert "limit" in assert_error(post(client, text=text), 413, "input_too_large")


def test_oversized_body_is_refused_before_it_is_read(service: ServiceProcess) -> None:
    """A huge Content-Length is answered at once, without waiting for (or reading) the body."""
    with socket.create_connection(("127.0.0.1", service.port), timeout=10) as sock:
        sock.sendall(
            b"POST /v1/summarize HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 900000000\r\n\r\n{"
        )
        answer = ""
        while not answer.endswith("}}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk.decode("utf-8", "replace")
    assert answer.startswith("HTTP/1.1 413"), answer
    assert '"input_too_large"' in answer


def test_oversized_chunked_body_is_refused(service: ServiceProcess) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):  # 10 MB in all, more than the 8 MB limit
            yield b"a" * 100_000
        yield b'"}'

    response = httpx.post(
        service.base + "/v1/summarize",
        content=chunks(),
        headers={"Content-Type": "application/json"},
        timeout=60,
    )
    assert_error(response, 413, "input_too_large")


def test_unknown_paths_and_methods_answer_json(client: httpx.Client) -> None:
    assert_error(client.get("/v1/gibtsnicht"), 404, "not_found")
    assert_error(client.get("/v1/summarize"), 405, "method_not_allowed")


def test_urls_to_local_addresses_are_refused_without_connecting(client: httpx.Client) -> None:
    def page(handler: BaseHTTPRequestHandler) -> None:
        send(handler, b"<html><body><p>intern</p></body></html>")

    with PageServer({"/intern": page}) as local:
        for url in (
            f"http://127.0.0.1:{local.port}/intern",
            f"http://localhost:{local.port}/intern",
            f"http://[::ffff:127.0.0.1]:{local.port}/intern",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/",
            "http://192.168.0.1/",
        ):
            assert_error(post(client, url=url), 400, "unsafe_url")
        for url in ("file:///etc/passwd", "ftp://example.org/", "gopher://localhost/"):
            assert_error(post(client, url=url), 400, "unsafe_url")
        assert local.hits == []


def test_openapi_and_docs(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/v1/summarize"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert {"text", "html", "url", "bullets", "engine", "format"} <= set(schema["properties"])
    assert {"200", "400", "413", "415", "422", "502", "503", "504"} <= set(operation["responses"])
    # The answer's schema lists every key the API returns (it once lacked `rejected`).
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
    summary = spec["components"]["schemas"][answer["$ref"].split("/")[-1]]
    assert set(summary["properties"]) == SUMMARY_KEYS | {"source_text"}
    assert set(summary["required"]) == SUMMARY_KEYS
    render = spec["paths"]["/v1/render"]["post"]["requestBody"]["content"]["application/json"]
    assert render["schema"]["properties"]["summary"]["$ref"] == answer["$ref"]
    bullet = spec["components"]["schemas"]["BulletModel"]
    assert set(bullet["properties"]) == set(post(client, text=ARTICLE).json()["bullets"][0])
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert docs.headers["content-type"].startswith("text/html")


def test_page_and_assets_load_from_this_server_only(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    static = Path(__file__).parents[1] / "src" / "kurzgefasst" / "service" / "static"
    for path in static.iterdir():
        text = path.read_bytes().decode("utf-8", errors="replace")  # favicon.ico is binary
        assert not EXTERNAL.search(text), (path, EXTERNAL.search(text))
        assert client.get(f"/static/{path.name}").status_code == 200


# --- separate servers: persistence, overload, URL fetching ---


def test_the_store_survives_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "summaries.sqlite"
    payload = {"text": ARTICLE, "bullets": 3, "format": "json"}
    with running("--db", str(db)) as srv:
        first = httpx.post(srv.base + "/v1/summarize", json=payload, timeout=60)
        assert first.headers["x-kurzgefasst-cache"] == "miss"
    with running("--db", str(db)) as srv:
        second = httpx.post(srv.base + "/v1/summarize", json=payload, timeout=60)
        assert second.headers["x-kurzgefasst-cache"] == "hit"
        assert httpx.get(srv.base + "/v1/health").json()["cached_summaries"] == 1
    assert second.json() == first.json()


def test_a_full_queue_answers_503_and_the_server_stays_responsive() -> None:
    with running("--queue", "0") as srv:
        url = srv.base + "/v1/summarize"

        def call(marker: int) -> httpx.Response:
            return httpx.post(url, json={"text": long_article(marker)}, timeout=120)

        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            futures = [pool.submit(call, 100 * i) for i in range(4)]
            time.sleep(0.5)
            started = time.monotonic()
            health = httpx.get(srv.base + "/v1/health", timeout=10)
            health_seconds = time.monotonic() - started
            responses = [f.result() for f in futures]
    statuses = sorted(r.status_code for r in responses)
    assert 200 in statuses and 503 in statuses, statuses
    for response in responses:
        if response.status_code == 503:
            assert_error(response, 503, "overloaded")
            assert response.headers["retry-after"] == "1"
    assert health.status_code == 200
    assert health_seconds < 1.0  # the CPU work does not block the event loop


@pytest.fixture(scope="module")
def news_site() -> Iterator[PageServer]:
    title, *paragraphs = ARTICLE.split("\n\n")
    page = (
        f"<!doctype html><html lang='de'><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article></body></html>"
    ).encode()

    def article(handler: BaseHTTPRequestHandler) -> None:
        send(handler, page)

    def pdf(handler: BaseHTTPRequestHandler) -> None:
        send(handler, b"%PDF-1.4", content_type="application/pdf")

    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(3)
        send(handler, page)

    routes = {"/artikel": article, "/pdf": pdf, "/langsam": slow, "/umweg": redirect("/artikel")}
    with PageServer(routes) as site:
        site.routes["/zum-router"] = redirect(f"http://localhost:{site.port}/artikel")
        site.routes["/zur-metadaten"] = redirect("http://169.254.169.254/latest/meta-data/")
        yield site


@pytest.fixture(scope="module")
def fetching_service(news_site: PageServer) -> Iterator[ServiceProcess]:
    env = {"KURZGEFASST_TEST_FETCH_ALLOW_HOSTS": news_site.host}
    with running("--fetch-timeout", "1", env=env) as srv:
        yield srv


def test_summarize_url(fetching_service: ServiceProcess, news_site: PageServer) -> None:
    url = f"{news_site.base}/umweg"
    response = httpx.post(fetching_service.base + "/v1/summarize", json={"url": url}, timeout=60)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["title"] == "Kassel baut zwölf Kilometer neue Radwege"
    assert body["metadata"]["url"] == f"{news_site.base}/artikel"
    assert len(body["bullets"]) == 3


@pytest.mark.parametrize(
    ("path", "status", "kind"),
    [
        ("/zum-router", 400, "unsafe_url"),  # a redirect to a local name is checked again
        ("/zur-metadaten", 400, "unsafe_url"),
        ("/pdf", 502, "fetch_failed"),
        ("/fehlt", 502, "fetch_failed"),
        ("/langsam", 504, "fetch_timeout"),
    ],
)
def test_url_failures(
    fetching_service: ServiceProcess, news_site: PageServer, path: str, status: int, kind: str
) -> None:
    before = news_site.hits.count("/artikel")
    response = httpx.post(
        fetching_service.base + "/v1/summarize", json={"url": news_site.base + path}, timeout=60
    )
    assert_error(response, status, kind)
    assert news_site.hits.count("/artikel") == before


def test_an_unexpected_error_is_a_json_500_without_traceback() -> None:
    """Fault injection: no input is known to crash the pipeline, so one is simulated."""
    import uvicorn

    from kurzgefasst.service import ServiceConfig, create_app

    def broken(job: object) -> dict[str, object]:
        raise ZeroDivisionError("secret internal detail")

    app = create_app(ServiceConfig(warm_up=False))
    app.state.service.compute = broken
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        response = httpx.post(f"http://127.0.0.1:{port}/v1/summarize", json={"text": ARTICLE})
    finally:
        server.should_exit = True
        thread.join(10)
    assert_error(response, 500, "internal_error")
    assert "secret internal detail" not in response.text
    assert "ZeroDivisionError" not in response.text


def test_identical_requests_in_flight_share_one_computation() -> None:
    """With room for one computation only, three identical requests at once all succeed."""
    with running("--queue", "0") as srv:
        payload = {"text": long_article(7000)}
        with concurrent.futures.ThreadPoolExecutor(3) as pool:
            futures = [
                pool.submit(httpx.post, srv.base + "/v1/summarize", json=payload, timeout=120)
                for _ in range(3)
            ]
            responses = [f.result() for f in futures]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert sorted(r.headers["x-kurzgefasst-cache"] for r in responses) == [
        "miss",
        "shared",
        "shared",
    ]
    assert responses[0].json()["bullets"] == responses[2].json()["bullets"]


def child_pids(pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(c) for c in (task / "children").read_text().split()]
    return children


def running_pid(pid: int) -> bool:
    """The process exists and is not a zombie waiting to be reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_worker_processes_and_a_killed_worker_is_replaced() -> None:
    with running("--workers", "2") as srv:
        url = srv.base + "/v1/summarize"
        first = httpx.post(url, json={"text": ARTICLE}, timeout=60)
        assert first.status_code == 200
        assert srv.process is not None
        workers = [p for p in child_pids(srv.process.pid) if p != srv.process.pid]
        assert len(workers) >= 2  # the spawn helper may add one more
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)
        statuses = []
        for marker in range(4):
            response = httpx.post(url, json={"text": long_article(marker, 2)}, timeout=120)
            statuses.append(response.status_code)
            if response.status_code != 200:
                assert_error(response, 503, "overloaded")
            else:
                break
        assert statuses[-1] == 200, statuses
        assert "a worker process" in srv.log
        replacements = child_pids(srv.process.pid)
    # Stopping the server stops the new pool's processes too: nothing is left running.
    deadline = time.monotonic() + 15
    while (alive := [p for p in replacements if running_pid(p)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive


def test_a_fallback_answer_is_not_stored() -> None:
    """While the model server is down the extractive fallback answers (notice code
    engine_unavailable), but it is not stored: the same request later must reach the model."""
    import uvicorn

    from kurzgefasst.service import ServiceConfig, create_app, worker

    dead = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there

    def llm_without_server(job: worker.Job) -> dict[str, object]:
        options = replace(job.options, engine="llm", engine_options={"url": dead, "timeout": 5})
        return worker.compute(replace(job, options=options))

    app = create_app(ServiceConfig(warm_up=False))
    app.state.service.compute = llm_without_server
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port}/v1/summarize"
        first = httpx.post(url, json={"text": ARTICLE}, timeout=60)
        second = httpx.post(url, json={"text": ARTICLE}, timeout=60)
    finally:
        server.should_exit = True
        thread.join(10)
    assert first.status_code == 200, first.text
    assert "engine_unavailable" in [n["code"] for n in first.json()["notices"]]
    assert [r.headers["x-kurzgefasst-cache"] for r in (first, second)] == ["miss", "miss"]
