"""`kurzgefasst serve` configuration: the intranet switch, scheme-less URLs, engines it can run,
and every error code documented — each against a real server on 127.0.0.1."""

from __future__ import annotations

import re
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest

from kurzgefasst.urls import complete_url, looks_like_url
from service_support import REPO, PageServer, running, send

ARTICLE = (Path(__file__).parent / "fixtures" / "service_radwege.txt").read_text(encoding="utf-8")
PAGE = (
    "<!doctype html><html lang='de'><head><title>Neue Radwege für Kassel</title></head><body>"
    "<article><h1>Kassel baut zwölf Kilometer neue Radwege</h1>"
    + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
    + "</article></body></html>"
).encode()


def page(handler: BaseHTTPRequestHandler) -> None:
    send(handler, PAGE)


@pytest.fixture(scope="module")
def intranet() -> PageServer:
    with PageServer({"/intern/radwege": page}) as server:
        yield server


def test_scheme_less_urls_get_https() -> None:
    assert complete_url("example.org/artikel.html") == "https://example.org/artikel.html"
    assert complete_url(" www.zeitung.de ") == "https://www.zeitung.de"
    assert complete_url("localhost:8080/a") == "https://localhost:8080/a"
    assert complete_url("//cdn.example.org/a") == "https://cdn.example.org/a"
    assert complete_url("http://example.org/a") == "http://example.org/a"
    assert complete_url("ftp://example.org/a") == "ftp://example.org/a"
    assert complete_url("artikel") == "artikel"
    assert looks_like_url("zeitung.de/politik/artikel-1.html")
    assert not looks_like_url("artikel.txt")


def test_default_server_offers_no_llm_and_refuses_intranet_urls(intranet: PageServer) -> None:
    with running() as service, httpx.Client(base_url=service.base, timeout=60) as client:
        assert client.get("/v1/health").json()["engines"] == ["extractive", "lead"]
        response = client.post("/v1/summarize", json={"text": ARTICLE, "engine": "llm"})
        assert response.status_code == 422
        error = response.json()["error"]
        assert error["type"] == "engine_not_configured"
        assert "--" not in error["message"]  # API terms, no CLI flags
        assert error["details"] == {"engine": "llm", "engines": ["extractive", "lead"]}
        refused = client.post("/v1/summarize", json={"url": intranet.base + "/intern/radwege"})
        assert refused.status_code == 400 and refused.json()["error"]["type"] == "unsafe_url"
        short = client.post("/v1/summarize", json={"text": "Der Bundestag tagt heute."})
        assert short.status_code == 400 and short.json()["error"]["type"] == "too_short"
        english = client.post(
            "/v1/summarize", json={"text": "The city council approved the budget on Tuesday. "
                                   "The opposition voted against it, as expected."},
        )  # fmt: skip
        assert english.json()["error"]["details"] == {"language": "en"}
    assert intranet.hits == []


def test_allow_private_urls_and_an_llm_server(intranet: PageServer) -> None:
    args = ("--allow-private-urls", "--llm-url", "http://127.0.0.1:9/v1")
    with running(*args) as service, httpx.Client(base_url=service.base, timeout=60) as client:
        assert client.get("/v1/health").json()["engines"] == ["extractive", "lead", "llm"]
        for url in (intranet.base + "/intern/radwege", intranet.host + "/intern/radwege"):
            # The scheme-less one gets https://, which the plain-HTTP test server cannot speak.
            response = client.post("/v1/summarize", json={"url": url})
            if url.startswith("http://"):
                assert response.status_code == 200, response.text
                assert "zwölf Kilometern" in response.json()["bullets"][0]["text"]
            else:
                assert response.json()["error"]["type"] == "fetch_failed"
                assert "https://" + url in response.json()["error"]["message"]
        assert "--allow-private-urls" in service.log


def test_every_error_code_is_documented() -> None:
    """Every code the API can answer with appears in docs/service.md."""
    import kurzgefasst.errors as errors
    import kurzgefasst.service.errors as service_errors

    codes = {
        cls.code
        for module in (errors, service_errors)
        for cls in vars(module).values()
        if isinstance(cls, type) and issubclass(cls, errors.KurzgefasstError)
    } - {"error"}
    doc = (REPO / "docs" / "service.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", doc))
    assert codes - documented == set()
