"""Tokens and STTS tags of a bullet's text, and the phrase moves the bullet stage makes with them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ..german import names, quotes, tagging

PHRASE_START_TAGS = frozenset({"ART", "NE", "NN", "NNA", "ADJ(A)", "CARD", "PIAT", "PIDAT"})


# Prepositions that usually attach to the noun before them ("der Chef von Audi").
_ATTACHING = frozenset({"von", "vom", "an", "für", "über", "gegen", "zum", "zur", "aus", "mit"})


FINITE = ("VV(FIN)", "VA(FIN)", "VM(FIN)")


CONJUNCTIONS = frozenset(
    "als weil wenn dass ob nachdem bevor obwohl während da seit sobald solange bis".split()
)


# Words that only join a sentence to the one before it. Before a noun phrase they can simply go
# ("Auch die Union kritisierte …" → "Die Union kritisierte …"); before the verb they occupy the
# first position of a German main clause, so dropping them needs the next phrase moved forward
# ("Zudem habe der Angeklagte …" → "Der Angeklagte habe …"). Pronominal adverbs that stand for
# an object ("Dafür", "Darauf", "Damit") carry meaning and are never dropped.
COORDINATING = frozenset({"und", "aber", "doch", "denn", "oder"})
DROP_BEFORE_PHRASE = COORDINATING | {"auch", "ebenfalls"}
DROP_BEFORE_VERB = frozenset(
    """zudem außerdem ausserdem auch ebenfalls ferner überdies weiterhin nun jetzt allerdings
    jedoch doch aber dennoch trotzdem deshalb daher deswegen somit folglich danach
    anschließend anschliessend später zuvor schließlich schliesslich zugleich gleichzeitig
    indes indessen immerhin so hingegen wiederum ebenso genauso zuletzt""".split()
)


@dataclass(frozen=True)
class Tok:
    text: str
    start: int
    end: int
    tag: str


_TOKEN_RE = re.compile(r"[^\W_](?:[\w’'\-]*[^\W_])?|\S")


@lru_cache(maxsize=1024)
def _tags(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(tagging.pos_tags(words))


class Analyser:
    """Tokens with STTS tags for a bullet and every edited version of it, for one HanTa run.

    HanTa tags the candidate's text once (about 10 ms); an edited text (words removed, moved,
    a name put in) gets its tags by aligning its words with the tagged original, and words
    that are new get "NE" when capitalised (they are names the bullet stage inserted).
    """

    def __init__(self, base: str) -> None:
        self._base = [m.group(0) for m in _TOKEN_RE.finditer(base)]
        self._base_tags: tuple[str, ...] | None = None
        self._cache: dict[str, tuple[Tok, ...]] = {}

    def __call__(self, text: str) -> tuple[Tok, ...]:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        matches = list(_TOKEN_RE.finditer(text))
        words = [m.group(0) for m in matches]
        if self._base_tags is None:
            self._base_tags = _tags(tuple(self._base))
        tags = ["NE" if w[:1].isupper() else "XY" for w in words]
        aligner = SequenceMatcher(
            None, [w.casefold() for w in self._base], [w.casefold() for w in words], autojunk=False
        )
        for block in aligner.get_matching_blocks():
            for k in range(block.size):
                tags[block.b + k] = self._base_tags[block.a + k]
        result = tuple(
            Tok(m.group(0), m.start(), m.end(), tag) for m, tag in zip(matches, tags, strict=True)
        )
        self._cache[text] = result
        return result


def may_be_verb(word: str) -> bool:
    """Can this word be a verb at all? HanTa's context-free analysis, cached per word: a cheap
    test that spares tagging a whole sentence when no verb is possible."""
    return word[:1].islower() and tagging.analyze(word)[1].startswith("V")


_FUNCTION_WORDS = frozenset(
    """und oder sowie der die das des dem den ein eine einer eines einem einen von vom in im
    am an mit für auf aus bei zu zum zur nach über unter vor v l seit ohne gegen neben
    zwischen wegen hinter binnen samt nicht jetzt heute gestern erst fast meist bereits selbst
    sonst""".split()
)


def verbless(text: str) -> bool:
    """A list of names or a caption: no lowercase word that is or looks like a verb."""
    for word in names.words(text):
        if not word[:1].islower() or word in _FUNCTION_WORDS:
            continue
        if may_be_verb(word) or re.search(r"(?:te|ten|et|t|en|st|e)$", word):
            return False
    return True


def analyse_text(text: str) -> tuple[Tok, ...]:
    """Tokens and tags of a text on its own (one HanTa run)."""
    return Analyser(text)(text)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _phrase_end(toks: Sequence[Tok], i: int) -> int | None:
    """End of the noun phrase starting at token ``i``, if it is clearly one whole phrase."""
    n = len(toks)
    if i >= n:
        return None
    word, tag = toks[i].text.lower(), toks[i].tag
    if (tag == "PPER" and word in ("er", "sie", "es")) or (tag == "PIS" and word == "man"):
        j = i + 1
    elif tag in ("ART", "PPOSAT", "PIAT", "PIDAT", "PDAT", "CARD", "ADJ(A)", "NN", "NNA", "NE"):
        j = i
        if _tag_at(toks, j) in ("ART", "PPOSAT", "PIAT", "PIDAT", "PDAT"):
            j += 1
        while j < n and toks[j].tag in ("ADJ(A)", "CARD", "ADV", "ADJ(D)"):
            j += 1
        if j < n and toks[j].tag in ("NN", "NNA"):
            j += 1
        elif not (j < n and toks[j].tag == "NE"):
            return None
        while j < n and toks[j].tag == "NE":
            j += 1
        # A genitive attribute belongs to the phrase: "die Zahl der Toten", "der Chef des Konzerns".
        if j < n and toks[j].tag == "ART" and toks[j].text in ("des", "der"):
            k = j + 1
            while k < n and toks[k].tag in ("ADJ(A)", "CARD"):
                k += 1
            if not (k < n and toks[k].tag in ("NN", "NNA", "NE")):
                return None
            k += 1
            while k < n and toks[k].tag == "NE":
                k += 1
            j = k
    else:
        return None
    if j < n:
        nxt = toks[j]
        if nxt.tag in ("NN", "NNA", "NE", "$(") or nxt.text.lower() in _ATTACHING:
            return None
        if nxt.tag == "ART" and nxt.text.lower() in ("der", "des"):
            return None  # a genitive or dative the phrase may need: "die Zahl der …"
        # Another article starts the next phrase: "sucht die Polizei den Täter" moves
        # "die Polizei" and keeps "den Täter" after the verb.
        if nxt.tag == "KON" or nxt.text.lower() in ("und", "oder", "sowie", "bzw"):
            return None  # "Anlass und Aufregung": only half of the subject would move
        if nxt.text == "," and j + 1 < n:
            # "der Mann, der …", "ein Spiel, in dem …": the relative clause would stay behind
            relative = toks[j + 1].tag in ("PRELS", "PRELAT") or (
                toks[j + 1].tag in ("APPR", "APPRART")
                and j + 2 < n
                and toks[j + 2].tag in ("PRELS", "PRELAT")
            )
            if relative:
                return None
    return j


def _tag_at(toks: Sequence[Tok], i: int) -> str:
    return toks[i].tag if 0 <= i < len(toks) else ""


def front(text: str, toks: Sequence[Tok], verb: int) -> str | None:
    """``text`` whose first phrase is gone and starts at ``toks[verb]``: move the phrase after
    the verb to the front, so the verb stays second ("habe der Angeklagte …" → "Der Angeklagte
    habe …"). German word order allows any single phrase first, so the meaning is kept."""
    end = _phrase_end(toks, verb + 1)
    if end is None:
        return None
    phrase = text[toks[verb + 1].start : toks[end - 1].end]
    verb_text = text[toks[verb].start : toks[verb].end]
    rest = text[toks[end - 1].end :]
    return capitalise(phrase) + " " + verb_text + rest


def inside_quote(text: str, position: int) -> bool:
    """Is ``position`` inside a quote? From the text's quote state, computed once per text."""
    return quotes.inside_quote(text, position)


def shift(toks: Sequence[Tok], offset: int) -> tuple[Tok, ...]:
    return tuple(Tok(t.text, t.start - offset, t.end - offset, t.tag) for t in toks)
