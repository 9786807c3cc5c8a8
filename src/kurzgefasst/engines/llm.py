"""The LLM engine: fluent bullets from the user's own model, still behind the guard.

The model is asked in German for exactly N one-sentence bullets that use only the article's
facts and keep every claim's source. Its bullets are candidates like any other engine's: the
pipeline checks each one with the guard and replaces a rejected bullet by the extractive
engine's next best one (``needs_fallback``). When the model gives nothing usable (server down,
too slow, garbage) ``rank`` raises ``EngineUnavailableError`` and the pipeline answers with the
extractive summary and a warning.

Settings come from ``Options.engine_options`` (the CLI's ``--llm-*`` flags), falling back to
the environment variables ``KURZGEFASST_LLM_URL``, ``KURZGEFASST_LLM_MODEL`` and
``KURZGEFASST_LLM_GGUF``; the API key is only ever read from the environment.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from ..document import Document, word_key
from ..errors import ConfigurationError, EngineUnavailableError
from ..german.sentences import split_text
from ..options import Options
from .base import Candidate, Engine
from .llm_backends import Backend, ContextOverflowError, LlamaCppBackend, Message, OpenAIBackend


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
    def from_options(cls, options: Options) -> LLMSettings:
        given: dict[str, Any] = dict(options.engine_options)
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
        try:
            settings = cls(**given)
            timeout, context, retries = (
                float(settings.timeout),
                int(settings.context),
                int(settings.retries),
            )
        except (TypeError, ValueError) as exc:
            raise ConfigurationError(f"bad LLM engine options: {exc}") from None
        if bool(settings.url) == bool(settings.gguf):
            raise ConfigurationError(
                "the llm engine needs exactly one of --llm-url (a model server) "
                "or --llm-gguf (a model file)"
            )
        if timeout <= 0 or context < 256 or retries < 0:
            raise ConfigurationError("--llm-timeout must be positive, --llm-context at least 256")
        return settings

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


# --- the prompt -----------------------------------------------------------------------------

SYSTEM_PROMPT = (
    "Du bist Nachrichtenredakteurin und schreibst die Zusammenfassung über einem Artikel. "
    "Du schreibst sachlich und neutral und verwendest nur, was im Artikel steht."
)

RULES = (
    "Jeder Stichpunkt ist genau ein vollständiger deutscher Satz im neutralen Nachrichtenstil.",
    "Verwende nur Tatsachen aus dem Artikel. Übernimm Zahlen, Namen und Zitate genau so, "
    "wie sie im Artikel stehen. Erfinde nichts.",
    "Nenne bei jeder Aussage die Quelle, wie der Artikel sie nennt "
    "(zum Beispiel „sagte die Ministerin“ oder „laut Polizei“).",
    "Antworte nur mit den {n} Stichpunkten, jeder in einer eigenen Zeile, beginnend mit „- “. "
    "Keine Einleitung, keine Überschrift.",
)
USER_PROMPT = (
    "Fasse den Artikel in genau {n} Stichpunkten zusammen.\n\nRegeln:\n"
    + "".join(f"- {rule}\n" for rule in RULES)
    + "\n{title}Artikel:\n{article}"
)


def _paragraphs(doc: Document) -> list[list[str]]:
    """The Document's sentences grouped by paragraph (boxes, credits and datelines are gone)."""
    groups: list[list[str]] = []
    last: int | None = None
    for sentence in doc.sentences:
        if sentence.paragraph != last:
            groups.append([])
            last = sentence.paragraph
        groups[-1].append(sentence.text)
    return groups


