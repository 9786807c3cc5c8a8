"""One memo per Document: what the bullet stage and the guard decided, so nothing is decided twice.

The engine asks whether a sentence can become a bullet (and how long it will be); the pipeline
then drafts the same candidates and guards the drafts; the guard's repair drafts a source
sentence again; the bullet stage checks every edit with the guard. All of them ask this memo,
which asks the bullet stage or the guard only the first time. A draft depends on the candidate
and on two options only (``tighten``, ``max_chars``), a verdict on the text and its evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import bullets, guard
from .contracts import Candidate, Draft, Refusal
from .document import Document, Sentence
from .options import Options


class DocumentMemo:
    """The bullet stage's drafts, pool units and the guard's verdicts for one Document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._verdicts: dict[tuple[str, tuple[int, ...]], guard.Verdict] = {}
        self._drafts: dict[tuple[str, tuple[int, ...], str, bool, int], Draft | Refusal] = {}
        self._units: dict[tuple[int, bool, int], Sentence | None] = {}

    def verdict(self, text: str, ids: Sequence[int] = ()) -> guard.Verdict:
        """``guard.check`` of a bullet text resting on ``ids`` (do not change the verdict)."""
        key = (text, tuple(ids))
        found = self._verdicts.get(key)
        if found is None:
            found = self._verdicts[key] = guard.check(text, self.doc, key[1])
        return found

    def draft(self, candidate: Candidate, options: Options) -> Draft | Refusal:
        """``bullets.draft`` of a candidate, its guard checks answered by this memo."""
        key = (
            candidate.text,
            candidate.sentence_ids,
            candidate.engine,
            options.tighten,
            options.max_chars,
        )
        found = self._drafts.get(key)
        if found is None:
            found = bullets.draft(candidate, self.doc, options, self.verdict)
            self._drafts[key] = found
        return found

    def from_sentence(self, index: int, options: Options, engine: str) -> Draft | Refusal:
        """The bullet the bullet stage makes of one article sentence (the guard's repair)."""
        return self.draft(Candidate(self.doc.sentences[index].text, (index,), 0.0, engine), options)

    def unit(self, sentence: Sentence, options: Options) -> Sentence | None:
        """``bullets.bullet_unit`` of a sentence of this Document."""
        key = (sentence.index, options.tighten, options.max_chars)
        if key not in self._units:
            self._units[key] = bullets.bullet_unit(sentence, options, doc=self.doc)
        return self._units[key]

    def usability(self, options: Options) -> Usability:
        """What an engine may ask about this Document under ``options``."""
        return Usability(self, options)


@dataclass(frozen=True)
class Usability:
    """``contracts.Usability`` for one Document and options, backed by its memo."""

    memo: DocumentMemo
    options: Options

    def unit(self, sentence: Sentence) -> Sentence | None:
        return self.memo.unit(sentence, self.options)

    def draft(self, candidate: Candidate) -> Draft | Refusal:
        return self.memo.draft(candidate, self.options)

    @property
    def max_chars(self) -> int:
        return self.options.max_chars

    def problems(self, text: str) -> list[str]:
        from .check import check_bullet  # imports this module: loaded when asked

        found = check_bullet(
            text, self.memo.doc, self.options, lenient=False, memo=self.memo
        ).problems
        return [finding.message for finding in found]
