"""Which sentences of the article carry which part of a bullet.

Editors fuse two or three facts into one bullet and paraphrase each. So a bullet is cut into
clauses, every content word of a clause is looked up in every article unit (the title, each
sentence, list items and table rows) by its word forms, and each clause gets the unit that
carries most of it, plus a neighbour for what that unit lacks. The guard then checks every
fact of a clause against that clause's own evidence: a number, name or date the article gives
only in an unrelated sentence is a number given another referent.

Everything is built once per Document (its vocabulary and which unit holds which stem); a
bullet costs a few dictionary lookups per word.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from weakref import WeakKeyDictionary

from .document import Document
from .german import numbers
from .german.wordforms import CANTONS, Vocabulary, parts, stem, words

#: Words that carry no fact of their own (articles, pronouns, auxiliaries, particles).
STOPWORDS = frozenset(
    """aber alle allem allen aller alles als also am an auch auf aus bei beim bereits bis bisher
    da dabei damit dann darin darum das dass dem den denen der deren des dessen die dies diese
    diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es etwa
    euch für gegen gemäss gemäß hat hatte hätte haben habe hier ihm ihn ihnen ihr ihre ihrem
    ihren ihrer im in ist ja je jedoch jetzt kann können könnte laut man mehr mich mit muss
    nach nicht noch nun nur ob oder ohne sehr sei seien sein seine seinem seinen seiner seit
    sich sie sind so sollen soll solle sollte über um und uns unter vom von vor war wäre waren
    was weil wenn werden wie wir wird wo wurde wurden zu zum zur zwar wegen weiter weiterhin
    schon immer rund ca dazu daran davon darauf denn worden sowie wer wem wen welche welcher
    welches sodass zudem ebenfalls diejenigen derjenige diejenige dasjenige dieselbe derselbe
    dasselbe jene jener jenes jenen""".split()
)
WEEKDAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
MONTHS = (
    "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
    "oktober", "november", "dezember",
)  # fmt: skip
# Clause boundaries; a comma or colon inside a number ("1,90", "2:1") is none.
_CLAUSE_RE = re.compile(r"\s*(?:;|:(?=\s)|,(?=\s)|\s–\s|\s-\s)\s*|\s+(?:und|sowie|aber|doch)\s+")
_QUOTE_MARKS = '„“”"»«‚‘’‹›'


@dataclass(frozen=True)
class Token:
    text: str
    position: int  # index of the word in its bullet
    strict: bool  # a name, weekday or month: it must come from the clause's own evidence


@dataclass
class Clause:
    text: str
    tokens: list[Token]
    numbers: list[numbers.NumberMention]
    #: Unit ids (−1 = title, 0… = sentences, ≥ EXTRA = list items …) that carry this clause.
    carriers: list[int] = field(default_factory=list)


EXTRA = 100_000  # ids of extra units (list items, table rows) start here


@dataclass
class Index:
    """An article's units and, per stem, the units that hold a word of that stem."""

    units: dict[int, str]
    vocabulary: Vocabulary
    unit_vocabularies: dict[int, Vocabulary]
    by_stem: dict[str, set[int]]
    values: dict[int, set[Decimal]]
    #: The unit of the dateline ("Zürich – "): its place is the place of the whole article.
    dateline: set[int] = field(default_factory=set)
    #: A table row's sentence → the sentence of its table's first row (the column heads:
    #: "| Jahr | 2020 | 2021 |" says which year a number of a later row belongs to).
    table_head: dict[int, int] = field(default_factory=dict)

    def holders(self, word: str) -> set[int]:
        """Units that hold ``word`` in some form."""
        lower = word.casefold()
        day = next((d for d in WEEKDAYS if lower.startswith(d)), None)
        if day:
            # "Freitagmorgen" is no compound of "im Freien" and "Donnerstagmorgen": a weekday
            # is the same weekday or nothing.
            return {u for u, text in self.units.items() if day in text.casefold()}
        s = stem(word)
        found = set(self.by_stem.get(s, ()))
        if found:
            return found
        if "-" in word:
            pieces = [p for p in parts(word) if not p.isdigit()]
            if len(pieces) > 1:
                # Every piece somewhere; its units are those holding any piece.
                sets = [self.holders(p) for p in pieces]
                return set().union(*sets) if all(sets) else set()
        if not self.vocabulary.knows(word):
            return set()
        found = {u for u, vocab in self.unit_vocabularies.items() if vocab.knows(word)}
        if not found:
            # A compound of words from different sentences ("Lastwagenfahrer"): the units of
            # its parts.
            split = self.vocabulary.compound_parts(s)
            if split:
                found = {
                    u
                    for u, vocab in self.unit_vocabularies.items()
                    if any(vocab.knows(p) or p in vocab.stems for p in split)
                }
        return found


