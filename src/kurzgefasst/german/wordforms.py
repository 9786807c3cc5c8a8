"""Word forms for "does the article say this word?": stems, compounds and place adjectives.

A correct paraphrase changes inflection ("Gründen" / "Grund"), takes a compound apart or puts
one together ("Olympia-Gold" / "Goldmedaille an den Olympischen Spielen"), or names a place by
its adjective ("Zürich" / "Zürcher Luxus-Klinik"). All of it is string work on the article's
own vocabulary, so it costs microseconds and needs no tagger.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import cached_property, lru_cache

_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "s", "é": "e", "è": "e", "ø": "o"})
# Inflection and derivation endings, longest first; a stem keeps at least four letters.
_ENDINGS = (
    "innen", "ungen", "heiten", "keiten", "ung", "heit", "keit", "ischen", "ische", "isch", "lich", "erin", "ern",
    "en", "em", "er", "es", "in", "e", "n", "s",
)  # fmt: skip
MIN_STEM = 4
#: Linking elements between the parts of a compound ("Monats-", "Arbeits", "Sonnen").
_LINKS = ("", "s", "es", "n", "en", "er", "e")
_WORD_RE = re.compile(r"[^\W\d_][\w’'\-]*[\w’']|[^\W\d_]")

#: Swiss canton codes after a place name ("Küsnacht ZH") say which canton it lies in.
CANTONS = {
    "zh": "zürich", "be": "bern", "lu": "luzern", "ur": "uri", "sz": "schwyz", "zg": "zug",
    "fr": "freiburg", "so": "solothurn", "bs": "basel", "bl": "basel", "sh": "schaffhausen",
    "ar": "appenzell", "ai": "appenzell", "sg": "gallen", "gr": "graubünden", "ag": "aargau",
    "tg": "thurgau", "ti": "tessin", "vd": "waadt", "vs": "wallis", "ne": "neuenburg",
    "ge": "genf", "ju": "jura", "gl": "glarus", "nw": "nidwalden", "ow": "obwalden",
}  # fmt: skip


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Lowercase, umlauts and ß folded, one inflection or derivation ending removed."""
    lower = word.casefold().translate(_FOLD).replace("’", "").replace("'", "")
    for ending in _ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= MIN_STEM:
            return lower[: -len(ending)]
    return lower


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def parts(word: str) -> list[str]:
    """A hyphenated word's parts ("Sieben-Monats-Kugel" → Sieben, Monats, Kugel)."""
    return [p for p in re.split(r"[-‐–]", word) if p]


# A past participle: an optional separable prefix, "ge", the verb's stem, "-en" or "-t"
# ("eingeschmolzen", "festgenommen", "abgeschlossen").
_PARTICIPLE_RE = re.compile(
    r"^(ab|an|auf|aus|bei|ein|fest|fort|her|hin|los|mit|nach|vor|weg|zu|zuruck|zusammen|durch|"
    r"um|uber|unter|wieder|heraus|hinaus|voran|vorbei)?ge([a-z]{3,}?)(?:en|t)$"
)
#: A participle's verb stem must be this long to be compared by its consonants alone.
MIN_ABLAUT = 6


@lru_cache(maxsize=65536)
def skeleton(s: str) -> str:
    """A stem's consonants: vowels (the ablaut of strong verbs) and doubled letters do not
    count (nor a lengthening h), so "einschmelz" (Einschmelzen) and "einschmolz"
    (eingeschmolzen) are one word, and so are "festnahm" and "festnomm"."""
    return re.sub(r"(.)\1", r"\1", re.sub(r"[aeiouy]+h?", "_", s))


@lru_cache(maxsize=65536)
def participle_core(word: str) -> str | None:
    """ "eingeschmolzen" → "einschmolz": the participle without its "ge" and ending."""
    match = _PARTICIPLE_RE.match(word.casefold().translate(_FOLD))
    if not match:
        return None
    core = (match.group(1) or "") + match.group(2)
    return core if len(core) >= MIN_ABLAUT else None


