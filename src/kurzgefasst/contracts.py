"""What the stages hand each other: candidates, drafts, refusals and notices.

The pipeline flows one way (engine → bullet stage → guard → Summary); the values that cross a
stage boundary live here, in a module that imports no stage, so an engine never needs the
bullet stage and the bullet stage never needs an engine. Decisions travel as codes
(``Refusal.kind``, ``Notice.code``) with their human message beside them: code decides, the
message is for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .document import Sentence


@dataclass(frozen=True)
class Candidate:
    """A bullet an engine proposes, before the bullet stage and the guard have seen it."""

    text: str
    #: Sentences the candidate was taken from; empty for generative engines (the guard
    #: then finds the evidence itself).
    sentence_ids: tuple[int, ...]
    score: float
    engine: str
    #: What the engine already did to it (the LLM's repair round), shown first in its edits.
    edits: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    """A candidate made into one self-contained sentence, ready for the guard."""

    text: str
    sentence_ids: tuple[int, ...]
    engine: str
    edits: tuple[str, ...] = ()
    #: Sentences that only lend the bullet a name (the referent of a resolved pronoun).
    context_ids: tuple[int, ...] = ()

    @property
    def evidence_ids(self) -> tuple[int, ...]:
        return self.sentence_ids + tuple(i for i in self.context_ids if i not in self.sentence_ids)


#: Why the bullet stage refuses a candidate: kind → message (``{detail}`` is filled in).
REFUSALS: dict[str, str] = {
    "too_short": "too short",
    "too_long": "too long",
    "question": "question",
    "incomplete": "not a complete sentence",
    "quote_part": "part of a longer quote",
    "bare_quote": "bare quote without a speaker",
    "interview_turn": "a turn of an interview",
    "several_sentences": "more than one sentence",
    "glued_heading": "a heading glued to the sentence",
    "caveat": "a caveat about the claim of the sentence before",
    "dangling_start": "starts with '{detail}', which points to another sentence",
    "needs_head": "the sentence's last part needs what precedes it",
    "first_person": "'{detail}' outside a quote: the speaker is named elsewhere",
    "unclear_pronoun": "a pronoun whose person is not clear from the sentence before",
    "pronoun_in_fusion": "a pronoun whose person is not clear",
    "no_verb": "no verb: a caption or a list, not a sentence",
    "short_no_verb": "too short and no verb",
    "short_fragment": "too short: a fragment",
    "short_vague": "too short to stand alone with '{detail}'",
}


@dataclass(frozen=True)
class Refusal:
    """Why a candidate cannot become a bullet: a ``kind`` from ``REFUSALS`` and its detail
    (the word that points elsewhere, …)."""

    kind: str
    detail: str = ""

    def __post_init__(self) -> None:
        if self.kind not in REFUSALS:
            raise ValueError(f"unknown refusal kind {self.kind!r}")

    @property
    def message(self) -> str:
        return REFUSALS[self.kind].format(detail=self.detail)

    def __str__(self) -> str:
        return self.message


#: What a summary tells its reader about how it was made: code → what it means.
NOTICES: dict[str, str] = {
    "input_repaired": "the input needed repair to be read (bytes replaced, recased, …)",
    "engine_unavailable": "the engine gave no bullets; the extractive engine's are shown",
    "generated_skipped": "a generated bullet was no complete, self-contained sentence",
    "guard_repaired": "a bullet failed the guard and was replaced by its source sentence",
    "guard_dropped": "a bullet failed the guard and the next candidate was taken",
    "repeated_evidence": "a bullet rested on the same sentences as another one",
    "long_bullets": "some bullets are longer than max_chars",
    "few_bullets": "fewer bullets than requested",
    "meaning_cut": "a bullet's cut would change the claim; its whole sentence or another was used",
    "default_fill": "a generated bullet that failed the guard gave its place to a bullet of the "
    "default engine's box",
}


@dataclass(frozen=True)
class Notice:
    """A warning with a stable ``code`` (``NOTICES``) that programs decide by."""

    code: str
    message: str

    def __post_init__(self) -> None:
        if self.code not in NOTICES:
            raise ValueError(f"unknown notice code {self.code!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}


class Usability(Protocol):
    """The bullet stage's verdicts, as the pipeline passes them to an engine.

    One object per Document and options, backed by one memo: a candidate the engine drafts
    to test it is not drafted (or guarded) again by the pipeline.
    """

    def unit(self, sentence: Sentence) -> Sentence | None:
        """What of ``sentence`` a bullet can be made of (the whole, its tail) or None; cheap."""
        ...

    def draft(self, candidate: Candidate) -> Draft | Refusal:
        """The bullet the bullet stage makes of ``candidate``, or why it makes none."""
        ...

    @property
    def max_chars(self) -> int:
        """The longest bullet the bullet stage makes (what a generative engine asks for)."""
        ...

    def problems(self, text: str) -> list[str]:
        """What is wrong with a written bullet (German messages, as ``kurzgefasst check``
        gives them; empty when it passes): what a generative engine asks its model to fix."""
        ...
