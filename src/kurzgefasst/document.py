"""Article → Document: sentences with tokens, numbers, quotes and (lazily) lemmas and tags.

Computed once per article and shared by every engine and the guard, so no stage parses text
itself. Expensive analyses (HanTa tagging) are cached properties that run only for the
sentences that ask for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from .article import Article
from .furniture import BUTTON_TOKEN_PAIRS, CREDIT_ASIDE_WORDS
from .german import anaphora, numbers, quotes, sentences, tagging
from .german.sentences import Token

_WORD_RE = re.compile(r"[^\W_]+")


def word_key(word: str) -> str:
    """A crude, fast German stem for lexical overlap: lowercase, first six letters."""
    return word.lower()[:6]


@dataclass(eq=False)
class Sentence:
    index: int
    paragraph: int
    #: Position within its paragraph (0 = first sentence of the paragraph).
    position: int
    text: str
    #: Offsets into ``Article.text``.
    start: int
    end: int
    tokens: list[Token] = field(repr=False)
    kind: str = "body"  # lead | body (from the paragraph)

    @cached_property
    def words(self) -> list[str]:
        return [t.text for t in self.tokens if t.kind not in ("symbol", "URL", "email")]

    @cached_property
    def keys(self) -> list[str]:
        """Stemmed content words (lowercased, at least 3 letters) for lexical similarity."""
        return [word_key(w) for w in self.words if len(w) > 2 and _WORD_RE.fullmatch(w)]

    @cached_property
    def numbers(self) -> list[numbers.NumberMention]:
        return numbers.find_numbers(self.text)

    @cached_property
    def quotes(self) -> list[quotes.Quote]:
        return quotes.find_quotes(self.text)

    @cached_property
    def attribution(self) -> str | None:
        return quotes.attribution(self.text)

    @cached_property
    def dangling(self) -> str | None:
        """A pointer word at the start, also before a colon: the extractive model's feature.

        Kept apart from the bullet stage's rule, which lets "Das ist der Plan: …" stand, so that
        rule changes do not shift what the shipped model was trained on.
        """
        return anaphora.dangling_start(self.text, colon_points_forward=False)

    @cached_property
    def capitalised(self) -> list[str]:
        """Capitalised words not at the sentence start: a cheap stand-in for names and nouns."""
        return [
            t.text
            for i, t in enumerate(self.tokens)
            if i > 0 and t.kind == "regular" and t.text[:1].isupper() and len(t.text) > 1
        ]

    @cached_property
    def tagged(self) -> list[tuple[str, str]]:
        """(lemma, STTS tag) per token; HanTa runs on first access only."""
        return tagging.tag([t.text for t in self.tokens])

    @cached_property
    def pos_tags(self) -> list[str]:
        """STTS tag per token, as in ``tagged`` but without HanTa's lemma analyses."""
        return tagging.pos_tags([t.text for t in self.tokens])

    @cached_property
    def names(self) -> list[str]:
        """Proper nouns (STTS NE) as written."""
        return [t.text for t, pos in zip(self.tokens, self.pos_tags, strict=True) if pos == "NE"]

    @property
    def is_question(self) -> bool:
        return self.text.rstrip('“”"«» ').endswith("?")


@dataclass(eq=False)
class Document:
    article: Article
    sentences: list[Sentence]

    @property
    def title(self) -> str | None:
        return self.article.title

    @property
    def text(self) -> str:
        return self.article.text

    @cached_property
    def number_values(self) -> set[Decimal]:
        values: set[Decimal] = set()
        for sentence in self.sentences:
            for mention in sentence.numbers:
                values |= mention.values
        if self.title:
            values |= numbers.number_values(self.title)
        return values

    @cached_property
    def normalised_text(self) -> str:
        """All sentences with unified quote marks and spaces, for verbatim checks."""
        body = " ".join(s.text for s in self.sentences)
        if self.title:
            body = self.title + " " + body
        return re.sub(r"\s+", " ", quotes.normalise_quotes(body))

    @cached_property
    def word_set(self) -> set[str]:
        words = {w for s in self.sentences for w in s.words}
        if self.title:
            words |= set(_WORD_RE.findall(self.title))
        return words

    @cached_property
    def title_keys(self) -> set[str]:
        if not self.title:
            return set()
        return {word_key(w) for w in _WORD_RE.findall(self.title) if len(w) > 2}


def _trim_furniture(tokens: list[Token]) -> list[Token]:
    """Drop leading furniture and photo credits "(Foto: …)" so they never reach a bullet.

    Page furniture survives in texts scraped without structure (MLSUM: "Detailansicht öffnen
    … (Foto: dpa)") and glues itself to the next sentence.
    """
    while tokens:
        if tuple(t.text for t in tokens[:2]) in BUTTON_TOKEN_PAIRS:
            tokens = tokens[2:]
        elif len(tokens) > 2 and tokens[0].text == "(" and tokens[1].text in CREDIT_ASIDE_WORDS:
            close = next((i for i, t in enumerate(tokens) if t.text == ")"), None)
            if close is None:
                break
            tokens = tokens[close + 1 :]
        else:
            break
    return tokens


def build_document(article: Article) -> Document:
    doc_sentences: list[Sentence] = []
    for p_index, paragraph in enumerate(article.paragraphs):
        split = (_trim_furniture(tokens) for tokens in sentences.split(paragraph.text))
        for position, tokens in enumerate(t for t in split if t):
            start, end = tokens[0].start, tokens[-1].end
            doc_sentences.append(
                Sentence(
                    index=len(doc_sentences),
                    paragraph=p_index,
                    position=position,
                    text=paragraph.text[start:end],
                    start=paragraph.start + start,
                    end=paragraph.start + end,
                    tokens=tokens,
                    kind=paragraph.kind,
                )
            )
    return Document(article=article, sentences=doc_sentences)
