"""Candidate → bullet text: one complete, self-contained, tight German sentence.

What a summary box never shows is removed (agency tags, datelines, hashtag marks, picture
credits, parenthetical asides, "Wie berichtet,", the weekday of a "sagte X am Mittwoch");
what a bullet cannot do without is never removed (a source, a negation, a number, a qualifier).
A sentence that points elsewhere ("Er sagte …", "Zudem sei …") is repaired when that is safe
(the pronoun replaced by the one name it can mean, the connective dropped with the word order
fixed) and skipped otherwise. Every edit is checked by the guard before it is kept, and listed
in ``Draft.edits``; a candidate that cannot become a bullet gets a ``Refusal`` with its kind.

``Options(tighten=False)`` keeps the first version's behaviour: whole cleaned source sentences.

The stage is split by concern: ``eligibility`` (cheap checks engines filter their pool with),
``cleanup`` (the ordered clean-up steps), ``repair`` (pronouns, ages, connectives; the person
behind a pronoun in ``pronouns``), ``shortening`` (clause boundaries, appositions), ``syntax``
(tokens, tags and phrase moves) and ``builder`` (edits kept only while the guard passes).
``draft`` runs them as one short sequence of stages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from .. import guard
from ..contracts import Candidate, Draft, Refusal
from ..document import Document
from ..german import anaphora
from ..options import Options
from .builder import Builder, Check
from .cleanup import (
    STEPS,
    WIE_BERICHTET_START_RE,
    Step,
    clean,
    remove_asides,
    tighten_attribution,
)
from .eligibility import (
    LEGACY_FACTOR,
    MIN_WORDS,
    SHORTEN_FACTOR,
    bullet_unit,
    glued,
    legacy_refusal,
    sentence_tail,
    unit_of,
    unusable_reason,
)
from .repair import REPAIRS, named_by_role
from .shortening import may_shorten, remove_appositions, shorten
from .syntax import CONJUNCTIONS, FINITE, Tok, verbless

__all__ = [
    "MIN_WORDS",
    "SHORTEN_FACTOR",
    "SHORT_WORDS",
    "Check",
    "Draft",
    "Refusal",
    "bullet_unit",
    "clean",
    "draft",
    "from_sentence",
    "glued",
    "remove_appositions",
    "remove_asides",
    "sentence_tail",
    "shorten",
    "tighten_attribution",
    "unusable_reason",
]

#: Below this many words a bullet needs a finite verb and may not lean on another sentence
#: anywhere ("Die USA sind dafür.", "Anthes wollte das ändern."): it has nothing else to say.
SHORT_WORDS = 7
_VAGUE_TAGS = frozenset({"PPER", "PDS", "PROAV", "PPOSAT"})
_VAGUE_ADVERBS = frozenset({"dort", "hier", "damals", "nämlich", "also", "so", "dann", "da"})

Stage = Callable[[Builder], Refusal | None]


# --- the stages, in the order ``draft`` runs them -------------------------------------------


def _heads(work: Builder) -> Refusal | None:
    """A bullet made of a sentence's tail: what precedes it is left out, unless the guard
    already fails without it (then the tail needs it)."""
    kept: list[str] = []
    for unit in work.units:
        head = work.doc.sentences[unit.index].text[: -len(unit.text)].rstrip()
        if head:
            if work.failing_rules:
                return Refusal("needs_head")
            colon = head.endswith((":", ";"))
            kept.append("kept what follows the colon" if colon else "glued heading removed")
    work.edits[:0] = kept  # before clean's edits: the head went first
    return None


def _cleanup(work: Builder) -> Refusal | None:
    for step in STEPS:
        work.step(partial(_apply_step, step, work), step.edit)
    return None


def _apply_step(step: Step, work: Builder, text: str) -> str | None:
    return step.apply(text, work.analyse)


def _can_fit(work: Builder) -> Refusal | None:
    """Too long, and no clause boundary or apposition to shorten at: refused before tagging."""
    max_chars = work.options.max_chars
    if len(work.text) > max_chars and not may_shorten(work.text, max_chars):
        return Refusal("too_long")
    return None


def _repair(work: Builder) -> Refusal | None:
    for repair in REPAIRS:
        refusal = repair(work)
        if refusal:
            return refusal
    return None


def _one_sentence(work: Builder) -> Refusal | None:
    """After the repairs: nothing points elsewhere, one sentence, with a verb."""
    dangling = anaphora.dangling_start(work.text)
    if dangling and not ("ährige" in dangling and named_by_role(work, dangling)):
        return Refusal("dangling_start", dangling)
    if glued(work.text):
        return Refusal("several_sentences")
    if verbless(WIE_BERICHTET_START_RE.sub("", work.text)):
        return Refusal("no_verb")
    return None


def _shorten(work: Builder) -> Refusal | None:
    max_chars = work.options.max_chars
    if len(work.text) > max_chars:
        work.step(lambda text: remove_appositions(text, work.analyse), "apposition removed")
    if len(work.text) > max_chars:
        long_text = work.text
        for short in shorten(long_text, max_chars, work.analyse):
            if work.apply(short, "shortened at a clause boundary"):
                break
        if work.text == long_text:
            return Refusal("too_long")
    return None


def _short_refusal(toks: tuple[Tok, ...]) -> Refusal | None:
    """Why a short sentence cannot stand alone (no finite verb, a word pointing elsewhere)."""
    if not any(t.tag in FINITE for t in toks):
        return Refusal("short_no_verb")
    if toks[0].tag in FINITE or toks[0].tag == "KOUS" or toks[0].text.lower() in CONJUNCTIONS:
        return Refusal("short_fragment")  # "Haben oder nicht haben.", "Bis Harris dazwischengeht."
    vague = next(
        (t for t in toks if t.tag in _VAGUE_TAGS or t.text.lower() in _VAGUE_ADVERBS), None
    )
    if vague is not None:
        return Refusal("short_vague", vague.text)
    return None


def _long_enough(work: Builder) -> Refusal | None:
    words = len(work.text.split())
    if words < MIN_WORDS:
        return Refusal("too_short")
    if words < SHORT_WORDS:
        return _short_refusal(work.analyse(work.text))
    return None


STAGES: tuple[Stage, ...] = (
    _heads,
    _cleanup,
    _can_fit,
    _repair,
    _one_sentence,
    _shorten,
    _long_enough,
)


# --- the bullet stage ----------------------------------------------------------------------


def draft(
    candidate: Candidate, doc: Document, options: Options, check: Check | None = None
) -> Draft | Refusal:
    """A bullet ready for the guard, or the refusal that says why the candidate cannot be one.

    A whole sentence that cannot be a bullet may still end in one: its ``sentence_tail``.
    ``check`` is the guard as the stage asks it (the pipeline passes its memo's).
    """
    if check is None:

        def check(text: str, ids: tuple[int, ...]) -> guard.Verdict:
            return guard.check(text, doc, ids)

    if not options.tighten:
        return _legacy_draft(candidate, doc, options)
    result = _draft(candidate, doc, options, check)
    if isinstance(result, Draft) or len(candidate.sentence_ids) != 1:
        return result
    sentence = doc.sentences[candidate.sentence_ids[0]]
    tail = sentence_tail(sentence) if candidate.text == sentence.text else None
    if tail is not None:
        tail_result = _draft(replace(candidate, text=tail.text), doc, options, check)
        if isinstance(tail_result, Draft):
            return tail_result
    return result


def _draft(candidate: Candidate, doc: Document, options: Options, check: Check) -> Draft | Refusal:
    units = [unit_of(candidate, sid, doc) for sid in candidate.sentence_ids]
    for unit in units:
        refusal = unusable_reason(unit, options, doc=doc)
        if refusal:
            return refusal
    text, edits = clean(candidate.text)
    work = Builder(text, candidate, doc, options, check, units, edits)
    for stage in STAGES:
        refusal = stage(work)
        if refusal:
            return refusal
    return work.result()


def _legacy_draft(candidate: Candidate, doc: Document, options: Options) -> Draft | Refusal:
    for sid in candidate.sentence_ids:
        refusal = legacy_refusal(doc.sentences[sid], options)
        if refusal:
            return refusal
    text, edits = clean(candidate.text)
    if len(text.split()) < MIN_WORDS:
        return Refusal("too_short")
    if len(text) > options.max_chars * LEGACY_FACTOR:
        return Refusal("too_long")
    return Draft(text, candidate.sentence_ids, candidate.engine, edits)


def from_sentence(
    index: int, doc: Document, options: Options, engine: str, check: Check | None = None
) -> Draft | Refusal:
    """The bullet the bullet stage makes of one article sentence (the guard's repair)."""
    sentence = doc.sentences[index]
    return draft(Candidate(sentence.text, (index,), 0.0, engine), doc, options, check)
