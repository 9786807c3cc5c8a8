"""Where a fact of the bullet comes from: numbers, names and dates from the clause's evidence.

numbers – a number, date or weekday the article gives, but for something else: it is not in
  the sentences that carry the rest of its clause;
names – a name the article uses only in an unrelated sentence, fused into this clause;
evidence – no clause of the bullet has a sentence that carries it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from functools import lru_cache

from ..alignment import EXTRA, WEEKDAYS, Alignment, Clause, Index, Token
from ..german import numbers, sentences, tagging
from ..german.wordforms import stem, words
from .base import Finding, Reading
from .counting import ARTICLE_COUNTED_RE, BULLET_COUNTED_RE, counted_pairs
from .wordlists import TIME_STEMS


def unsupported(reading: Reading) -> list[Finding]:
    aligned = reading.aligned
    if not aligned.evidence and not any(c.carriers for c in aligned.clauses):
        return [Finding("evidence", "no sentence of the article supports it")]
    return []


def window(
    clause: Clause,
    dateline: AbstractSet[int] = frozenset(),
    table_head: Mapping[int, int] | None = None,
) -> set[int]:
    """The clause's main carrier, the two sentences before it (a pronoun's referent), the one
    after, and the title: where a clause's numbers, names and dates must come from. A table
    row is read with the rows above it up to the column heads ("| Jahr | 2020 | 2021 |")."""
    if not clause.carriers:
        return set()
    main = clause.carriers[0]
    if 0 <= main < EXTRA:
        head = (table_head or {}).get(main, main)
        return {*range(min(head, main - 2), main + 2), -1, *dateline}
    return {main, -1, *dateline}


def _topic(units: Iterable[int]) -> bool:
    """A name in the title, the first sentences or in three places is the article's subject."""
    units = set(units)
    return bool(units & {-1, 0, 1, 2}) or len(units) >= 3


def placed_facts(reading: Reading) -> list[Finding]:
    """Numbers, names and dates of each clause against the clause's own evidence."""
    aligned, idx, text = reading.aligned, reading.index, reading.text
    findings: list[Finding] = []
    for clause in aligned.clauses:
        clause_window = window(clause, idx.dateline, idx.table_head)
        lazy: list[dict[int, set[str]]] = []

        def anchors(unit: int, clause: Clause = clause, lazy: list = lazy) -> set[str]:
            if not lazy:  # tags names with HanTa: only for a fact outside the clause's window
                lazy.append(_anchors(clause, aligned, idx, text))
            return lazy[0].get(unit, set())

        for mention in clause.numbers:
            holders = {u for u, vs in idx.values.items() if mention.values & vs}
            if not holders or holders & clause_window:
                continue
            if any(anchors(u) - {mention.text} for u in holders):
                continue  # given together with another number or name of the clause
            if _near_words_agree(mention, clause, aligned, holders) and not _conflict(
                mention, clause, idx
            ):
                continue  # "Orkanböen von über 100 km/h": said of the same thing elsewhere
            where = idx.units[min(holders, key=lambda u: abs(u - clause.carriers[0]))]
            findings.append(
                Finding(
                    "numbers", f"'{mention.text}' belongs to another statement: „{where[:80]}…“"
                )
            )
        speakers = _speakers(clause.text)
        for token in clause.tokens:
            holders = aligned.holders.get(token.text, set())
            if not token.strict or not holders or token.text in speakers:
                continue
            time_word = stem(token.text) in TIME_STEMS or token.text.casefold().startswith(WEEKDAYS)
            if time_word:
                # A weekday or month belongs to the event of its own sentence: one that carries
                # another word of the clause too.
                others = [t for t in clause.tokens if t.text != token.text]
                if (
                    any(
                        holders & aligned.holders.get(t.text, set()) & set(clause.carriers)
                        for t in others
                    )
                    or -1 in holders
                ):
                    continue
            elif holders & clause_window or _part_of_name(token, clause, aligned, clause_window):
                continue
            if any(anchors(u) - {token.text} for u in holders):
                continue
            if not time_word and _named_with(token, clause, aligned, holders, text):
                continue  # "des Herstellers Jetico" where the article says "Hersteller: Jetico"
            if not time_word and (_topic(holders) or not proper(token.text, text)):
                continue
            findings.append(
                Finding(
                    "numbers" if time_word else "names",
                    f"'{token.text}' comes from another statement of the article",
                )
            )
    return findings


