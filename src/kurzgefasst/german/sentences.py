"""Sentence splitting and tokenisation with SoMaJo (best on German abbreviations and ordinals)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from somajo import SoMaJo


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    #: Offsets relative to the text that was split.
    start: int
    end: int
    #: SoMaJo's token class: regular, number, abbreviation, symbol, URL, hashtag, …
    kind: str


@lru_cache(maxsize=1)
def _tokenizer() -> SoMaJo:
    from somajo import SoMaJo

    return SoMaJo("de_CMC", split_camel_case=False, character_offsets=True)


def split(paragraph: str) -> list[list[Token]]:
    """Split one paragraph into sentences of tokens with offsets into ``paragraph``."""
    if not paragraph.strip():
        return []
    sentences: list[list[Token]] = []
    for sentence in _tokenizer().tokenize_text([paragraph]):
        tokens = [
            Token(t.text, t.character_offset[0], t.character_offset[1], t.token_class or "regular")
            for t in sentence
            if t.character_offset is not None and not t.markup
        ]
        if tokens:
            sentences.append(tokens)
    return sentences


def split_text(text: str) -> list[str]:
    """Plain sentence strings, for callers that need no offsets (sumy's tokenizer, tests)."""
    return [text[s[0].start : s[-1].end] for s in split(text)]
