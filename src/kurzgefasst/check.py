"""Check any box against its article: the guard for bullets written anywhere.

A box from the user's model, a CMS, an agency or an editor goes through the same checks as a
bullet kurzgefasst writes: the bullet stage's standalone rules (no question, no teaser fragment,
no pronoun only the article explains) and the guard's faithfulness rules (numbers, names,
quotes, sources, evidence). ``check_box`` is the one function behind the Python API, the
``kurzgefasst check`` command and the service's ``/v1/check`` endpoint; the LLM engine's repair
request uses the same German messages to tell the model what to fix.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from . import bullets, guard
from .contracts import Candidate, Refusal
from .document import Document, build_document, word_key
from .errors import KurzgefasstError
from .german import names
from .inputs import load_article
from .memo import DocumentMemo
from .options import Options
from .summary import Evidence

#: Refusals of the bullet stage that do not make a written bullet wrong: an editor's bullet may
#: be longer than ours, or hold two sentences.
_LENIENT = frozenset({"too_long", "several_sentences"})


@dataclass(frozen=True)
class Finding:
    """One problem of a bullet: a stable ``code`` (the guard's rule, or ``standalone``), a
    German ``message`` for editors and models, and the guard's English ``detail``."""

    code: str
    message: str
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "detail": self.detail}


