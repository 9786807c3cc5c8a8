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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

from ..contracts import Candidate, Usability
from ..document import Document, word_key
from ..errors import ConfigurationError, EngineUnavailableError
from ..german.sentences import split_text
from .base import Engine
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


# --- the prompt -----------------------------------------------------------------------------

SYSTEM_PROMPT = (
    "Du bist Nachrichtenredakteurin und schreibst den Kasten mit den wichtigsten Punkten über "
    "einem Artikel. Du schreibst sachlich und neutral und verwendest nur, was im Artikel steht."
)

#: The box design editors reward (docs/llm.md): the news first, further points that never
#: repeat it, every bullet standalone, faithful, sourced; quotes verbatim or none.
RULES = (
    "Stichpunkt 1 ist die Nachricht, die die Überschrift ankündigt: was geschehen ist, "
    "wer, wann und wo.",
    "{further} bringen die wichtigsten weiteren Punkte des ganzen Artikels (Ursache, zentrale "
    "Zahl, Folge, Reaktion, Ausblick) und wiederholen Stichpunkt 1 nie.",
    "Jeder Stichpunkt ist genau ein vollständiger Aussagesatz im neutralen Nachrichtenstil und "
    "für sich verständlich: Personen mit Namen und Funktion, wie der Artikel sie nennt; keine "
    "Verweise wie „der 27-Jährige“, „er“ oder „dort“, die nur der Artikel erklärt; keine Fragen, "
    "keine Anreißer.",
    "Verwende nur Tatsachen aus dem Artikel und füge nichts hinzu. Übernimm Zahlen, Daten, Namen "
    "und Orte genau so, wie sie im Artikel stehen. Erfinde nichts; Einschränkungen bleiben.",
    "Nenne bei jeder Aussage, die der Artikel jemandem zuschreibt, die Quelle, wie der Artikel "
    "sie nennt (zum Beispiel „sagte die Ministerin“ oder „laut Polizei“); eine Vermutung bleibt "
    "eine Vermutung.",
    "Zitate nur wörtlich aus dem Artikel, sonst keine Anführungszeichen.",
    "Ein Stichpunkt darf zwei Tatsachen zum selben Thema verbinden und hat höchstens "
    "{max_chars} Zeichen.",
    "Antworte nur mit den {n} Stichpunkten, jeder in einer eigenen Zeile, beginnend mit „- “. "
    "Keine Einleitung, keine Überschrift.",
)
REPAIR_PROMPT = (
    "Die Prüfung gegen den Artikel hat bei {count} deiner Stichpunkte ein Problem gefunden. "
    "Schreibe nur {these} neu, in derselben Reihenfolge, jeden in einer eigenen Zeile, beginnend "
    "mit „- “. Behebe genau das genannte Problem und halte dich an die Regeln. Lässt sich eine "
    "Aussage mit dem Artikel nicht belegen, schreibe stattdessen einen anderen wichtigen Punkt "
    "des Artikels, der keinen anderen Stichpunkt wiederholt.\n\n{items}"
)


def _further(n: int) -> str:
    return {2: "Stichpunkt 2", 3: "Stichpunkte 2 und 3"}.get(n, f"Stichpunkte 2 bis {n}")


def user_prompt(n: int, title: str, article: str, max_chars: int = 200) -> str:
    rules = RULES if n > 1 else RULES[:1] + RULES[2:]
    text = (
        f"Fasse den Artikel in genau {n} Stichpunkten zusammen.\n\nRegeln:\n"
        + "".join(f"- {rule}\n" for rule in rules)
        + "\n{title}Artikel:\n{article}"
    )
    if n == 1:
        text = text.replace("genau 1 Stichpunkten", "genau einem Stichpunkt").replace(
            "den 1 Stichpunkten", "dem einen Stichpunkt"
        )
    return text.format(n=n, further=_further(n), max_chars=max_chars, title=title, article=article)


def repair_request(items: list[tuple[str, list[str]]]) -> str:
    """The follow-up turn that names each rejected bullet's problems (German, from the check)."""
    listed = "\n".join(
        f"{i}. „{text}“\n   Problem: {' '.join(messages)}"
        for i, (text, messages) in enumerate(items, 1)
    )
    these = "diesen einen Stichpunkt" if len(items) == 1 else f"diese {len(items)} Stichpunkte"
    return REPAIR_PROMPT.format(count=len(items), these=these, items=listed)


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
    doc: Document,
    n: int,
    backend: Backend,
    answer_tokens: int,
    limit: int | None = None,
    max_chars: int = 200,
) -> tuple[list[Message], int]:
    """System and user message with as much of the article as the context allows, and the
    article's estimated tokens.

    ``limit`` caps the article's tokens when a server refused the prompt as too long (its
    tokenizer counts more tokens than our estimate).
    """
    title = f"Überschrift: {doc.title}\n\n" if doc.title else ""
    frame = user_prompt(n, title, "", max_chars)
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
        {"role": "user", "content": user_prompt(n, title, article, max_chars)},
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
    r"zusammenfassung\b|stichpunkte\b|ich hoffe|hinweis|anmerkung|artikel:|titel:|überschrift:|"
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
    words = _WORD_RE.findall(" ".join((SYSTEM_PROMPT, user_prompt(3, "", ""))))
    # Words a real bullet uses as often as the rules do never mark an echo.
    news = "sagte die Ministerin laut Polizei Ursache Zahl Folge Reaktion Ausblick Personen "
    news += "Namen Funktion Daten Orte geschehen zentrale"
    examples = {word_key(w) for w in _WORD_RE.findall(news)}
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
        self, doc: Document, n: int, limit: int | None = None, max_chars: int = 200
    ) -> tuple[list[Message], int]:
        """What the model is sent for ``doc`` (``--show-prompt`` prints it without sending);
        ``max_chars`` is the longest bullet the prompt asks for."""
        answer_tokens = self.settings.answer_tokens(n)
        return build_messages(doc, n, self.backend, answer_tokens, limit, max_chars=max_chars)

    def _chat(
        self, doc: Document, n: int, deadline: float, max_chars: int = 200
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

    def converse(self, doc: Document, n: int, check: BulletCheck, max_chars: int = 200) -> Exchange:
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