def article_for_prompt(doc: Document, budget: int, backend: Backend) -> tuple[str, int, int]:
    """The article cut to ``budget`` tokens by whole paragraphs; its sentences and tokens.

    A first paragraph longer than the budget is cut by whole sentences instead, so the model
    always sees the top of the article, where news puts what matters.
    """
    kept: list[str] = []
    sentences = used = 0
    for paragraph in _paragraphs(doc):
        text = " ".join(paragraph)
        cost = backend.count_tokens(text) + 2
        if used + cost <= budget:
            kept.append(text)
            used += cost
            sentences += len(paragraph)
            continue
        if not kept:
            taken: list[str] = []
            for sentence in paragraph:
                cost = backend.count_tokens(sentence) + 1
                if used + cost > budget:
                    break
                taken.append(sentence)
                used += cost
            if taken:
                kept.append(" ".join(taken))
                sentences += len(taken)
        break
    return "\n\n".join(kept), sentences, used


def build_messages(
    doc: Document, n: int, backend: Backend, answer_tokens: int, limit: int | None = None
) -> tuple[list[Message], int]:
    """System and user message with as much of the article as the context allows, and the
    article's estimated tokens.

    ``limit`` caps the article's tokens when a server refused the prompt as too long (its
    tokenizer counts more tokens than our estimate).
    """
    title = f"Titel: {doc.title}\n\n" if doc.title else ""
    frame = USER_PROMPT.format(n=n, title=title, article="")
    overhead = (
        backend.count_tokens(SYSTEM_PROMPT) + backend.count_tokens(frame) + 32
    )  # chat template
    budget = backend.context - answer_tokens - overhead
    if limit is not None:
        budget = min(budget, limit)
    article, kept, used = article_for_prompt(doc, budget, backend) if budget > 0 else ("", 0, 0)
    if not kept:
        raise EngineUnavailableError(
            f"the model's context ({backend.context} tokens) is too small "
            "for one sentence and the answer"
        )
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": USER_PROMPT.format(n=n, title=title, article=article)},
    ]
    return messages, used


# --- parsing the answer ---------------------------------------------------------------------

_THINK_RE = re.compile(r"<think>.*?(?:</think>|\Z)", re.S | re.I)
_FENCE_RE = re.compile(r"^\s*```.*$", re.M)
_MARKER_RE = re.compile(r"^\s*(?:[-*+•·▪●◦‣–—]|\(?\d{1,2}[.):]|\(?[a-e]\))\s*(?=\S)")
_HEADING_RE = re.compile(r"^\s*(?:#{1,6}\s|\*\*[^*]+\*\*:?\s*$)")
_BOLD_RE = re.compile(r"\*\*|__|`")
_ITALIC_RE = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_CHATTER_RE = re.compile(
    r"^(?:hier (?:sind|ist|die|eine)|gerne|gern|natürlich|sicher|okay|ok\b|"
    r"zusammenfassung\b|stichpunkte\b|ich hoffe|hinweis|anmerkung|artikel:|titel:|"
    r"sure\b|here (?:is|are)|note\b|summary\b)",
    re.I,
)
_WORD_RE = re.compile(r"[^\W\d_]+")
_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>|\{\s*\"")  # HTML or JSON instead of prose
_INLINE_BULLET_RE = re.compile(r"\s+[•·▪●]\s+")


def _split_inline_numbering(line: str) -> list[str]:
    """'1. A. 2. B. 3. C.' on one line → three items (only for a sequence starting at 1)."""
    if not re.match(r"\s*1[.)]\s", line):
        return [line]
    cuts = [0]
    k = 2
    while match := re.compile(rf"(?<=[.!?“”\"»])\s{k}[.)]\s+(?=[A-ZÄÖÜ„»\"])").search(
        line, cuts[-1] + 1
    ):
        cuts.append(match.start() + 1)
        k += 1
    return [line[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(line)], strict=True)]


@lru_cache(maxsize=1)
def _prompt_keys() -> frozenset[str]:
    words = _WORD_RE.findall(" ".join((SYSTEM_PROMPT, USER_PROMPT)))
    examples = {word_key(w) for w in _WORD_RE.findall("sagte die Ministerin laut Polizei")}
    return frozenset(word_key(w) for w in words if len(w) > 3) - examples


