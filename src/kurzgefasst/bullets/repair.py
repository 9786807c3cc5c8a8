"""Repair: a sentence that leans on the one before it made to stand alone, or refused.

"Der 42-Jährige …" is read as "Er …"; "Er"/"Sie" is replaced by the one person it can mean
(``pronouns``); a connective that only joins the sentence to the one before goes ("Zudem habe
der Angeklagte …" → "Der Angeklagte habe …"). What cannot be repaired safely is refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..contracts import Refusal
from ..german import anaphora
from .builder import Builder
from .pronouns import first_person, pronoun_hint, resolve_pronoun, subject_pronoun
from .syntax import (
    COORDINATING,
    DROP_BEFORE_PHRASE,
    DROP_BEFORE_VERB,
    FINITE,
    PHRASE_START_TAGS,
    Analyser,
    Tok,
    analyse_text,
    capitalise,
    front,
    shift,
)


def drop_connective(
    text: str, word: str, analyse: Callable[[str], tuple[Tok, ...]] | None = None
) -> str | None:
    """'Auch die Union …' → 'Die Union …'; 'Zudem sei X …' → 'X sei …'; else None."""
    lower = word.lower()
    toks = (analyse or analyse_text)(text)
    if len(toks) < 3 or toks[0].text != word:
        return None
    nxt = 1
    if toks[1].text == ",":
        nxt = 2  # "Allerdings, …" (rare)
    if toks[nxt].tag in FINITE:
        if lower not in DROP_BEFORE_VERB:
            return None
        return front(text[toks[nxt].start :], shift(toks[nxt:], toks[nxt].start), 0)
    if lower in COORDINATING and not toks[nxt].tag.startswith(("$", "V")):
        # A coordinating conjunction stands before the first position of the clause: without
        # it, "Doch in Deutschland stehen …" is "In Deutschland stehen …", order intact.
        return capitalise(text[toks[nxt].start :])
    if lower in DROP_BEFORE_PHRASE and toks[nxt].tag in PHRASE_START_TAGS:
        rest = text[toks[nxt].start :]
        return capitalise(rest)
    return None


# "Der 31-jährige Tunesier": a noun after the age.
_ROLE_AFTER_AGE_RE = re.compile(r"\s+[A-ZÄÖÜ][a-zäöüß]+")


def named_by_role(work: Builder, described: str) -> bool:
    """A generated bullet's "Der 31-jährige Tunesier" names the person by role, as editors
    write; only an article sentence's age description stands for a name given before it."""
    return not work.ids and bool(_ROLE_AFTER_AGE_RE.match(work.text, len(described)))


def read_age(work: Builder) -> Refusal | None:
    """ "Der 42-Jährige wurde …" is "Er wurde …": resolved below like any pronoun, or refused."""
    described = anaphora.age_description(work.text)
    if described and named_by_role(work, described):
        return None
    if described:
        pronoun = "Er" if described.startswith("Der") else "Sie"
        # Not checked by the guard: a bare pronoun is no bullet; the name that replaces it is.
        work.text = pronoun + work.text[len(described) :]
        work.edits.append(f"'{described}' read as '{pronoun}'")
        work.described = described
        work.analyse = Analyser(work.text)  # so that the pronoun is tagged as one
    return None


def drop_leading_connective(work: Builder) -> Refusal | None:
    dangling = anaphora.dangling_start(work.text)
    if dangling and "ährige" in dangling and named_by_role(work, dangling):
        return None
    if dangling and dangling.lower() not in anaphora.PERSONAL:
        dropped = drop_connective(work.text, dangling, work.analyse)
        if dropped is None or not work.apply(dropped, f"'{dangling}' dropped"):
            return Refusal("dangling_start", dangling)
    return None


def refuse_first_person(work: Builder) -> Refusal | None:
    """'ich', 'wir' outside a quote: whose words these are is said elsewhere."""
    word = first_person(work.text)
    return Refusal("first_person", word) if word else None


def resolve_subject(work: Builder) -> Refusal | None:
    """A subject 'Er'/'Sie' pointing outside the sentence gets the name it means, or refusal."""
    if not pronoun_hint(work.text):
        return None
    toks = work.analyse(work.text)
    position = subject_pronoun(toks, work.text) if toks else None
    if position is None:
        return None
    if len(work.ids) != 1:
        return Refusal("pronoun_in_fusion")
    sentence = work.doc.sentences[work.ids[0]]
    resolved = resolve_pronoun(
        work.text, sentence, work.doc, work.analyse, person=work.described is not None
    )
    edit = f"'{toks[position].text}' replaced by '{resolved[1]}'" if resolved else ""
    if resolved is None or not work.apply(resolved[0], edit, (resolved[2],)):
        return Refusal("unclear_pronoun")
    return None


#: The repairs in the order the bullet stage makes them.
REPAIRS: tuple[Callable[[Builder], Refusal | None], ...] = (
    read_age,
    drop_leading_connective,
    refuse_first_person,
    resolve_subject,
)
