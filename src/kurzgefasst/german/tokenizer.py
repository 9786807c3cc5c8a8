"""SoMaJo without the work news text does not need: the same tokens and offsets, 3.5× faster.

Three of SoMaJo's steps cost more than all its other rules together on news articles:

* Emoji splitting runs a fresh ``regex.search`` for every grapheme of the text (about 2,000
  calls per article) although news text almost never holds an emoji. Here one precompiled
  search per text piece decides; only a piece that holds an emoji candidate goes through
  SoMaJo's own emoji splitting, so the result is the same.
* Character offsets are aligned through several per-character dictionaries and a copy of the
  rest of the paragraph per token. For text that is already in Unicode NFC (nearly all text)
  that alignment is the identity, and each token is found at or one space after the end of the
  previous one; anything else (soft hyphens, control characters, non-NFC input) falls back to
  SoMaJo's own alignment.
* The search for its 1,200 abbreviations (one alternation, tried at every position of the
  text) runs only inside runs of non-space characters that hold a dot.

The shortcuts override SoMaJo's internal methods (``_tokenize``, ``_split_all_emojis``,
``_split_abbreviations``), so the dependency is pinned below the next minor version;
``tests/test_german.py`` compares the output with plain SoMaJo, and
``benchmarks/sentence_agreement.py`` does so on all dev articles.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import regex
from somajo import SoMaJo, alignment, doubly_linked_list
from somajo.tokenizer import Tokenizer

# Every character SoMaJo's ``_split_emojis`` looks for, in one class: a piece of text without
# any of them yields no emoji token.
_EMOJI_CANDIDATE = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\uFE0F]")
# ``_determine_offsets`` compares tokens and text with every Unicode space mapped to " ".
_SPACE = regex.compile(r"\s")


# A run of non-space characters with a dot in it: the only places an abbreviation can be.
_DOTTED_RUN = regex.compile(r"(?<!\S)\S*\.\S*")


class _NewsTokenizer(Tokenizer):
    def _split_all_emojis(self, token_dll: Any, token_class: str = "emoticon") -> None:
        self._split_all_matches(self.textfaces_emoji, token_dll, "emoticon")
        for t in token_dll:
            if t.value.markup or t.value._locked:
                continue
            if _EMOJI_CANDIDATE.search(t.value.text) is not None:
                self._split_emojis(t, token_class)

    def _abbreviation_matches(self, text: str) -> Any:
        """``self.abbreviation.finditer(text)``, searched only in runs that hold a dot.

        Every one of SoMaJo's 1,200 abbreviations ends in or contains a dot and none contains
        a space, so no match lies outside such a run; the search inside a run sees the same
        characters around it (a lookbehind reads before ``pos``; at ``endpos`` there is a space
        in the full text, which the lookahead rejects as well).
        """
        for run in _DOTTED_RUN.finditer(text):
            yield from self.abbreviation.finditer(text, run.start(), run.end())

    def _split_abbreviations(self, token_dll: Any, split_multipart_abbrevs: bool = True) -> None:
        # SoMaJo 2.5's method, with ``_abbreviation_matches`` for the big alternation (the most
        # expensive single search of its tokenizer on news text).
        self._split_all_matches(self.single_letter_ellipsis, token_dll, "abbreviation")
        self._split_all_matches(self.and_cetera, token_dll, "abbreviation")
        self._split_all_matches(self.str_abbreviations, token_dll, "abbreviation")
        self._split_all_matches(self.nr_abbreviations, token_dll, "abbreviation")
        self._split_all_matches(self.single_token_abbreviation, token_dll, "abbreviation")
        self._split_all_matches(self.single_letter_abbreviation, token_dll, "abbreviation")
        self._split_all_matches(self.ps, token_dll, "abbreviation")
        for t in token_dll:
            if t.value.markup or t.value._locked:
                continue
            boundaries: list[tuple[int, int, str | None]] = []
            for m in self._abbreviation_matches(t.value.text):
                instance = m.group(0)
                if split_multipart_abbrevs and self.multipart_abbreviation.fullmatch(instance):
                    start, _ = m.span(0)
                    s = start
                    for i, c in enumerate(instance, start=1):
                        if c == ".":
                            boundaries.append((s, start + i, None))
                            s = start + i
                else:
                    boundaries.append((m.start(), m.end(), None))
            self._split_on_boundaries(t, boundaries, "abbreviation")


def _direct_offsets(tokens: list[Any], raw: str) -> list[tuple[int, int]] | None:
    """Offsets of the tokens in ``raw`` when each follows the previous one directly or after one
    space; None when a token is elsewhere (skipped characters), for SoMaJo's full alignment."""
    raw = _SPACE.sub(" ", raw)
    offsets: list[tuple[int, int]] = []
    position = 0
    for token in tokens:
        text = token.original_spelling if token.original_spelling is not None else token.text
        if not text.isalnum():
            text = _SPACE.sub(" ", text)
        if raw.startswith(text, position):
            start = position
        elif raw.startswith(" " + text, position):
            start = position + 1
        else:
            return None
        position = start + len(text)
        offsets.append((start, position))
    return offsets


class NewsSoMaJo(SoMaJo):
    """``SoMaJo`` for plain text with the two shortcuts above (XML input is not supported)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # SoMaJo builds its Tokenizer itself; switching the class keeps its compiled rules
        # (compiling them twice would cost 0.1 s of start-up).
        self._tokenizer.__class__ = _NewsTokenizer

    def _tokenize(self, token_info: tuple[list[Any], str, int], xml_input: bool) -> list[list[Any]]:
        token_list, raw, position = token_info
        tokens = self._tokenizer._tokenize(doubly_linked_list.DLL(token_list))
        if self.character_offsets:
            offsets = None
            if not xml_input and unicodedata.is_normalized("NFC", raw):
                offsets = _direct_offsets(tokens, raw)
            if offsets is None:
                offsets = alignment.token_offsets(token_list, raw, position, xml_input, tokens)
            else:
                offsets = [(start + position, end + position) for start, end in offsets]
            for token, offset in zip(tokens, offsets, strict=True):
                token.character_offset = offset
        if self.split_sentences:
            return self._sentence_splitter._split_sentences(tokens)
        return [tokens]
