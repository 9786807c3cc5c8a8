"""The LLM engine against real HTTP servers on 127.0.0.1 that answer what a test scripts.

What a newsroom notices: the model's good bullets reach the summary; a bullet with a changed
number, an invented quote, a foreign name or a dropped source never does and is replaced by an
extractive one, with the reason recorded; a server that is down, hangs or talks garbage gives
the extractive summary with a warning within the timeout.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from kurzgefasst import Bullet, ConfigurationError, GuardError, Options, Summarizer
from kurzgefasst.document import Document, build_document
from kurzgefasst.engines.llm import parse_bullets
from kurzgefasst.guard import check
from kurzgefasst.inputs import load_article

ARTICLE = (Path(__file__).parent / "fixtures" / "llm_hafenbruecke.txt").read_text(encoding="utf-8")

GOOD = [
    "Der Stadtrat von Hohenfurt hat am Dienstag die Sanierung der Hafenbrücke beschlossen.",
    "Laut dem Fraktionsvorsitzenden Jonas Brückner drohen während der Bauzeit lange Staus in der "
    "Innenstadt.",
    "Das Land übernimmt nach Angaben des Verkehrsministeriums 60 Prozent der Kosten.",
]


@dataclass
class Reply:
    status: int = 200
    body: bytes | str | dict[str, Any] = b""
    delay: float = 0.0


def completion(content: str) -> dict[str, Any]:
    return {
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}],
    }


@dataclass
class ScriptedServer:
    """A real HTTP server speaking the OpenAI chat API; replies are popped from ``replies``
    (the last one repeats)."""

    replies: list[Reply] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    url: str = ""

    def answer(self, *bullets: str, chatter: bool = True) -> None:
        lines = [f"{i}. {b}" for i, b in enumerate(bullets, 1)]
        text = "\n".join(lines)
        if chatter:
            text = "Hier ist die Zusammenfassung:\n\n" + text + "\n\nIch hoffe, das hilft!"
        self.replies = [Reply(body=completion(text))]


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    script = ScriptedServer()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, status: int, body: bytes | str | dict[str, Any]) -> None:
            data = (
                json.dumps(body).encode()
                if isinstance(body, dict)
                else body.encode()
                if isinstance(body, str)
                else body
            )
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._send(200, {"object": "list", "data": [{"id": "scripted-model"}]})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            script.requests.append(json.loads(self.rfile.read(length)))
            script.headers.append(dict(self.headers))
            reply = script.replies.pop(0) if len(script.replies) > 1 else script.replies[0]
            time.sleep(reply.delay)
            with contextlib.suppress(OSError):  # the client may have given up
                self._send(reply.status, reply.body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    script.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield script
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def hanging_url() -> Iterator[str]:
    """A server that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


@pytest.fixture
def closed_url() -> str:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now: connection refused
    return f"http://127.0.0.1:{port}/v1"


@pytest.fixture(scope="module")
def summarizer() -> Summarizer:
    return Summarizer()


def llm_options(url: str, **engine_options: Any) -> Options:
    return Options(engine="llm", engine_options={"url": url, "timeout": 10, **engine_options})


# --- what the model is asked ------------------------------------------------------------