def _near_words_agree(
    mention: numbers.NumberMention, clause: Clause, aligned: Alignment, holders: set[int]
) -> bool:
    """A unit holding the number also holds a content word next to it in the clause."""
    before = len(words(clause.text[: mention.start]))
    near = [
        t for t in clause.tokens if abs(t.position - before) <= 3 and stem(t.text) not in TIME_STEMS
    ]
    return any(aligned.holders.get(t.text, set()) & holders for t in near)


def _named_with(
    token: Token, clause: Clause, aligned: Alignment, holders: set[int], text: str
) -> bool:
    """A noun right next to the name in the clause (its role, "des Herstellers Jetico") is in
    a unit that holds the name too: the name is given with what the clause says of it, not
    fused from another statement. Another name next to it proves nothing."""
    near = [
        t
        for t in clause.tokens
        if 0 < abs(t.position - token.position) <= 2
        and len(t.text) >= 4
        and stem(t.text) not in TIME_STEMS
        and aligned.holders.get(t.text, set()) & holders
    ]
    return any(not proper(t.text, text) for t in near)


def _conflict(mention: numbers.NumberMention, clause: Clause, idx: Index) -> bool:
    """The clause's main sentence counts the same thing with another number ("acht Menschen"
    where the bullet says "69 Menschen")."""
    if not clause.carriers:
        return False
    mine = {
        what
        for _, what, vs, _ in counted_pairs(clause.text, BULLET_COUNTED_RE)
        if vs & mention.values
    }
    theirs = {
        what for _, what, _, _ in counted_pairs(idx.units[clause.carriers[0]], ARTICLE_COUNTED_RE)
    }
    return bool(mine & theirs) or (not mine and bool(theirs))


def _part_of_name(token: Token, clause: Clause, aligned: Alignment, window: set[int]) -> bool:
    """ "Dresdner SC", "St. Michael’s Mount": a name whose neighbouring name the clause's own
    evidence holds."""
    return any(
        t.strict
        and abs(t.position - token.position) == 1
        and aligned.holders.get(t.text, set()) & window
        for t in clause.tokens
    )


def _anchors(clause: Clause, aligned: Alignment, idx: Index, text: str) -> dict[int, set[str]]:
    """Per unit, the numbers and strict words of the clause it holds (facts given together)."""
    found: dict[int, set[str]] = {}
    for mention in clause.numbers:
        for u, vs in idx.values.items():
            if mention.values & vs:
                found.setdefault(u, set()).add(mention.text)
    for token in clause.tokens:
        # Only names anchor a fact: "Menschen" or "Juli" occur with many facts.
        if token.strict and stem(token.text) not in TIME_STEMS and proper(token.text, text):
            for u in aligned.holders.get(token.text, ()):
                found.setdefault(u, set()).add(token.text)
    return found


_SPEAKER_RE = re.compile(
    r"(?:\b[Ll]aut|\b[Gg]emä(?:ss|ß)|\bsagte|\bsagt|\bschrieb|\bso|\berklärte|\bbetonte|\bwie|"
    r"\bschildert\w*|\bmeint\w*)\s+((?:(?:der|die|dem|den|des|einer|eines|einem)\s+)?"
    r"(?:[A-ZÄÖÜ][\w\-’']*\s*){1,4})"
)


def _speakers(text: str) -> set[str]:
    """Names in "laut X", "sagte X", "so X": a speaker may be named anywhere in the article."""
    return {w for m in _SPEAKER_RE.finditer(text) for w in m.group(1).split()}


def proper(word: str, text: str) -> bool:
    """HanTa, reading the whole bullet, tags ``word`` as a proper noun; asked only for a word
    the guard would otherwise flag (about 10 ms)."""
    if word.isupper() and len(word) > 1:
        return True
    return word in _proper_nouns(text)


@lru_cache(maxsize=1024)
def _proper_nouns(text: str) -> frozenset[str]:
    tokens = [t.text for sentence in sentences.split(text) for t in sentence]
    return frozenset(
        token
        for token, tag in zip(tokens, tagging.pos_tags(tokens), strict=True)
        if tag in ("NE", "FM")
    )
