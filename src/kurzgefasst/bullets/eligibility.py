"""Can a source sentence become a bullet at all? Cheap checks (no sentence tagging).

Engines filter their whole pool with ``unusable_reason`` / ``bullet_unit`` through the
pipeline's usability check, so nothing here may cost more than a few regular expressions; what
needs tags (a pronoun's person, a clause boundary) is decided by ``draft`` for the few
candidates that get that far.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..contracts import Candidate, Refusal
from ..document import Document, Sentence
from ..german import anaphora
from ..german.quotes import (
    find_quotes,
    has_source,
    has_unbalanced_quotes,
    reported_speech,
    unbalanced_quotes,
)
from ..german.sentences import glued_heading_end
from ..options import Options
from .shortening import segments
from .syntax import DROP_BEFORE_PHRASE, DROP_BEFORE_VERB, inside_quote, verbless

#: Fewer words make a caption or a fragment; "Die Austria ist Herbstmeister." is a bullet.
MIN_WORDS = 4
#: Sentences up to this multiple of ``max_chars`` may still be shortened at a clause boundary.
SHORTEN_FACTOR = 1.7
#: ``tighten=False`` (the first version's rules) allows this multiple of ``max_chars``.
LEGACY_FACTOR = 1.5

# "STANDARD: …", "FRAGE: …": the interviewer's turn, no statement of the article.
# "Hofer: …", "Faustregel: …": the turn of an interview, or a label that may be a speaker.
_INTERVIEW_RE = re.compile(
    # A speaker never starts with an article: "Das Prinzip: …", "Die Botschaft: …" are labels
    # that read well in a bullet, with the label.
    r"^(?!(?:Der|Die|Das|Ein|Eine)\s)[A-ZÄÖÜ][\wÄÖÜäöüß.\-]*(?:\s+[A-ZÄÖÜ][\wÄÖÜäöüß.\-]*){0,2}:\s+\S"
)

# Two sentences glued together (a heading without its full stop, a missed split).
_ABBREVIATIONS = frozenset(
    """dr prof nr st mio mrd tsd abs art bd fr hr mr mrs ms ca bzw usw etc inkl exkl evtl
    ggf vgl jh jhd str co ltd inc corp chr ff sog zb bspw insb min max mind geb gest verh
    ehem""".split()
)
_GLUED_RE = re.compile(
    r"(?P<word>[\wÄÖÜäöüß]{2,})[.!?]\s+[(„\"«»]?[A-ZÄÖÜ]|[“\"»«]\s+(?:Der|Die|Das|Ein|Eine)\s"
)

# "Die Angaben ließen sich nicht unabhängig überprüfen.": the agencies' caveat about the claim
# of the sentence before. On its own it says nothing, and which claims are meant is lost.
_CAVEAT_RE = re.compile(
    r"^(?:Die|Diese|Solche|Seine|Ihre|Deren|Dessen)\s+(?:[a-zäöüß-]+\s+){0,2}?"
    r"(?:Angaben|Informationen|Berichte|Zahlen|Aussagen|Darstellungen|Behauptungen|Meldungen|"
    r"Vorwürfe|Äußerungen|Bilder|Videos|Aufnahmen)\b.*\b(?:nicht|kaum)\b.*"
    r"\b(?:überprüf|bestätig|verifizier)"
)

#: Heads before a colon that say whose statement follows ("Fazit der Stiftung Warentest: …").
SOURCE_LABEL_RE = re.compile(
    r"\b(?:Fazit|Studie|Umfrage|Bericht|Analyse|Urteil|Prognose|Ergebnis|Befund|Experten?|"
    r"Polizei|Gericht|Regierung|Ministerium|Sprecher\w*|Behörden?|Forscher\w*|Angaben)\b"
)


def glued(text: str) -> bool:
    """True when ``text`` holds more than one sentence (outside quotes)."""
    for match in _GLUED_RE.finditer(text):
        word = match.group("word")
        if word and (word.lower() in _ABBREVIATIONS or word.isdigit()):
            continue
        if inside_quote(text, match.start() + 1):
            continue
        return True
    return False


def _shape_refusal(sentence: Sentence, max_len: float) -> Refusal | None:
    """Checks both rule sets share: length, questions, and a complete final punctuation."""
    if len(sentence.words) < MIN_WORDS:
        return Refusal("too_short")
    if len(sentence.text) > max_len:
        return Refusal("too_long")
    if sentence.is_question:
        return Refusal("question")
    stripped = sentence.text.rstrip()
    if stripped.endswith((":", ",", ";")) or not re.search(r"[.!“”\"«»)]$", stripped):
        return Refusal("incomplete")
    return None


def legacy_refusal(sentence: Sentence, options: Options) -> Refusal | None:
    """The first version's rules, kept for ``tighten=False``."""
    refusal = _shape_refusal(sentence, options.max_chars * LEGACY_FACTOR)
    if refusal:
        return refusal
    stripped = sentence.text.rstrip()
    if has_unbalanced_quotes(sentence.text):
        return Refusal("quote_part")
    dangling = anaphora.dangling_start(sentence.text, legacy=True)
    if dangling:
        return Refusal("dangling_start", dangling)
    if stripped[:1] in '„"»«' and not sentence.attribution:
        return Refusal("bare_quote")
    return None