def _echoes_prompt(text: str) -> bool:
    """Small models repeat their instructions ("Verwende nur Tatsachen aus dem Artikel.")."""
    keys = [word_key(w) for w in _WORD_RE.findall(text) if len(w) > 3]
    return bool(keys) and sum(k in _prompt_keys() for k in keys) / len(keys) >= 0.5


def parse_bullets(answer: str, n: int) -> list[str]:
    """Up to ``n`` bullet sentences from a model's answer, however it was formatted.

    Handles numbering ("1.", "2)"), dashes and bullets ("-", "•", "*"), Markdown emphasis and
    headings, code fences, <think> blocks, and chatter around the list ("Hier sind …:"). When
    some lines carry list markers, only those (with their wrapped continuation lines) count.
    """
    text = _FENCE_RE.sub("", _THINK_RE.sub("", answer)).replace("\r\n", "\n")
    lines: list[str] = []
    for raw in text.split("\n"):
        lines.extend(_split_inline_numbering(raw) if raw.strip() else [""])
    items: list[tuple[bool, str]] = []  # (marked, text)
    continuing = False
    for line in lines:
        if not line.strip():
            continuing = False
            continue
        if _HEADING_RE.match(line):
            continuing = False
            continue
        marked = bool(_MARKER_RE.match(line))
        body = _MARKER_RE.sub("", line, count=1) if marked else line
        body = _ITALIC_RE.sub(r"\1", _BOLD_RE.sub("", body)).strip()
        if not body:
            continue
        if not marked and continuing and items and items[-1][0]:
            items[-1] = (True, f"{items[-1][1]} {body}")
            continue
        items.append((marked, body))
        continuing = True
    if any(marked for marked, _ in items):
        candidates = [body for marked, body in items if marked]
    else:
        candidates = [body for _, body in items]
    bullets: list[str] = []
    seen: set[str] = set()
    for candidate in candidates:
        for piece in _INLINE_BULLET_RE.split(candidate):
            piece = piece.strip()
            if (
                not piece
                or piece.endswith(":")
                or _CHATTER_RE.match(piece)
                or _TAG_RE.search(piece)
            ):
                continue
            if _echoes_prompt(piece):
                continue
            sentences = split_text(piece)
            sentence = sentences[0] if sentences else piece
            key = " ".join(re.findall(r"\w+", sentence.lower()))
            if len(key.split()) < 4 or key in seen:
                continue
            seen.add(key)
            bullets.append(sentence)
    return bullets[:n]


# --- the engine -----------------------------------------------------------------------------


class LLMEngine(Engine):
    name = "llm"
    needs_fallback = True

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options(engine="llm")
        self.settings = LLMSettings.from_options(self.options)
        self.backend = create_backend(self.settings)

    def ask(self, doc: Document, n: int) -> str:
        """The model's raw answer for ``doc`` within the timeout (a shorter article when the
        server says the prompt exceeds its context)."""
        deadline = time.monotonic() + float(self.settings.timeout)
        answer_tokens = self.settings.answer_tokens(n)
        limit: int | None = None
        while True:
            messages, used = build_messages(doc, n, self.backend, answer_tokens, limit)
            try:
                return self.backend.chat(messages, max_tokens=answer_tokens, deadline=deadline)
            except ContextOverflowError:
                limit = used // 2  # our token estimate was too low for this server: halve
                if limit < 30 or time.monotonic() >= deadline:
                    raise

    def rank(self, doc: Document, n: int) -> list[Candidate]:
        answer = self.ask(doc, n)
        bullets = parse_bullets(answer, n)
        if not bullets:
            shown = " ".join(answer.split())[:80]
            raise EngineUnavailableError(f"the model's answer holds no usable bullets: {shown!r}")
        return [Candidate(text, (), float(n - i), self.name) for i, text in enumerate(bullets)]
