"""roles: who did what to whom, kept as the article has it.

"Nadal besiegte Djokovic" retold as "Djokovic besiegte Nadal", "das Sturmtief Ignatz … in
Deutschland" as "das Sturmtief Deutschland … in Ignatz": every word is the article's, only two
names (or nouns) traded places. Cheap to see: in the bullet each of the two stands where the
article has the other — after or before the same word ("besiegte", "Sturmtief", "in") — and
neither stands there in the article. Both directions must hold, so a paraphrase that only
reorders ("Djokovic unterlag Nadal", a passive) passes.
"""

from __future__ import annotations

from functools import lru_cache

from ..alignment import STOPWORDS, Clause, Index
from ..german.wordforms import stem, words
from .base import Finding, Reading

# Words around a name that say nothing about its role: articles, and coordination ("A und B"
# may be "B und A").
_SKIP = frozenset(
    "der die das den dem des ein eine einen einem einer eines und oder sowie wie als".split()
)


def _contexts(tokens: list[str]) -> dict[str, set[str]]:
    """Per word stem: the words (as stems) right before and right after each of its uses."""
    keys = [stem(t)[:6] for t in tokens]
    found: dict[str, set[str]] = {}
    for i, token in enumerate(tokens):
        if not token[:1].isupper():
            continue
        before = next(
            (keys[j] for j in range(i - 1, -1, -1) if tokens[j].casefold() not in _SKIP), None
        )
        after = next(
            (keys[j] for j in range(i + 1, len(tokens)) if tokens[j].casefold() not in _SKIP), None
        )
        slots = found.setdefault(keys[i], set())
        if before is not None:
            slots.add("<" + before)
        if after is not None:
            slots.add(">" + after)
    return found


@lru_cache(maxsize=4096)
def _sentence_contexts(sentence: str) -> dict[str, set[str]]:
    return _contexts(words(sentence))


def _swapped(clause: Clause, sentence: str) -> tuple[str, str] | None:
    mine = words(clause.text)
    ours, theirs = _contexts(mine), _sentence_contexts(sentence)
    content = {stem(w)[:6] for w in mine if w.casefold() not in STOPWORDS}
    names = [w for w in dict.fromkeys(mine) if w[:1].isupper() and stem(w)[:6] in theirs]
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            ka, kb = stem(a)[:6], stem(b)[:6]
            if ka == kb:
                continue
            a_took = (ours.get(ka, set()) & theirs[kb]) - theirs[ka]
            b_took = (ours.get(kb, set()) & theirs[ka]) - theirs[kb]
            # They traded places around one word ("A besiegte B" → "B besiegte A"), both took
            # a content word's place, or both took the word before the other ("Sturmtief
            # Ignatz … in Deutschland" → "Sturmtief Deutschland … in Ignatz"). A fronted phrase
            # ("Von dem Stromausfall sind … Menschen betroffen" → "… Menschen sind von dem
            # Stromausfall betroffen") only changes what follows each: no swap.
            around = {c[1:] for c in a_took} & {c[1:] for c in b_took}
            a_content = any(c[1:] in content for c in a_took)
            b_content = any(c[1:] in content for c in b_took)
            a_left = any(c[0] == "<" for c in a_took)
            b_left = any(c[0] == "<" for c in b_took)
            if (
                (around & content)
                or (a_content and b_content)
                or (a_left and b_left and (a_content or b_content))
            ):
                return a, b
    return None


def roles(reading: Reading) -> list[Finding]:
    idx: Index = reading.index
    for clause in reading.aligned.clauses:
        if not clause.carriers:
            continue
        swapped = _swapped(clause, idx.units[clause.carriers[0]])
        if swapped:
            a, b = swapped
            return [
                Finding("roles", f"'{a}' and '{b}' trade places: the article says it the other way")
            ]
    return []