_indexes: WeakKeyDictionary[Document, Index] = WeakKeyDictionary()


_LIST_ITEM_RE = re.compile(r"^\s*(?:\d{1,3}[.)]|[-•*–▪])\s*\S")


def extra_texts(doc: Document) -> list[str]:
    """What the article shows besides its sentences and the guard reads too: list items
    ("1. London") that the article parser set apart, and the dateline's place."""
    found = [
        r.text
        for r in doc.article.removed
        if r.kind in ("list", "table") or (r.kind == "boilerplate" and _LIST_ITEM_RE.match(r.text))
    ]
    if doc.article.dateline:
        found.append(doc.article.dateline)
    return found


def index(doc: Document) -> Index:
    found = _indexes.get(doc)
    if found is not None:
        return found
    units: dict[int, str] = {}
    if doc.title:
        units[-1] = doc.title
    for sentence in doc.sentences:
        units[sentence.index] = sentence.text
    extra = extra_texts(doc)
    for i, text in enumerate(extra):
        units[EXTRA + i] = text
    # Function words hold no fact, and as stems they would match content words ("nach" for
    # "Nacht").
    unit_words = {
        u: [w for w in _words_with_cantons(t) if w.casefold() not in STOPWORDS]
        for u, t in units.items()
    }
    by_stem: dict[str, set[int]] = defaultdict(set)
    for u, ws in unit_words.items():
        for w in ws:
            by_stem[stem(w)].add(u)
            for p in parts(w) if "-" in w else ():
                by_stem[stem(p)].add(u)
    found = Index(
        units=units,
        vocabulary=Vocabulary(w for ws in unit_words.values() for w in ws),
        unit_vocabularies={u: Vocabulary(ws) for u, ws in unit_words.items()},
        by_stem=dict(by_stem),
        values={u: numbers.number_values(t) for u, t in units.items()},
        dateline={EXTRA + len(extra) - 1} if doc.article.dateline else set(),
        table_head=_table_heads(doc),
    )
    _indexes[doc] = found
    return found


def _table_heads(doc: Document) -> dict[int, int]:
    heads: dict[int, int] = {}
    for sentence in doc.sentences:
        if sentence.text.lstrip().startswith("|"):
            heads[sentence.index] = heads.get(sentence.index - 1, sentence.index)
    return heads


def _words_with_cantons(text: str) -> list[str]:
    """The words of a unit; "Küsnacht ZH" also says "Zürich"."""
    found = words(text)
    cantons = [
        CANTONS[w.lower()] for w in found if len(w) == 2 and w.isupper() and w.lower() in CANTONS
    ]
    return found + cantons


def _strip_quotes(word: str) -> str:
    return word.strip(_QUOTE_MARKS)


def content_tokens(text: str) -> list[Token]:
    tokens = []
    for position, word in enumerate(words(text)):
        word = _strip_quotes(word)
        lower = word.casefold()
        if len(word) < 2 or lower in STOPWORDS or numbers.parse_written(lower) is not None:
            continue
        if lower in ("eine", "einer", "einen", "einem", "eines"):
            continue
        timeword = lower.startswith(WEEKDAYS) or lower in MONTHS
        name = position > 0 and word[:1].isupper() and not _common_noun_shape(word)
        tokens.append(Token(word, position, timeword or name))
    return tokens