class Vocabulary:
    """The stems of a text's words, with lookups for compounds, participles and derived place
    names."""

    def __init__(self, tokens: Iterable[str]) -> None:
        stems: set[str] = set()
        participles: set[str] = set()
        for token in tokens:
            stems.add(stem(token))
            if "-" in token:
                stems.update(stem(p) for p in parts(token))
            core = participle_core(token) if token[:1].islower() else None
            if core:
                participles.add(skeleton(core))
        stems.discard("")
        self.stems = stems
        self._sorted = sorted(stems)
        self._reversed = sorted(s[::-1] for s in stems)
        #: Consonant skeletons of the text's participles.
        self._participles = participles

    @cached_property
    def _skeletons(self) -> frozenset[str]:
        """Consonant skeletons of the longer stems (only a bullet's participle asks)."""
        return frozenset(skeleton(s) for s in self.stems if len(s) >= MIN_ABLAUT)

    def _has_prefix(self, prefix: str) -> bool:
        i = bisect.bisect_left(self._sorted, prefix)
        return i < len(self._sorted) and self._sorted[i].startswith(prefix)

    def _has_suffix(self, suffix: str) -> bool:
        key = suffix[::-1]
        i = bisect.bisect_left(self._reversed, key)
        return i < len(self._reversed) and self._reversed[i].startswith(key)

    def knows(self, word: str) -> bool:
        """The word, a compound of its words, or a derived form of one occurs in the text."""
        if "-" in word:
            pieces = parts(word)
            if len(pieces) > 1:
                return all(self.knows(p) or p.isdigit() for p in pieces)
        first = stem(word)
        # One ending is removed by ``stem``; "Transferfensters" needs two to meet the
        # article's "Transferfenster" (stem "transferfenst").
        if any(self._knows_stem(s) for s in dict.fromkeys((first, stem(first)))):
            return True
        if word[:1].isupper():
            # A noun made of a verb ("Einschmelzen") for the article's participle
            # ("eingeschmolzen"): the same consonants.
            return len(first) >= MIN_ABLAUT and skeleton(first) in self._participles
        core = participle_core(word)
        return core is not None and skeleton(core) in self._skeletons

    def _knows_stem(self, s: str) -> bool:
        if s in self.stems:
            return True
        if len(s) >= MIN_STEM and (self._has_suffix(s) or self._has_prefix(s)):
            return True  # "Bauch" in "Babybauch", "Gold" in "Goldmedaille"
        if any(s[:k] in self.stems for k in range(len(s) - 1, max(MIN_STEM - 1, len(s) - 3), -1)):
            return True  # "Olympia" for "Olympischen" (stem "olymp"), "Firma" for "Firmen"
        if self._is_compound(s):
            return True
        return any(d in self.stems or self._has_prefix(d) for d in _place_forms(s))

    def _is_compound(self, s: str) -> bool:
        return self.compound_parts(s) is not None

    def compound_parts(self, s: str) -> tuple[str, str] | None:
        """(modifier, head) when stem ``s`` = modifier + head and both are (prefixes of) the
        text's words: "Lastwagenfahrer" of "Lastwagen" and "Fahrer"."""
        for cut in range(MIN_STEM - 1, len(s) - MIN_STEM + 1):
            head = s[cut:]
            # The head may keep an ending the article's word lost ("fenster" of
            # "Tranferfenster", stem "tranferfenst").
            heads = (head, stem(head)) if len(stem(head)) >= MIN_STEM else (head,)
            if not any(
                h in self.stems or self._has_suffix(h) or self._has_prefix(h) for h in heads
            ):
                continue
            modifier = s[:cut]
            for link in _LINKS:
                if link and not modifier.endswith(link):
                    continue
                base = modifier[: len(modifier) - len(link)] if link else modifier
                if len(base) >= MIN_STEM and (base in self.stems or self._has_prefix(base)):
                    return base, head
                if len(base) == MIN_STEM - 1 and base in self.stems:
                    return base, head  # a short word of the article itself: "Ski", "Tor"
        return None


def _place_forms(s: str) -> list[str]:
    """Stems a place name takes as an adjective or demonym and back (Zürich ↔ Zürcher)."""
    forms = [s + "er", s + "isch"]
    if s.endswith("ich"):
        forms.append(s[:-3] + "cher")  # Zürich → Zürcher
    if s.endswith(("en", "el")):
        forms.append(s[:-2] + "er")  # Bremen → Bremer
        forms.append(s[:-2] + "ler")  # Basel → Basler
    if s.endswith("cher"):
        forms.append(s[:-4] + "ich")  # Zürcher → Zürich
    if s.endswith("er") and len(s) > 5:
        forms.append(s[:-2])  # Berliner → Berlin
    return [stem(f) for f in forms]
