"""Candidate → bullet text: one complete, self-contained German sentence, cleaned of leftovers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Document, Sentence
from .engines.base import Candidate
from .german.quotes import has_unbalanced_quotes
from .options import Options

MIN_WORDS = 6
_AGENCY_TAG_RE = re.compile(
    r"\s*\((?:dpa|AFP|APA|AP|Reuters|KNA|epd|sda|SDA|SID|dts|red|afp|apa)(?:[/,][^)]{0,20})?\)"
)
_LEADING_JUNK_RE = re.compile(r"^[\s•▪●·*\-–—>]+")
_HASHTAG_RE = re.compile(r"#(?=[\wÄÖÜäöüß])")
_SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Draft:
    text: str
    sentence_ids: tuple[int, ...]
    engine: str
    edits: tuple[str, ...] = ()


def unusable_reason(sentence: Sentence, options: Options) -> str | None:
    """Why a source sentence cannot be a bullet on its own, or None if it can."""
    words = len(sentence.words)
    if words < MIN_WORDS:
        return "too short"
    if len(sentence.text) > options.max_chars * 1.5:
        return "too long"
    if sentence.is_question:
        return "question"
    stripped = sentence.text.rstrip()
    if stripped.endswith((":", ",", ";")) or not re.search(r"[.!“”\"«»)]$", stripped):
        return "not a complete sentence"
    if has_unbalanced_quotes(sentence.text):
        return "part of a longer quote"
    if sentence.dangling:
        return f"starts with '{sentence.dangling}', which points to another sentence"
    if stripped[:1] in '„"»«' and not sentence.attribution:
        return "bare quote without a speaker"
    return None


def clean(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove leftovers a summary box never shows; report what was changed."""
    edits: list[str] = []
    cleaned = _AGENCY_TAG_RE.sub("", text)
    if cleaned != text:
        edits.append("agency tag removed")
    stripped = _LEADING_JUNK_RE.sub("", cleaned)
    if stripped != cleaned:
        edits.append("leading dash removed")
    cleaned = _HASHTAG_RE.sub("", stripped)
    if cleaned != stripped:
        edits.append("hashtag marks removed")
    cleaned = _SPACES_RE.sub(" ", cleaned).strip()
    if (
        cleaned
        and cleaned[-1] not in ".!?…"
        and not (cleaned[-1] in '“”"«»' and cleaned[-2:-1] in ".!?")
    ):
        cleaned += "."
    return cleaned, tuple(edits)


def draft(candidate: Candidate, doc: Document, options: Options) -> Draft | str:
    """A cleaned bullet, or the reason the candidate cannot be one."""
    if candidate.sentence_ids:
        for sid in candidate.sentence_ids:
            reason = unusable_reason(doc.sentences[sid], options)
            if reason:
                return reason
    text, edits = clean(candidate.text)
    if len(text.split()) < MIN_WORDS:
        return "too short"
    if len(text) > options.max_chars * 1.5:
        return "too long"
    return Draft(text, candidate.sentence_ids, candidate.engine, edits)
