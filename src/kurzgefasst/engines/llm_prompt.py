"""The LLM engine's words: the prompt it sends (the box design as rules, the article cut to
the model's context, the repair request) and the parsing of whatever the model answers."""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import Document, word_key
from ..errors import EngineUnavailableError
from ..german.sentences import split_text
from ..options import DEFAULTS
from .llm_backends import Backend, Message

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


def user_prompt(n: int, title: str, article: str, max_chars: int = DEFAULTS.max_chars) -> str:
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
    max_chars: int = DEFAULTS.max_chars,
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