@dataclass(frozen=True)
class BulletCheck:
    text: str
    problems: tuple[Finding, ...]
    evidence: tuple[Evidence, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "ok": self.ok,
            "problems": [p.to_dict() for p in self.problems],
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class BoxCheck:
    bullets: tuple[BulletCheck, ...]
    title: str | None = None
    #: The article text the evidence offsets point into (after HTML extraction and clean-up).
    source_text: str = field(default="", repr=False)

    @property
    def ok(self) -> bool:
        return all(b.ok for b in self.bullets)

    def to_dict(self, *, include_source: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "ok": self.ok,
            "title": self.title,
            "bullets": [b.to_dict() for b in self.bullets],
        }
        if include_source:
            data["source_text"] = self.source_text
        return data


# --- German messages ---------------------------------------------------------------------

_QUOTED_RE = re.compile(r"'([^']+)'|„([^“]+)“")
_LEAD_WORDS = frozenset({"der", "die", "das", "des", "dem", "den", "von", "vom", "zur", "zum"})


def _quoted(detail: str) -> str:
    match = _QUOTED_RE.search(detail)
    return next((g for g in match.groups() if g), "") if match else ""


def closest_word(word: str, doc: Document) -> str | None:
    """The article's word nearest in spelling ("Zürich" → "Zürcher"), for the repair hint."""
    key = word_key(word)
    best, best_score = None, 0.0
    for candidate in set(names.words(doc.text)):
        other = word_key(candidate)
        if other == key or candidate[:1].lower() != word[:1].lower():
            continue
        prefix = 0
        for a, b in zip(key, other, strict=False):
            if a != b:
                break
            prefix += 1
        score = prefix / max(len(key), len(other))
        if prefix >= 3 and score > best_score:
            best, best_score = candidate, score
    return best if best_score >= 0.4 else None


def source_phrase(sentence: str) -> str | None:
    """The words that name the source in an article sentence ("laut der Kantonspolizei",
    "sagte Pistorius"), so a repair request can say which source to keep."""
    marker = re.search(
        r"\b(?:[Ll]aut|[Gg]emäß|[Nn]ach Angaben (?:des|der|von)|sagte|sagten|erklärte|teilte|"
        r"berichtete|meldete|so)\b",
        sentence,
    )
    if marker is None:
        return None
    words = [marker.group(0)]
    for word in re.findall(r"[\w.-]+", sentence[marker.end() :])[:6]:
        if word[:1].isupper() or word.lower() in _LEAD_WORDS:
            words.append(word)
        else:
            break
    if len(words) == 1:
        # "…, sagte die Ministerin" hides the speaker behind an article: keep what follows.
        return None
    phrase = " ".join(words).rstrip(".")
    return phrase[:1].lower() + phrase[1:] if phrase.startswith(("Laut", "Gemäß")) else phrase


def german_message(
    problem: guard.Problem, text: str, doc: Document, evidence: Sequence[int]
) -> str:
    """What is wrong, in German, and what the article says instead where the check knows it."""
    rule, detail = problem.rule, problem.detail
    item = _quoted(detail)
    if rule == "numbers":
        if "another statement" in detail or "counts" in detail:
            # The article has the number (or the date), but for something else.
            return (
                f"„{item}“ gehört im Artikel zu einer anderen Aussage; übernimm Zahlen und Daten "
                "mit dem, wofür sie im Artikel stehen."
            )
        return f"Die Zahl „{item}“ steht nicht im Artikel; übernimm Zahlen genau wie im Artikel."
    if rule == "names" and "another statement" in detail:
        return f"„{item}“ steht im Artikel in einem anderen Zusammenhang; verbinde nur, was zusammengehört."
    if rule == "novel":
        if "cause" in detail:
            return "Der Artikel nennt diesen Grund nicht; lass die Begründung weg."
        return f"„{item}“ steht nicht im Artikel; füge keine Einzelheiten hinzu."
    if rule == "caveat":
        return (
            "Der Artikel schränkt diese Aussage im nächsten Satz ein; übernimm die Einschränkung "
            f"({detail.split(': ', 1)[-1]})."
        )
    if rule == "negation":
        return (
            "Die Aussage verneint oder beschränkt anders als der Artikel; übernimm „nicht“, "
            "„kein“, „nur“ und „fast“ genau so, wie der Artikel sie setzt."
        )
    if rule == "roles":
        return (
            "Wer was mit wem tut, steht im Artikel umgekehrt; übernimm die Rollen so, wie der "
            "Artikel sie verteilt."
        )
    if rule == "names":
        near = closest_word(item, doc) if item else None
        said = f"; der Artikel schreibt „{near}“" if near else ""
        return f"„{item}“ steht nicht im Artikel{said}."
    if rule == "quotes":
        if "not both" in detail:
            return "Ein Anführungszeichen ist geöffnet, aber nicht geschlossen (oder umgekehrt)."
        return (
            f"Das Zitat „{item}“ steht so nicht im Artikel: zitiere wörtlich "
            "oder ohne Anführungszeichen."
        )
    if rule == "attribution":
        phrase = next((p for i in evidence if (p := source_phrase(doc.sentences[i].text))), None)
        if "asks this" in detail:
            return "Der Artikel stellt das als Frage; schreibe es nicht als Tatsache."
        if "reports this as someone's claim" in detail or "qualifies this" in detail:
            head = "Der Artikel gibt das als Aussage, Vermutung oder Vorwurf wieder"
        else:
            head = "Der Artikel schreibt das einer Quelle zu"
        keep = f"behalte die Quelle: „{phrase}“" if phrase else "nenne die Quelle wie der Artikel"
        return f"{head}; {keep}."
    if rule == "evidence":
        if "no sentence" in detail:
            foreign = _foreign_words(text, doc)
            words = (
                f" (nicht im Artikel: {', '.join(f'„{w}“' for w in foreign)})" if foreign else ""
            )
            return (
                f"Kein Satz des Artikels belegt diese Aussage{words}; bleibe näher an den Sätzen "
                "des Artikels und verbinde höchstens zwei davon."
            )
        return f"Nicht aus dem Artikel belegt: {detail.split(' not in ')[0]}."
    return f"Der Satz steht so nicht für sich ({detail})."


def _foreign_words(text: str, doc: Document, limit: int = 3) -> list[str]:
    """Longer words of the bullet that the article has in no form: what the model added."""
    from .german.lexicon import zipf  # word rarity: "unter", "anderem" say nothing

    index = guard.name_index(doc)
    found = [w for w in names.words(text) if len(w) > 3 and w not in index and zipf(w) < 4.5]
    return list(dict.fromkeys(found))[:limit]


_TOO_SHORT = "Zu kurz: ein Stichpunkt ist ein vollständiger Satz."
_PRONOUN = "Ein Pronomen, dessen Person nur der Artikel erklärt; nenne die Person mit Namen."
#: German messages of the bullet stage's refusals, by kind (others name the English reason).
_STANDALONE = {
    "question": "Eine Frage ist kein Stichpunkt; schreibe die Antwort des Artikels als Aussage.",
    "too_short": _TOO_SHORT,
    "short_no_verb": _TOO_SHORT,
    "short_fragment": _TOO_SHORT,
    "short_vague": _TOO_SHORT,
    "incomplete": "Kein vollständiger Satz; ein Stichpunkt ist ein ganzer Satz.",
    "unclear_pronoun": _PRONOUN,
    "pronoun_in_fusion": _PRONOUN,
    "bare_quote": "Ein Zitat ohne Sprecher; sage, wer es sagt.",
    "no_verb": "Kein Satz (kein Verb): eine Bildunterschrift oder Aufzählung ist kein Stichpunkt.",
    "too_long": "Zu lang; kürze auf das Wesentliche.",
}


def _standalone_message(refusal: Refusal) -> str:
    message = _STANDALONE.get(refusal.kind)
    return message or f"Der Satz steht so nicht für sich ({refusal})."


# --- checking ----------------------------------------------------------------------------


def _standalone_refusal(
    text: str, doc: Document, options: Options, lenient: bool, memo: DocumentMemo | None
) -> Refusal | None:
    if text.rstrip().endswith("?"):
        return Refusal("question")  # before its length: a short question is first of all one
    candidate = Candidate(text, (), 0.0, "check")
    result = memo.draft(candidate, options) if memo else bullets.draft(candidate, doc, options)
    if isinstance(result, Refusal) and not (lenient and result.kind in _LENIENT):
        return result
    return None


def check_bullet(
    text: str,
    doc: Document,
    options: Options | None = None,
    *,
    lenient: bool = True,
    memo: DocumentMemo | None = None,
) -> BulletCheck:
    """One bullet against its article: standalone rules, then the guard; German messages.

    ``lenient`` lets a written box have longer bullets than ours and two sentences in one; the
    LLM engine's own check is strict, because the pipeline would refuse those bullets. With the
    pipeline's ``memo`` of ``doc``, what the check decides is not decided again.
    """
    options = options or Options()
    text = " ".join(text.split())
    verdict = memo.verdict(text) if memo else guard.check(text, doc)
    evidence = tuple(
        Evidence(doc.article.text[s.start : s.end], s.start, s.end, i)
        for i in verdict.evidence
        for s in (doc.sentences[i],)
    )
    findings = []
    refusal = _standalone_refusal(text, doc, options, lenient, memo)
    if refusal:
        findings.append(Finding("standalone", _standalone_message(refusal), str(refusal)))
    for problem in verdict.problems:
        message = german_message(problem, text, doc, verdict.evidence)
        findings.append(Finding(problem.rule, message, problem.detail))
    return BulletCheck(text, tuple(findings), evidence)


def check_document(doc: Document, box: Sequence[str], options: Options | None = None) -> BoxCheck:
    return BoxCheck(
        tuple(check_bullet(text, doc, options) for text in box if text.strip()),
        title=doc.title,
        source_text=doc.article.text,
    )


def check_box(
    article: str | bytes,
    box: Sequence[str] | str,
    *,
    title: str | None = None,
    options: Options | None = None,
) -> BoxCheck:
    """Check a summary box written anywhere against its article (text or an HTML page).

    ``box`` is a list of bullet texts, or the box as one string (lines, Markdown bullets or
    JSON, see ``parse_box``). Every bullet gets ``ok`` or its problems (code + German
    message) and the article sentences it rests on, with offsets into ``source_text``.

    >>> result = check_box(artikel, ["Der Stadtrat hat die Sanierung beschlossen."])  # doctest: +SKIP
    >>> result.ok, result.bullets[0].problems                                        # doctest: +SKIP
    """
    options = options or Options()
    bullet_texts = parse_box(box) if isinstance(box, str) else list(box)
    if not bullet_texts:
        raise KurzgefasstError("the box holds no bullet")
    doc = build_document(load_article(article, options, title=title))
    return check_document(doc, bullet_texts, options)


_MARK_RE = re.compile(r"^\s*(?:[-*+•·▪●–—]|\d{1,2}[.)])\s+")


def parse_box(text: str) -> list[str]:
    """A box as text → its bullets: JSON (a list of strings, or ``{"bullets": [...]}`` with
    strings or ``{"text": …}``), Markdown bullets (``- …``, ``* …``, ``1. …``; a wrapped line
    continues its bullet), or one bullet per line. Headings and empty lines are skipped."""
    stripped = text.strip()
    if stripped[:1] in "[{":
        try:
            data = json.loads(stripped)
        except ValueError:
            data = None
        if data is not None:
            items = data.get("bullets", []) if isinstance(data, dict) else data
            if not isinstance(items, list):
                raise KurzgefasstError("JSON box: expected a list of bullets")
            out = [item.get("text", "") if isinstance(item, dict) else str(item) for item in items]
            return [" ".join(t.split()) for t in out if str(t).strip()]
    lines = [line for line in stripped.splitlines()]
    marked = any(_MARK_RE.match(line) for line in lines)
    box: list[str] = []
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if marked and not _MARK_RE.match(line) and box:
            box[-1] = f"{box[-1]} {line.strip()}"  # a wrapped Markdown bullet
            continue
        box.append(_MARK_RE.sub("", line).strip())
    return [b for b in box if b]