def _repairable(word: str, sentence: Sentence, doc: Document | None) -> bool:
    """Could the bullet stage fix this start? (Cheap: no tagging; ``draft`` decides for sure.)"""
    lower = word.lower()
    if lower in anaphora.PERSONAL or anaphora.age_description(word):
        if sentence.index == 0:
            return False
        if doc is not None and sentence.index < len(doc.sentences):
            # A name to resolve to needs a capitalised word after the start of the sentence before.
            return bool(doc.sentences[sentence.index - 1].capitalised)
        return True
    return lower in DROP_BEFORE_VERB or lower in DROP_BEFORE_PHRASE


def unusable_reason(
    sentence: Sentence, options: Options, *, doc: Document | None = None
) -> Refusal | None:
    """Why a source sentence cannot become a bullet, or None if it can (perhaps after repair).

    Engines filter their pool with this; it never tags, so it is cheap on every sentence.
    """
    if not options.tighten:
        return legacy_refusal(sentence, options)
    refusal = _shape_refusal(sentence, options.max_chars * SHORTEN_FACTOR)
    if refusal:
        return refusal
    stripped = sentence.text.rstrip()
    if unbalanced_quotes(sentence.text):
        return Refusal("quote_part")
    if _INTERVIEW_RE.match(sentence.text):
        return Refusal("interview_turn")
    if glued(sentence.text):
        return Refusal("several_sentences")
    if glued_heading_end(sentence.tokens) is not None:
        return Refusal("glued_heading")
    if stripped[:1] in '„"»«' and not sentence.attribution:
        return Refusal("bare_quote")
    if _CAVEAT_RE.match(sentence.text):
        return Refusal("caveat")
    dangling = anaphora.dangling_start(sentence.text)
    if dangling and not _repairable(dangling, sentence, doc):
        return Refusal("dangling_start", dangling)
    return None


def sentence_tail(sentence: Sentence) -> Sentence | None:
    """The part of a sentence that can stand alone when the whole cannot, or None.

    - After a heading glued to the sentence by a lost line break: "Die USA lassen Macron gewähren
      Nach zweieinhalb Jahren im Amt war das Treffen …" → "Nach zweieinhalb Jahren im Amt …".
    - After the first colon (or semicolon) when what follows is a statement of its own: "Das
      wird Paul Singer nicht begeistern: Im April war der Milliardär bei SAP eingestiegen." →
      "Im April war …". The head is often a pointer or a comment, the tail the news. Never when
      the head could be whose statement the tail is ("Der Minister sagte: …", "Fazit der
      Studie: …") or the tail is a quote or reported speech.
    The part keeps the sentence's index, so its evidence is the whole sentence.
    """
    glue = glued_heading_end(sentence.tokens)
    if glue is not None:
        start = sentence.tokens[glue].start - sentence.tokens[0].start
        return None if has_source(sentence.text[:start]) else _part(sentence, start)
    for offset, mark in segments(sentence.text):
        if mark not in ":;":
            continue
        head = sentence.text[:offset]
        tail = sentence.text[offset + 1 :].lstrip()
        if len(head.split()) < 3 or not re.match(r"[A-ZÄÖÜ][a-zäöüß]", tail):
            return None
        if verbless(head):
            return None  # a title, not a statement: "Seit in South Park: Der Film die USA …"
        if has_source(head) or SOURCE_LABEL_RE.search(head) or find_quotes(head):
            return None
        if find_quotes(tail) or reported_speech(tail):
            return None
        return _part(sentence, len(sentence.text) - len(tail))
    return None


def _part(sentence: Sentence, start: int) -> Sentence:
    """The sentence from character ``start`` on, with its tokens (offsets as in the sentence's)."""
    base = sentence.tokens[0].start if sentence.tokens else 0
    tokens = [t for t in sentence.tokens if t.start - base >= start]
    return replace(
        sentence, text=sentence.text[start:], start=sentence.start + start, tokens=tokens
    )


def bullet_unit(
    sentence: Sentence, options: Options, *, doc: Document | None = None
) -> Sentence | None:
    """What of a sentence a bullet can be made of: all of it, its ``sentence_tail``, or None."""
    if unusable_reason(sentence, options, doc=doc) is None:
        return sentence
    tail = sentence_tail(sentence) if options.tighten else None
    if tail is not None and unusable_reason(tail, options, doc=doc) is None:
        return tail
    return None


def unit_of(candidate: Candidate, sid: int, doc: Document) -> Sentence:
    """The sentence ``candidate`` was made of, or its ``sentence_tail`` when that is its text."""
    sentence = doc.sentences[sid]
    if candidate.text != sentence.text and len(candidate.sentence_ids) == 1:
        tail = sentence_tail(sentence)
        if tail is not None and tail.text == candidate.text:
            return tail
    return sentence
