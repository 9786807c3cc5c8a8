"""Sentence splitting and tokenisation with SoMaJo (best on German abbreviations and ordinals)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from somajo import SoMaJo

    from .tokenizer import NewsSoMaJo


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    #: Offsets relative to the text that was split.
    start: int
    end: int
    #: SoMaJo's token class: regular, number, abbreviation, symbol, URL, hashtag, …
    kind: str


@lru_cache(maxsize=1)
def _tokenizer() -> NewsSoMaJo:
    from .tokenizer import NewsSoMaJo

    return NewsSoMaJo("de_CMC", split_camel_case=False, character_offsets=True)


def split(paragraph: str, *, tokenizer: SoMaJo | None = None) -> list[list[Token]]:
    """Split one paragraph into sentences of tokens with offsets into ``paragraph``.

    ``tokenizer``: another SoMaJo instance (plain SoMaJo, to compare with the shortcuts).
    """
    if not paragraph.strip():
        return []
    sentences: list[list[Token]] = []
    for sentence in (tokenizer or _tokenizer()).tokenize_text([paragraph]):
        tokens = [
            Token(t.text, t.character_offset[0], t.character_offset[1], t.token_class or "regular")
            for t in sentence
            if t.character_offset is not None and not t.markup
        ]
        if tokens:
            sentences.extend(_split_after_final_ordinals(tokens))
    return _merge_open_quotes(sentences)


# Words that start a sentence but never follow an ordinal ("am 21. Oktober", "die 3. Liga").
_SENTENCE_STARTERS = frozenset(
    """Am Im In Der Die Das Den Dem Er Sie Es Wir Ich Man Mit Nach Bei Auch Doch Aber Und
    Ein Eine Einer Dabei Dann Damit Laut Seit Zudem Außerdem Für Von Vor Auf Zum Zur So Als
    Wie Was Wer Nun Jetzt Heute Bisher Noch Schon Dies Diese Dieser Denn Trotzdem Allerdings
    Zuvor Danach Später Inzwischen Unter Über Gegen Ob Wenn Weil Während""".split()
)


def _split_after_final_ordinals(tokens: list[Token]) -> list[list[Token]]:
    """SoMaJo reads "… von 21. Die Polizei …" as an ordinal; split where a sentence starter follows."""
    parts: list[list[Token]] = []
    start = 0
    for i in range(len(tokens) - 1):
        if (
            tokens[i].kind == "ordinal"
            and tokens[i + 1].text in _SENTENCE_STARTERS
            and i + 2 < len(tokens)
        ):
            parts.append(tokens[start : i + 1])
            start = i + 1
    parts.append(tokens[start:])
    return parts


# A subheading whose line break was lost runs into the next sentence without punctuation:
# "… hatte Zweifel geäußert Die Auslegung des EU-Rechts …". These words are never written with
# a capital after a lowercase word inside a German sentence ("Sie" is, as the polite form; "So",
# "Von" and "Man" are in names: "São Paulo", "Dita Von Teese", "Isle of Man").
_GLUE_STARTERS = _SENTENCE_STARTERS - {"Sie", "So", "Von", "Man"}
# "die Partei Die Linke", "in Der Spiegel": titles that begin with an article.
_TITLE_WORDS = frozenset("Linke Linken Grünen Zeit Welt Spiegel Presse Erste Partei PARTEI".split())
#: Fewest tokens on each side of a glued heading (a heading is a few words, then a sentence).
_GLUE_MIN_TOKENS = 3
# A subheading usually ends in a noun ("Glaubt nicht an Existenz von Corona Konkret fordert der
# Mann …", 20 Minuten): after a capital only words that never follow a noun inside a German
# sentence with a capital of their own (no article or preposition: "der Film Im Westen nichts
# Neues", "die Band Die Ärzte" are titles), and only at the start, where a subheading sits.
_GLUE_AFTER_NOUN = frozenset(
    """Er Es Wir Ich Doch Aber Dabei Dann Damit Laut Seit Zudem Außerdem Ausserdem Nun Jetzt
    Heute Bisher Schon Denn Trotzdem Allerdings Zuvor Danach Später Inzwischen Ob Wenn Weil
    Während Konkret Eigentlich Daraufhin Gemäss Gemäß Zunächst Derzeit Aktuell Bereits
    Insgesamt Deshalb Darum Daher Somit Stattdessen Damals Nachdem Obwohl Mittlerweile
    Ebenfalls Gestern Vorher Anschliessend Anschließend Seither""".split()
)
#: A subheading glued after a noun is at most this many tokens long.
_GLUE_MAX_HEAD_TOKENS = 10


def glued_heading_end(tokens: list[Token]) -> int | None:
    """Index of the token that starts the sentence a heading is glued to, or None.

    "… hatte Zweifel geäußert Die Auslegung des EU-Rechts …": a subheading whose line break was
    lost (MLSUM, some page extractions). Sentence splitting leaves these alone (the model was
    trained on such sentences); the bullet stage uses the part after the heading.
    """
    for i in range(_GLUE_MIN_TOKENS, len(tokens) - _GLUE_MIN_TOKENS):
        word, before = tokens[i], tokens[i - 1]
        if before.text[:1].islower() or before.text[:1].isdigit():
            # "… 4:0 durch Mo Dahoud … zum 5:0. Bereits …": a number may end a missed sentence.
            if word.text not in _GLUE_STARTERS and not (
                word.text in _GLUE_AFTER_NOUN and before.text.isalpha()
            ):
                continue
        elif not (
            word.text in _GLUE_AFTER_NOUN
            and word.text != "Weil"  # "Ministerpräsident Stephan Weil"
            and before.text[:1].isupper()
            and before.kind == "regular"
            and i <= _GLUE_MAX_HEAD_TOKENS
            and not any(t.text in ",;:" for t in tokens[:i])
        ):
            continue
        if word.text in ("Der", "Die", "Das") and tokens[i + 1].text in _TITLE_WORDS:
            continue
        if _open_quote(tokens[:i]):
            continue  # inside a quote or a title in quotes
        return i
    return None


_OPEN_CLOSE = {"„": "“", "»": "«", "«": "»"}
#: A quote longer than this many sentences is more likely a missing closing mark than speech.
MAX_QUOTE_SENTENCES = 4


def _open_quote(tokens: list[Token]) -> str | None:
    """The closing mark a sentence still waits for, if it opens a quote it does not close."""
    waiting: list[str] = []
    for token in tokens:
        if waiting and token.text == waiting[-1]:
            waiting.pop()
        elif token.text in _OPEN_CLOSE:
            waiting.append(_OPEN_CLOSE[token.text])
    return waiting[-1] if waiting else None


def _merge_open_quotes(sentences: list[list[Token]]) -> list[list[Token]]:
    """Keep multi-sentence speech together: „Das ist gut. Wir feiern.“ is one sentence.

    SoMaJo splits inside quotes; a bullet cut there would carry half a quotation.
    """
    merged: list[list[Token]] = []
    i = 0
    while i < len(sentences):
        current = sentences[i]
        closing = _open_quote(current)
        if closing:
            for j in range(i + 1, min(i + MAX_QUOTE_SENTENCES, len(sentences))):
                if any(t.text == closing for t in sentences[j]):
                    current = [tok for s in sentences[i : j + 1] for tok in s]
                    i = j
                    break
        merged.append(current)
        i += 1
    return merged


def split_text(text: str) -> list[str]:
    """Plain sentence strings, for callers that need no offsets (sumy's tokenizer, tests)."""
    return [text[s[0].start : s[-1].end] for s in split(text)]
