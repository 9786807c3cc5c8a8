"""Fuzzing: random input through the Python API and the HTTP API.

Whatever comes in, ``summarize()`` returns a Summary or raises a KurzgefasstError, and the HTTP
API answers JSON with a status below 500. Seeded (``derandomize``) so a failure repeats, and
bounded in time so the suite stays fast; the number of inputs that ran is checked.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kurzgefasst import KurzgefasstError, Summarizer  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = [
    (FIXTURES / name).read_text(encoding="utf-8")
    for name in ("verkehrswende.txt", "drohnen.txt", "schule.txt")
]
#: Inputs the Python API fuzz test must run (the issue's figure), and its time budget.
API_EXAMPLES = 2000
API_BUDGET_SECONDS = 180
HTTP_EXAMPLES = 300

# Any code point, surrogates and unassigned ones included.
any_char = st.characters(codec=None, exclude_categories=())
odd_chars = st.sampled_from(
    ["\u0f73", "\u0f75", "\u0301", "\ud800", "\udfff", "\ufeff", "\u2028", "\x00", "\x1b",
     "\ufffd", "ẞ", "İ", "ﬁ", "\u200b", "\u202e", "„", "“", "«", "»", "–", "\r", "\n", "<", "&"]
)  # fmt: skip


@st.composite
def mutated_article(draw: st.DrawFn) -> str:
    """A real article with random damage: inserted odd characters, cuts, case changes."""
    text = draw(st.sampled_from(ARTICLES))
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "cut", "upper", "repeat"]))
        if action == "insert":
            piece = draw(st.text(st.one_of(odd_chars, any_char), min_size=1, max_size=8))
            text = text[:position] + piece + text[position:]
        elif action == "cut":
            text = text[:position] + text[position + draw(st.integers(1, 400)) :]
        elif action == "upper":
            text = text[:position] + text[position:].upper()
        else:
            text = text[:position] + text[position : position + 200] * 3 + text[position:]
    return text


@st.composite
def random_html(draw: st.DrawFn) -> str:
    body = draw(st.one_of(mutated_article(), st.text(max_size=300)))
    tags = draw(st.lists(st.sampled_from(["p", "div", "article", "h1", "script", "table", "b"])))
    for tag in tags:
        body = f"<{tag}>{body}</{tag}>"
    return "<html><head><title>T</title></head><body>" + body + "</body></html>"


text_inputs = st.one_of(
    mutated_article(),
    st.text(any_char, max_size=400),
    st.text(odd_chars, max_size=50),
)
byte_inputs = st.one_of(
    st.binary(max_size=400),
    mutated_article().map(lambda t: t.encode("utf-8", errors="surrogatepass")),
    mutated_article().map(lambda t: t.encode("utf-16", errors="surrogatepass")),
    mutated_article().map(lambda t: t.encode("cp1252", errors="replace")),
)
calls = st.one_of(
    text_inputs.map(lambda t: {"text": t}),
    byte_inputs.map(lambda b: {"text": b}),
    random_html().map(lambda h: {"html": h}),
    st.tuples(mutated_article(), st.integers(-2, 12), st.integers(0, 400)).map(
        lambda a: {"text": a[0], "bullets": a[1], "max_chars": a[2]}
    ),
    st.tuples(mutated_article(), st.one_of(st.none(), st.text(max_size=40), st.integers())).map(
        lambda a: {"text": a[0], "title": a[1]}
    ),
    st.one_of(st.integers(), st.floats(), st.lists(st.text()), st.none()).map(
        lambda x: {"text": x}
    ),
)

_summarizer = Summarizer()


def test_random_inputs_through_summarize_raise_only_kurzgefasst_errors() -> None:
    ran = {"n": 0, "ok": 0, "errors": 0}
    stop = time.monotonic() + API_BUDGET_SECONDS

    @settings(
        max_examples=API_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(calls)
    def run(call: dict) -> None:
        if time.monotonic() > stop:
            return
        ran["n"] += 1
        call = dict(call)
        text = call.pop("text", None)
        html = call.pop("html", None)
        title = call.pop("title", None)
        try:
            if call:
                from kurzgefasst import Options

                options = Options(**call)
            else:
                options = None
            summary = _summarizer.summarize(
                text if html is None else None, html=html, title=title, options=options
            )
        except KurzgefasstError:
            ran["errors"] += 1
            return
        ran["ok"] += 1
        json.dumps(summary.to_dict(include_source=True), ensure_ascii=False).encode("utf-8")
        for bullet in summary.bullets:
            for evidence in bullet.evidence:
                assert summary.source_text[evidence.start : evidence.end] == evidence.text

    run()
    print(f"fuzz: {ran['n']} inputs, {ran['ok']} summaries, {ran['errors']} KurzgefasstErrors")
    assert ran["n"] >= API_EXAMPLES or time.monotonic() > stop
    assert ran["ok"] > 50  # the inputs reach the whole pipeline, not only the first check


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(any_char, max_size=50)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(), inner, max_size=4)
    ),
    max_leaves=10,
)
request_bodies = st.one_of(
    st.fixed_dictionaries(
        {"text": mutated_article()},
        optional={
            "bullets": st.one_of(st.integers(-1, 12), json_values),
            "format": st.sampled_from(["json", "text", "markdown", "html", "pdf"]),
            "title": st.one_of(st.text(any_char, max_size=80), json_values),
            "max_chars": st.one_of(st.integers(0, 3000), json_values),
            "engine": st.sampled_from(["extractive", "lead", "nope"]),
        },
    ).map(lambda d: json.dumps(d, ensure_ascii=False).encode("utf-8", errors="surrogatepass")),
    random_html().map(lambda h: json.dumps({"html": h}).encode("utf-8", errors="surrogatepass")),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=300),
)


def test_random_requests_to_the_http_api_never_answer_500() -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from kurzgefasst.service import ServiceConfig, create_app

    statuses: dict[int, int] = {}
    with TestClient(create_app(ServiceConfig(warm_up=False))) as client:

        @settings(
            max_examples=HTTP_EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(request_bodies)
        def run(body: bytes) -> None:
            response = client.post(
                "/v1/summarize", content=body, headers={"Content-Type": "application/json"}
            )
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            assert response.status_code < 500, response.text
            if response.status_code != 200:
                assert response.json()["error"]["type"]

        run()
    print(f"http fuzz: {sum(statuses.values())} requests, statuses {sorted(statuses.items())}")
    assert sum(statuses.values()) >= HTTP_EXAMPLES
    assert statuses.get(200, 0) > 10
