"""sumy's LexRank, TextRank, LSA and Luhn as baselines, offline and on the project's sentences.

sumy's own tokenizer asks NLTK for ``punkt_tab``, which cannot be downloaded here, and Punkt
splits German badly ("am 24. | Oktober"). ``GermanSumyTokenizer`` has sumy's tokenizer
interface (``language``, ``to_sentences``, ``to_words``) but uses SoMaJo through
``german.sentences``; stemmer and stop words are sumy's own German ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..errors import ConfigurationError

#: sumy's notion of a word: letters, inner apostrophes and hyphens ("CDU-Fraktionschef").
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")

SUMY_METHODS: dict[str, tuple[str, str]] = {
    "lexrank": ("sumy.summarizers.lex_rank", "LexRankSummarizer"),
    "textrank": ("sumy.summarizers.text_rank", "TextRankSummarizer"),
    "lsa": ("sumy.summarizers.lsa", "LsaSummarizer"),
    "luhn": ("sumy.summarizers.luhn", "LuhnSummarizer"),
}


class GermanSumyTokenizer:
    """A sumy-compatible tokenizer backed by the project's German sentence splitter."""

    language = "german"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        from ..german.sentences import split_text

        return tuple(s.strip() for s in split_text(paragraph) if s.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD_RE.findall(sentence))


def _require_sumy() -> None:
    try:
        import sumy  # noqa: F401
    except ImportError:
        raise ConfigurationError(
            "the sumy baselines need the [eval] extra: pip install 'kurzgefasst[eval]'"
        ) from None


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("german"))


def create_summarizer(method: str) -> Any:
    """A sumy summarizer with the German Snowball stemmer and German stop words."""
    _require_sumy()
    from importlib import import_module

    from sumy.nlp.stemmers import Stemmer

    try:
        module_name, class_name = SUMY_METHODS[method]
    except KeyError:
        raise ConfigurationError(f"unknown sumy method {method!r}") from None
    cls = (
        _deterministic_lsa() if method == "lsa" else getattr(import_module(module_name), class_name)
    )
    summarizer = cls(Stemmer("german"))
    summarizer.stop_words = stop_words()
    return summarizer


@lru_cache(maxsize=1)
def _deterministic_lsa() -> type:
    """sumy's LSA numbers its term rows in frozenset order, which changes with Python's string
    hash seed; the SVD is then equal only up to rounding, and ties between sentences break
    differently from run to run. Sorted rows make the figures in the docs reproducible."""
    from sumy.summarizers.lsa import LsaSummarizer

    class SortedLsaSummarizer(LsaSummarizer):
        def _create_dictionary(self, document: Any) -> dict[str, int]:
            words = (self.normalize_word(w) for w in document.words)
            unique = sorted({self.stem_word(w) for w in words if w not in self._stop_words})
            return {w: i for i, w in enumerate(unique)}

    return SortedLsaSummarizer


def sumy_document(
    paragraphs: Sequence[Sequence[str]], tokenizer: GermanSumyTokenizer | None = None
) -> Any:
    """sumy's document model from sentences that are already split (one list per paragraph)."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = tokenizer or GermanSumyTokenizer()
    return ObjectDocumentModel(
        [Paragraph([Sentence(text, tokenizer) for text in sentences]) for sentences in paragraphs]
    )


def select(summarizer: Any, paragraphs: Sequence[Sequence[str]], n: int) -> list[int]:
    """Indices (into the flattened sentences) of the ``n`` sentences sumy picks, in text order."""
    document = sumy_document(paragraphs)
    position = {id(sentence): i for i, sentence in enumerate(document.sentences)}
    if not position:
        return []
    chosen = summarizer(document, n)
    return sorted(position[id(sentence)] for sentence in chosen)
