"""The LLM engine: fluent bullets from the user's own model, still behind the guard.

The model is asked in German for exactly N one-sentence bullets that use only the article's
facts and keep every claim's source. Its bullets are candidates like any other engine's: the
pipeline checks each one with the guard and replaces a rejected bullet by the extractive
engine's next best one (``needs_fallback``). When the model gives nothing usable (server down,
too slow, garbage) ``rank`` raises ``EngineUnavailableError`` and the pipeline answers with the
extractive summary and a warning.

Settings come from ``Options.engine_options`` (the CLI's ``--llm-*`` flags), falling back to
the environment variables ``KURZGEFASST_LLM_URL``, ``KURZGEFASST_LLM_MODEL`` and
``KURZGEFASST_LLM_GGUF``; the API key is only ever read from the environment. The prompt and the
parsing of the answer are in ``llm_prompt``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from ..contracts import Candidate, Usability
from ..document import Document
from ..errors import ConfigurationError, EngineUnavailableError
from ..options import DEFAULTS
from .base import Engine
from .llm_backends import Backend, ContextOverflowError, LlamaCppBackend, Message, OpenAIBackend
from .llm_prompt import (
    build_messages,
    parse_bullets,
    repair_request,
)


@dataclass(frozen=True)
class LLMSettings:
    #: OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1 (Ollama).
    url: str | None = None
    #: Model name for the server; None asks the server which it serves.
    model: str | None = None
    #: Local GGUF file for in-process llama.cpp (instead of ``url``).
    gguf: str | None = None
    #: CPU threads for in-process llama.cpp (None: llama.cpp's default).
    threads: int | None = None
    #: Seconds the whole LLM step may take, retries included; then the extractive summary.
    timeout: float = 60.0
    #: Context window in tokens; the article is cut by whole paragraphs to fit.
    context: int = 4096
    #: Longest answer in tokens (None: 80 per bullet + 40).
    max_tokens: int | None = None
    #: Further attempts after a refused connection or a busy server (5xx, 429).
    retries: int = 2
    #: Environment variable holding the API key sent as a Bearer token.
    api_key_env: str = "KURZGEFASST_LLM_API_KEY"

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> LLMSettings:
        """The engine's settings (``Options.engine_options``), completed from the environment;
        an unknown key or a bad value is a ConfigurationError."""
        given: dict[str, Any] = dict(settings)
        unknown = set(given) - {f.name for f in fields(cls)}
        if unknown:
            raise ConfigurationError(f"unknown LLM engine options: {', '.join(sorted(unknown))}")
        # The environment configures a service; explicit options win as a whole.
        env = {key: os.environ.get(f"KURZGEFASST_LLM_{key.upper()}") for key in ("url", "gguf")}
        if given.get("url") is None and given.get("gguf") is None:
            given.update({key: value for key, value in env.items() if value})
            if given.get("url") and given.get("model") is None:
                given["model"] = os.environ.get("KURZGEFASST_LLM_MODEL") or None
        given = {k: v for k, v in given.items() if v is not None}
        texts = [k for k in ("url", "model", "gguf", "api_key_env") if k in given]
        if any(not isinstance(given[k], str) for k in texts):
            raise ConfigurationError(f"bad LLM engine options: {', '.join(texts)} must be text")
        try:
            result = cls(**given)
            timeout, context, retries = (
                float(result.timeout),
                int(result.context),
                int(result.retries),
            )
            threads = int(result.threads) if result.threads else 1
            max_tokens = int(result.max_tokens) if result.max_tokens else 1
        except (TypeError, ValueError) as exc:
            raise ConfigurationError(f"bad LLM engine options: {exc}") from None
        if bool(result.url) == bool(result.gguf):
            raise ConfigurationError(
                "the llm engine needs exactly one of --llm-url (a model server) "
                "or --llm-gguf (a model file)"
            )
        if timeout <= 0 or context < 256 or retries < 0:
            raise ConfigurationError("--llm-timeout must be positive, --llm-context at least 256")
        if threads < 1 or max_tokens < 1:
            raise ConfigurationError("--llm-threads and the answer's max_tokens must be positive")
        return result

    def answer_tokens(self, n: int) -> int:
        return int(self.max_tokens) if self.max_tokens else 80 * n + 40


def create_backend(settings: LLMSettings) -> Backend:
    if settings.gguf:
        threads = int(settings.threads) if settings.threads else None
        return LlamaCppBackend(settings.gguf, threads=threads, context=int(settings.context))
    assert settings.url is not None
    return OpenAIBackend(
        settings.url,
        model=settings.model,
        api_key_env=settings.api_key_env,
        context=int(settings.context),
        retries=int(settings.retries),
    )


# --- the engine -----------------------------------------------------------------------------


#: The edit a bullet carries when the model rewrote it after the check named its problems.
REPAIRED_EDIT = "repaired by the model after the check"


def bullet_origin(engine: str, edits: tuple[str, ...] | list[str]) -> str:
    """What became of a model's bullet in the box: "written" (as the model wrote it),
    "repaired" (rewritten by the model after the check) or "replaced" (the article's own
    sentence, or the default engine's bullet, took its place)."""
    if engine != LLMEngine.name or any(e.startswith("replaced by its source") for e in edits):
        return "replaced"
    return "repaired" if any(e.startswith(REPAIRED_EDIT) for e in edits) else "written"


#: A check of one bullet text: the German messages of its problems (empty when it passes).
BulletCheck = Callable[[str], list[str]]


@dataclass
class Exchange:
    """One summary's conversation with the model: the messages, the answer, the repair round."""

    messages: list[Message]
    answer: str = ""
    bullets: list[str] = field(default_factory=list)
    repair_messages: list[Message] = field(default_factory=list)
    repair_answer: str = ""
    #: Per bullet of ``bullets``: "written", "repaired" or "failed" (left to the fallback).
    status: list[str] = field(default_factory=list)
    #: Per bullet: the problems the check found in the model's first version.
    problems: list[list[str]] = field(default_factory=list)
    final: list[str] = field(default_factory=list)


class LLMEngine(Engine):
    name = "llm"
    needs_fallback = True

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        self.settings = LLMSettings.from_settings(settings or {})
        self.backend = create_backend(self.settings)

    def messages(
        self, doc: Document, n: int, limit: int | None = None, max_chars: int = DEFAULTS.max_chars
    ) -> tuple[list[Message], int]:
        """What the model is sent for ``doc`` (``--show-prompt`` prints it without sending);
        ``max_chars`` is the longest bullet the prompt asks for."""
        answer_tokens = self.settings.answer_tokens(n)
        return build_messages(doc, n, self.backend, answer_tokens, limit, max_chars=max_chars)

    def _chat(
        self, doc: Document, n: int, deadline: float, max_chars: int = DEFAULTS.max_chars
    ) -> tuple[list[Message], str]:
        answer_tokens = self.settings.answer_tokens(n)
        limit: int | None = None
        while True:
            messages, used = self.messages(doc, n, limit, max_chars)
            try:
                answer = self.backend.chat(messages, max_tokens=answer_tokens, deadline=deadline)
                return messages, answer
            except ContextOverflowError:
                limit = used // 2  # our token estimate was too low for this server: halve
                if limit < 30 or time.monotonic() >= deadline:
                    raise

    def ask(self, doc: Document, n: int) -> str:
        """The model's raw answer for ``doc`` within the timeout (a shorter article when the
        server says the prompt exceeds its context)."""
        return self._chat(doc, n, time.monotonic() + float(self.settings.timeout))[1]

    def converse(
        self, doc: Document, n: int, check: BulletCheck, max_chars: int = DEFAULTS.max_chars
    ) -> Exchange:
        """Ask for ``n`` bullets, check each, and ask once more for the rejected ones.

        The repair request names every problem in German ("„Zürich“ steht nicht im Artikel;
        der Artikel schreibt „Zürcher“") and shares the first request's deadline; a repaired
        bullet must pass the same check. What still fails goes to the pipeline, whose guard
        rejects it and puts the default engine's bullet in its place. ``check`` is the pipeline's
        (``Usability.problems``): the same rules ``kurzgefasst check`` applies.
        """
        deadline = time.monotonic() + float(self.settings.timeout)
        messages, answer = self._chat(doc, n, deadline, max_chars)
        exchange = Exchange(messages, answer, parse_bullets(answer, n))
        if not exchange.bullets:
            shown = " ".join(answer.split())[:80]
            raise EngineUnavailableError(f"the model's answer holds no usable bullets: {shown!r}")
        problems = [check(text) for text in exchange.bullets]
        exchange.problems = problems
        exchange.status = ["written" if not p else "failed" for p in problems]
        exchange.final = list(exchange.bullets)
        failing = [i for i, p in enumerate(problems) if p]
        if failing and time.monotonic() < deadline:
            items = [(exchange.bullets[i], problems[i]) for i in failing]
            exchange.repair_messages = [
                *messages,
                {"role": "assistant", "content": answer},
                {"role": "user", "content": repair_request(items)},
            ]
            try:
                exchange.repair_answer = self.backend.chat(
                    exchange.repair_messages,
                    max_tokens=self.settings.answer_tokens(len(failing)),
                    deadline=deadline,
                )
            except EngineUnavailableError:
                exchange.repair_answer = ""  # the fallback takes these places
            repaired = parse_bullets(exchange.repair_answer, len(failing))
            taken = {" ".join(t.lower().split()) for t in exchange.final}
            for slot, text in zip(failing, repaired, strict=False):
                if " ".join(text.lower().split()) in taken or check(text):
                    continue
                exchange.final[slot] = text
                exchange.status[slot] = "repaired"
                taken.add(" ".join(text.lower().split()))
        return exchange

    def rank(self, doc: Document, n: int, usable: Usability) -> list[Candidate]:
        exchange = self.converse(doc, n, usable.problems, usable.max_chars)
        candidates: list[Candidate] = []
        for i, (text, status) in enumerate(zip(exchange.final, exchange.status, strict=True)):
            edits: tuple[str, ...] = ()
            if status == "repaired":  # what the model first wrote, and why it was sent back
                was = exchange.bullets[i]
                edits = (f"{REPAIRED_EDIT}: „{was}“ ({' '.join(exchange.problems[i])})",)
            candidates.append(Candidate(text, (), float(n - i), self.name, edits))
        return candidates