def test_prompt_asks_in_german_for_exactly_n_sourced_bullets_with_greedy_decoding(
    server: ScriptedServer, summarizer: Summarizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KURZGEFASST_LLM_API_KEY", "geheim-123")
    server.answer(*GOOD)
    summarizer.summarize(ARTICLE, options=llm_options(server.url), bullets=4)
    request = server.requests[0]
    assert request["temperature"] == 0
    assert request["model"] == "scripted-model"  # asked the server which model it serves
    assert 0 < request["max_tokens"] <= 1000
    prompt = "\n".join(m["content"] for m in request["messages"])
    assert "genau 4 Stichpunkten" in prompt
    # the box design: the news first, further points that never repeat it, people named,
    # sources kept, nothing added, quotes verbatim or none
    assert "Stichpunkt 1 ist die Nachricht, die die Überschrift ankündigt" in prompt
    assert "Stichpunkte 2 bis 4" in prompt and "wiederholen Stichpunkt 1 nie" in prompt
    assert "Personen mit Namen" in prompt and "keine Fragen" in prompt
    assert "Quelle" in prompt and "Erfinde nichts" in prompt
    assert "Zitate nur wörtlich aus dem Artikel, sonst keine Anführungszeichen" in prompt
    assert "Überschrift: Stadtrat beschließt Sanierung der Hafenbrücke" in prompt
    assert "täglich rund 40.000 Fahrzeuge" in prompt
    assert server.headers[-1]["Authorization"] == "Bearer geheim-123"


def test_named_model_is_used_and_no_key_is_sent_without_the_variable(
    server: ScriptedServer, summarizer: Summarizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KURZGEFASST_LLM_API_KEY", raising=False)
    server.answer(*GOOD)
    summarizer.summarize(ARTICLE, options=llm_options(server.url, model="qwen2.5:7b-instruct"))
    assert server.requests[-1]["model"] == "qwen2.5:7b-instruct"
    assert "Authorization" not in server.headers[-1]


def test_a_long_article_is_cut_to_the_context_by_whole_paragraphs(
    server: ScriptedServer, summarizer: Summarizer
) -> None:
    paragraphs = [
        f"Im Abschnitt {i} berichtet die Stadtverwaltung über den Fortschritt der Arbeiten "
        f"an der Brücke. Die Ingenieure prüfen dabei jeden Pfeiler einzeln und genau."
        for i in range(1, 41)
    ]
    text = "Brückenbericht der Stadt\n\n" + "\n\n".join(paragraphs)
    server.answer(*GOOD)
    summarizer.summarize(text, options=llm_options(server.url, context=1300))
    prompt = server.requests[0]["messages"][-1]["content"]
    article = prompt.split("Artikel:\n", 1)[1]
    kept = article.split("\n\n")
    assert 1 < len(kept) < 40
    assert kept == paragraphs[: len(kept)]  # the top of the article, whole paragraphs only


def test_server_that_says_the_prompt_is_too_long_gets_a_shorter_article(
    server: ScriptedServer, summarizer: Summarizer
) -> None:
    too_long = {"error": {"message": "Requested tokens (2301) exceed context window of 2048"}}
    server.replies = [Reply(400, too_long), Reply(body=completion("- " + GOOD[0]))]
    summary = summarizer.summarize(ARTICLE, options=llm_options(server.url))
    first, second = (len(r["messages"][-1]["content"]) for r in server.requests)
    assert second < first
    assert any(b.engine == "llm" for b in summary.bullets)


# --- the guard decides what reaches the reader ------------------------------------------


def test_faithful_generated_bullets_reach_the_reader_with_evidence(
    server: ScriptedServer, summarizer: Summarizer
) -> None:
    server.answer(*GOOD)
    summary = summarizer.summarize(ARTICLE, options=llm_options(server.url))
    assert sorted(summary.texts) == sorted(GOOD)
    assert [b.engine for b in summary.bullets] == ["llm"] * 3
    assert summary.rejected == [] and summary.warnings == []
    evidence = {b.text: " ".join(e.text for e in b.evidence) for b in summary.bullets}
    assert "Sanierung der Hafenbrücke beschlossen" in evidence[GOOD[0]]
    assert "60 Prozent" in evidence[GOOD[2]]


BAD = {
    "numbers": (
        0,
        "Die Sanierung der Hafenbrücke soll 84 Millionen Euro kosten und 2026 beginnen.",
    ),
    "quotes": (
        0,
        "Oberbürgermeisterin Katrin Wallner nannte die Brücke „eine Gefahr für alle Autofahrer“.",
    ),
    "names": (
        0,
        "Oberbürgermeisterin Petra Hansen sagte, die Hafenbrücke müsse dringend erneuert werden.",
    ),
    "attribution": (1, "Während der Bauzeit drohen lange Staus in der Innenstadt."),
}


@pytest.mark.parametrize("rule", sorted(BAD))
def assert_faithful_replacement(bullet: Bullet, doc: Document) -> None:
    """A replaced bullet is the article's own sentence: the extractive engine's next best one,
    or the source sentence of the rejected bullet (a repair the bullet's edits announce)."""
    assert bullet.engine == "extractive" or bullet.edits[0].startswith("replaced by its source")
    assert check(bullet.text, doc, [e.sentence for e in bullet.evidence]).ok


@pytest.fixture(scope="module")
def doc() -> Document:
    return build_document(load_article(ARTICLE, Options()))


@pytest.mark.parametrize("rule", sorted(BAD))
def test_an_unfaithful_generated_bullet_is_never_shown_and_is_replaced(
    rule: str, server: ScriptedServer, summarizer: Summarizer, doc: Document
) -> None:
    slot, bad = BAD[rule]
    answer = list(GOOD)
    answer[slot] = bad
    server.answer(*answer)
    summary = summarizer.summarize(ARTICLE, options=llm_options(server.url))
    assert len(summary.bullets) == 3
    assert bad not in summary.texts
    kept = [t for i, t in enumerate(answer) if i != slot]
    assert all(text in summary.texts for text in kept)
    [replacement] = [b for b in summary.bullets if b.text not in kept]
    assert_faithful_replacement(replacement, doc)
    [rejection] = summary.rejected
    assert rejection.text == bad and rejection.engine == "llm"
    assert any(reason.startswith(rule) for reason in rejection.reasons), rejection.reasons
    assert any("bullet from llm" in w and rule in w for w in summary.warnings)


def test_when_every_generated_bullet_fails_the_summary_is_the_articles_own_sentences(
    server: ScriptedServer, summarizer: Summarizer, doc: Document
) -> None:
    server.answer(BAD["numbers"][1], BAD["quotes"][1])
    summary = summarizer.summarize(ARTICLE, options=llm_options(server.url))
    assert len(summary.bullets) == 3
    for bullet in summary.bullets:
        assert_faithful_replacement(bullet, doc)
    assert {r.text for r in summary.rejected} == {BAD["numbers"][1], BAD["quotes"][1]}


# --- the repair round: the model fixes what the check names ---------------------------

REPAIRED = (
    "Die Sanierung der Hafenbrücke soll 48 Millionen Euro kosten und im Frühjahr 2026 beginnen."
)


def answer_then(server: ScriptedServer, first: list[str], repair: str, delay: float = 0) -> None:
    """The model's answer, then its answer to the repair request."""
    server.replies = [
        Reply(body=completion("\n".join(f"- {b}" for b in first))),
        Reply(body=completion(repair), delay=delay),
    ]


def test_a_rejected_bullet_is_sent_back_once_with_its_problem_in_german_and_the_fix_is_kept(
    server: ScriptedServer, summarizer: Summarizer
) -> None:
    answer_then(server, [BAD["numbers"][1], *GOOD[1:]], f"- {REPAIRED}")
    summary = summarizer.summarize(ARTICLE, options=llm_options(server.url))
    assert len(server.requests) == 2  # one answer, one bounded repair request
    repair = server.requests[1]["messages"]
    assert [m["role"] for m in repair] == ["system", "user", "assistant", "user"]
    assert BAD["numbers"][1] in repair[-1]["content"]
    assert "„84 Millionen“ steht nicht im Artikel" in repair[-1]["content"]
    assert GOOD[1] not in repair[-1]["content"]  # only the rejected bullet goes back
    assert summary.texts[0] == REPAIRED  # in the bad bullet's place: the box reads news first
    assert all(text in summary.texts for text in GOOD[1:])
    assert {b.engine for b in summary.bullets} == {"llm"}
    [fixed] = [b for b in summary.bullets if b.text == REPAIRED]
    assert fixed.edits[0].startswith("repaired by the model after the check: „Die Sanierung")
    assert "„84 Millionen“ steht nicht im Artikel" in fixed.edits[0]  # the original and why


def test_the_repair_request_names_the_source_the_bullet_dropped(
    server: ScriptedServer, summarizer: Summarizer
) -> None:
    fixed = "Laut Jonas Brückner drohen während der Bauzeit lange Staus in der Innenstadt."
    answer_then(server, [GOOD[0], BAD["attribution"][1], GOOD[2]], f"- {fixed}")
    summary = summarizer.summarize(ARTICLE, options=llm_options(server.url))
    request = server.requests[1]["messages"][-1]["content"]
    assert "behalte die Quelle: „laut dem Fraktionsvorsitzenden Jonas Brückner“" in request
    assert summary.texts[1] == fixed


def test_a_repair_that_still_fails_gives_the_articles_own_sentence(
    server: ScriptedServer, summarizer: Summarizer, doc: Document
) -> None:
    still_wrong = "Die Sanierung der Hafenbrücke soll 85 Millionen Euro kosten."
    answer_then(server, [BAD["numbers"][1], *GOOD[1:]], f"- {still_wrong}")
    summary = summarizer.summarize(ARTICLE, options=llm_options(server.url))
    assert len(server.requests) == 2  # no second repair round
    assert still_wrong not in summary.texts and BAD["numbers"][1] not in summary.texts
    replacement = summary.bullets[0]  # the failed bullet's place, so the box opens with news
    assert_faithful_replacement(replacement, doc)
    assert replacement.engine == "extractive"  # the default engine's box bullet
    assert not replacement.text.endswith("?")
    assert summary.texts[1:] == GOOD[1:]


def test_the_box_keeps_the_models_order_not_the_articles(
    server: ScriptedServer, summarizer: Summarizer
) -> None:
    model_order = [GOOD[2], GOOD[0], GOOD[1]]  # its evidence: the article's end, start, middle
    server.answer(*model_order)
    summary = summarizer.summarize(ARTICLE, options=llm_options(server.url))
    assert summary.texts == model_order


def test_a_slow_repair_keeps_the_timeout_and_the_good_bullets(
    server: ScriptedServer, summarizer: Summarizer
) -> None:
    answer_then(server, [BAD["numbers"][1], *GOOD[1:]], f"- {REPAIRED}", delay=12)
    summary = summarizer.summarize(ARTICLE, options=llm_options(server.url, timeout=5))
    assert summary.timings_ms["engine"] < 5000 + SLACK_MS
    assert all(text in summary.texts for text in GOOD[1:]) and len(summary.bullets) == 3
    assert REPAIRED not in summary.texts


def test_strict_mode_refuses_an_unfaithful_generated_bullet(
    server: ScriptedServer, summarizer: Summarizer
) -> None:
    server.answer(BAD["numbers"][1], *GOOD[1:])
    with pytest.raises(GuardError, match="84"):
        summarizer.summarize(ARTICLE, options=llm_options(server.url), strict=True)


# --- a server that fails never breaks the summary ---------------------------------------


#: A busy shared CPU may add a moment to the timeout; a hang would add the server's whole delay.
SLACK_MS = 1500


def assert_extractive_fallback(summary: Any, reason: str) -> None:
    assert len(summary.bullets) == 3
    assert {b.engine for b in summary.bullets} == {"extractive"}
    assert summary.engine == "llm"
    assert any("llm engine gave no bullets" in w and reason in w for w in summary.warnings), (
        summary.warnings
    )
    assert summary.notices[0].code == "engine_unavailable"


@pytest.mark.parametrize(
    "reply",
    [
        Reply(200, "<html><body><h1>502 Bad Gateway</h1></body></html>"),
        Reply(200, {"object": "chat.completion", "choices": []}),
        Reply(200, completion("")),
        Reply(200, completion("OK.")),
        Reply(200, completion("<html><body>Fehler</body></html>")),
        Reply(404, {"error": {"message": "model 'llama9' not found"}}),
    ],
    ids=["html-page", "no-choices", "empty", "one-word", "markup", "unknown-model"],
)
def test_garbage_answers_give_the_extractive_summary_with_a_warning(
    reply: Reply, server: ScriptedServer, summarizer: Summarizer
) -> None:
    server.replies = [reply]
    summary = summarizer.summarize(ARTICLE, options=llm_options(server.url))
    assert_extractive_fallback(summary, "")
    assert len(server.requests) == 1  # garbage is not worth asking again


def test_a_busy_server_is_asked_again_with_backoff(
    server: ScriptedServer, summarizer: Summarizer
) -> None:
    server.replies = [
        Reply(503, "busy"),
        Reply(429, "slow down"),
        Reply(body=completion("- " + GOOD[0])),
    ]
    summary = summarizer.summarize(ARTICLE, options=llm_options(server.url))
    assert len(server.requests) == 3
    assert summary.bullets[0].engine == "llm"


def test_a_server_that_stays_broken_gives_up_after_the_retries(
    server: ScriptedServer, summarizer: Summarizer
) -> None:
    server.replies = [Reply(500, {"error": "kaputt"})]
    summary = summarizer.summarize(ARTICLE, options=llm_options(server.url, retries=1))
    assert len(server.requests) == 2
    assert_extractive_fallback(summary, "HTTP 500")


def test_a_hanging_server_gives_the_extractive_summary_within_the_timeout(
    hanging_url: str, summarizer: Summarizer
) -> None:
    options = llm_options(hanging_url, timeout=1.5)
    start = time.monotonic()
    summary = summarizer.summarize(ARTICLE, options=options)
    elapsed = time.monotonic() - start
    assert_extractive_fallback(summary, "did not answer")
    assert summary.timings_ms["engine"] < 1500 + SLACK_MS
    assert elapsed < 1.5 + 5


def test_a_slow_server_is_abandoned_at_the_timeout(
    server: ScriptedServer, summarizer: Summarizer
) -> None:
    server.replies = [Reply(body=completion("- " + GOOD[0]), delay=6)]
    summary = summarizer.summarize(ARTICLE, options=llm_options(server.url, timeout=1))
    assert_extractive_fallback(summary, "did not answer")
    assert summary.timings_ms["engine"] < 1000 + SLACK_MS


def test_a_stopped_server_gives_the_extractive_summary(
    closed_url: str, summarizer: Summarizer
) -> None:
    summary = summarizer.summarize(ARTICLE, options=llm_options(closed_url, timeout=3))
    assert_extractive_fallback(summary, "cannot reach")
    assert summary.timings_ms["engine"] < 3000 + SLACK_MS


# --- configuration ----------------------------------------------------------------------


def test_a_service_can_configure_the_model_through_the_environment(
    server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    summarizer = Summarizer()  # engines are cached per options, and these come from the env
    monkeypatch.setenv("KURZGEFASST_LLM_URL", server.url)
    monkeypatch.setenv("KURZGEFASST_LLM_MODEL", "from-env")
    server.answer(*GOOD)
    summary = summarizer.summarize(ARTICLE, options=Options(engine="llm"))
    assert [b.engine for b in summary.bullets] == ["llm"] * 3
    assert server.requests[-1]["model"] == "from-env"
    # Explicit options win over the environment as a whole.
    monkeypatch.setenv("KURZGEFASST_LLM_GGUF", "/nonexistent/modell.gguf")
    summary = summarizer.summarize(ARTICLE, options=llm_options(server.url, model="explicit"))
    assert server.requests[-1]["model"] == "explicit"


@pytest.mark.parametrize(
    ("engine_options", "message"),
    [
        ({}, "--llm-url"),
        ({"url": "http://127.0.0.1:1/v1", "gguf": "m.gguf"}, "exactly one"),
        ({"url": "ftp://example.org/v1"}, "http"),
        ({"url": "http://127.0.0.1:1/v1", "timeout": 0}, "timeout"),
        ({"url": "http://127.0.0.1:1/v1", "temperature": 0.7}, "unknown"),
        ({"gguf": "/nonexistent/modell.gguf"}, "modell.gguf"),
    ],
)
def test_bad_settings_are_reported_not_silently_ignored(
    engine_options: dict[str, Any], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    summarizer = Summarizer()
    for var in ("URL", "MODEL", "GGUF"):
        monkeypatch.delenv(f"KURZGEFASST_LLM_{var}", raising=False)
    with pytest.raises(ConfigurationError, match=message):
        summarizer.summarize(ARTICLE, options=Options(engine="llm", engine_options=engine_options))


# --- the command line -------------------------------------------------------------------


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "kurzgefasst.cli", "summarize", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


FIXTURE = str(Path(__file__).parent / "fixtures" / "llm_hafenbruecke.txt")


def test_cli_with_a_hanging_server_prints_the_extractive_summary_and_a_warning(
    hanging_url: str,
) -> None:
    start = time.monotonic()
    result = run_cli(FIXTURE, "--engine", "llm", "--llm-url", hanging_url, "--llm-timeout", "2")
    assert result.returncode == 0, result.stderr
    assert len([line for line in result.stdout.splitlines() if line.strip()]) >= 3
    assert "warning: the llm engine gave no bullets" in result.stderr
    assert "did not answer within 2 s" in result.stderr
    assert time.monotonic() - start < 2 + 60  # process start and model loading, never a hang


def test_cli_json_records_engine_per_bullet_and_why_one_was_replaced(
    server: ScriptedServer,
) -> None:
    server.answer(BAD["numbers"][1], *GOOD[1:])
    result = run_cli(
        FIXTURE, "--engine", "llm", "--llm-url", server.url, "--llm-model", "m", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert all(b["engine"] in ("llm", "extractive") for b in data["bullets"])
    shown = {b["text"]: b for b in data["bullets"]}
    assert GOOD[1] in shown and GOOD[2] in shown and len(shown) == 3
    [other] = [b for text, b in shown.items() if text not in GOOD[1:]]
    assert "84" not in other["text"]
    assert other["engine"] == "extractive" or other["edits"][0].startswith("replaced by its source")
    assert data["rejected"][0]["text"] == BAD["numbers"][1]
    assert data["rejected"][0]["reasons"][0].startswith("numbers")
    assert server.requests[-1]["model"] == "m"


def test_cli_without_a_model_explains_what_is_missing() -> None:
    env_free = {k: v for k, v in os.environ.items() if not k.startswith("KURZGEFASST_LLM_")}
    result = subprocess.run(
        [sys.executable, "-m", "kurzgefasst.cli", "summarize", FIXTURE, "--engine", "llm"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env_free,
    )
    assert result.returncode == 2
    assert "--llm-url" in result.stderr and "--llm-gguf" in result.stderr
    assert "Traceback" not in result.stderr


# --- reading messy model output ---------------------------------------------------------

MESSY = {
    "numbered-with-chatter": (
        "Hier sind die drei Stichpunkte:\n\n1. **Der Stadtrat hat die Sanierung beschlossen.**\n"
        "2. Die Kosten betragen 48 Millionen Euro, sagte Wallner.\n3) Laut Brückner drohen Staus."
        "\n\nIch hoffe, das hilft!"
    ),
    "dashes-wrapped-think": (
        "<think>Drei Punkte.</think>\n- Der Stadtrat hat die Sanierung beschlossen.\n"
        "- Die Kosten betragen 48 Millionen\n  Euro, sagte Wallner.\n* Laut Brückner drohen Staus."
    ),
    "inline-numbering": (
        "1. Der Stadtrat hat die Sanierung beschlossen. 2. Die Kosten betragen 48 Millionen Euro, "
        "sagte Wallner. 3. Laut Brückner drohen Staus."
    ),
    "bullets-in-fence": (
        "```\n• Der Stadtrat hat die Sanierung beschlossen.\n"
        "• Die Kosten betragen 48 Millionen Euro, sagte Wallner. • Laut Brückner drohen Staus.\n```"
    ),
    "markdown-heading-plain-lines": (
        "## Zusammenfassung\n\nDer Stadtrat hat die Sanierung beschlossen.\n"
        "Die Kosten betragen 48 Millionen Euro, sagte Wallner.\nLaut Brückner drohen Staus."
    ),
}
PARSED = [
    "Der Stadtrat hat die Sanierung beschlossen.",
    "Die Kosten betragen 48 Millionen Euro, sagte Wallner.",
    "Laut Brückner drohen Staus.",
]


@pytest.mark.parametrize("answer", MESSY.values(), ids=MESSY.keys())
def test_bullets_are_read_from_messy_model_output(answer: str) -> None:
    assert parse_bullets(answer, 3) == PARSED


def test_instructions_the_model_repeats_are_not_bullets() -> None:
    answer = (
        "- Verwende nur Tatsachen aus dem Artikel.\n"
        "- Jeder Stichpunkt ist genau ein vollständiger Satz im neutralen Nachrichtenstil.\n"
        "- Laut Polizei wurden drei Menschen verletzt, sagte die Ministerin."
    )
    assert parse_bullets(answer, 3) == [
        "Laut Polizei wurden drei Menschen verletzt, sagte die Ministerin."
    ]


def test_reading_keeps_dates_one_sentence_per_bullet_and_no_repeats() -> None:
    answer = (
        "1. Die Arbeiten beginnen am 3. März 2026. Das ist früh.\n"
        "2. Die Arbeiten beginnen am 3. März 2026.\n3. Laut Brückner drohen Staus.\n"
        "4. Noch ein Punkt hier."
    )
    assert parse_bullets(answer, 3) == [
        "Die Arbeiten beginnen am 3. März 2026.",
        "Laut Brückner drohen Staus.",
        "Noch ein Punkt hier.",
    ]


# --- what becomes of the model's bullets, as eval reports it ------------------------------


def test_two_model_bullets_drawing_on_one_article_sentence_are_both_kept(
    server: ScriptedServer, summarizer: Summarizer
) -> None:
    cost = "Die Sanierung der Hafenbrücke soll 48 Millionen Euro kosten."
    start = "Die Arbeiten an der Hafenbrücke sollen im Frühjahr 2026 beginnen."
    server.answer(GOOD[0], cost, start)
    summary = summarizer.summarize(ARTICLE, options=llm_options(server.url))
    assert sorted(summary.texts) == sorted([GOOD[0], cost, start])


def test_eval_counts_model_bullets_kept_as_written_repaired_and_replaced(
    server: ScriptedServer, tmp_path: Path
) -> None:
    pytest.importorskip("rouge_score")
    title, body = ARTICLE.split("\n", 1)
    data = tmp_path / "artikel.jsonl"
    record = {"id": "a1", "title": title, "text": body, "summary": GOOD[0]}
    data.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    answer_then(server, [BAD["numbers"][1], GOOD[1], BAD["quotes"][1]], f"- {REPAIRED}")
    server.replies *= 2  # eval's warm-up summary asks first, then the article's
    report = tmp_path / "report.json"
    result = subprocess.run(
        [sys.executable, "-m", "kurzgefasst.cli", "eval", "--data", str(data), "--quiet",
         "--systems", f"llm[engine.url={server.url}]", "--json", str(report)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    [row] = json.loads(report.read_text(encoding="utf-8"))["systems"].values()
    assert row["llm_bullets"] == {"written": 1, "repaired": 1, "replaced": 1}
    assert row["llm_written_or_repaired"] == pytest.approx(2 / 3, abs=1e-3)
    assert "kept as written 1, repaired 1, replaced 1" in result.stdout