def _common_noun_shape(word: str) -> bool:
    """Nouns built with a derivational ending are no names ("Verhandlung", "Sportlerin")."""
    return bool(
        re.search(r"(ung|heit|keit|schaft|ion|tät|ismus|ment|nis|tum|ling|ungen|ungs)$", word)
    )


def clauses(text: str) -> list[Clause]:
    """The bullet cut at commas, colons, dashes and "und"; tiny pieces join their neighbour."""
    pieces = [p for p in _CLAUSE_RE.split(text) if p and p.strip()]
    merged: list[str] = []
    for piece in pieces:
        if merged and (len(content_tokens(piece)) < 2 or len(content_tokens(merged[-1])) < 2):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return [Clause(p, content_tokens(p), numbers.find_numbers(p)) for p in merged or [text]]


@dataclass
class Alignment:
    clauses: list[Clause]
    #: Content words of the bullet that no unit of the article holds in any form.
    novel: list[Token]
    #: Per token text: the units that hold it.
    holders: dict[str, set[int]]

    @property
    def evidence(self) -> tuple[int, ...]:
        """The sentences the bullet rests on (title and extra units left out): the clauses' main
        sentences first (the one a repair falls back to), then those that lend a word."""
        ranked = [c.carriers[0] for c in self.clauses if c.carriers]
        ranked += [u for c in self.clauses for u in c.carriers[1:]]
        return tuple(dict.fromkeys(u for u in ranked if 0 <= u < EXTRA))


def align(text: str, doc: Document) -> Alignment:
    idx = index(doc)
    parts_ = clauses(text)
    holders: dict[str, set[int]] = {}
    novel: list[Token] = []
    for clause in parts_:
        for token in clause.tokens:
            if token.text not in holders:
                holders[token.text] = idx.holders(token.text)
            if not holders[token.text]:
                novel.append(token)
        clause.carriers = _carriers(clause, holders, idx)
    return Alignment(parts_, novel, holders)


def _carriers(clause: Clause, holders: dict[str, set[int]], idx: Index) -> list[int]:
    """The unit that holds most of the clause, then at most two more for what it lacks."""
    wanted = [t for t in clause.tokens if holders.get(t.text)]
    values = [m.values for m in clause.numbers]
    spread = [max(1, sum(1 for vs in idx.values.values() if v & vs)) for v in values]
    chosen: list[int] = []
    while len(chosen) < 3:
        best, best_score = None, 0.0
        candidates = set().union(*(holders[t.text] for t in wanted)) if wanted else set()
        for v in values:
            candidates |= {u for u, vs in idx.values.items() if v & vs}
        for unit in candidates - set(chosen):
            # A word that many sentences hold ("Stuttgart" in a Stuttgart story) says little
            # about which sentence the clause comes from.
            score = sum(
                (2.0 if t.strict else 1.0) / len(holders[t.text]) ** 0.5
                for t in wanted
                if unit in holders[t.text]
            )
            score += sum(
                2.0 / spread[i] ** 0.5 for i, v in enumerate(values) if v & idx.values[unit]
            )
            # The title only lends what no sentence gives.
            score -= 0.5 if unit < 0 else 0.0
            if score > best_score or (score == best_score and best is not None and unit < best):
                best, best_score = unit, score
        if best is None or (chosen and best_score < 0.5):
            break
        chosen.append(best)
        wanted = [t for t in wanted if best not in holders[t.text]]
        kept = [i for i, v in enumerate(values) if not v & idx.values[best]]
        values, spread = [values[i] for i in kept], [spread[i] for i in kept]
        if not wanted and not values:
            break
    return chosen
