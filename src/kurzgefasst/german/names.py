"""Proper names: forms of one name, an index of an article's words, and who a pronoun means.

German inflects names only with a genitive s ("Russlands", "Selenskyjs", "Pistorius'"), so two
spellings are forms of the same name when they agree after removing it. Everything here is
plain string work except ``persons``, which reads HanTa tags the caller already has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

WORD_RE = re.compile(r"[^\W\d_][\w’'\-]*[\w’']|[^\W\d_]")
_APOSTROPHES = ("’s", "'s", "’", "'")

# Nouns for what a person is or does ("Verteidigungsminister", "SPD-Politikerin", "Chef"):
# their ending gives the person's gender, which a pronoun must agree with.
_ROLE_STEMS = (
    r"minister|präsident|kanzler|chef|sprecher|politiker|abgeordnete|vorsitzende|bürgermeister|"
    r"trainer|spieler|sänger|schauspieler|autor|direktor|gründer|leiter|experte|anwalt|"
    r"richter|kandidat|botschafter|regisseur|moderator|manager|sekretär|kommissar|senator|"
    r"gouverneur|premier|könig|fürst|prinz|herzog|bischof|papst|athlet|sportler|musiker|"
    r"künstler|journalist|professor|forscher|wissenschaftler|ökonom|analyst|unternehmer|"
    r"investor|aktivist|ermittler|staatsanwalt|verteidiger|täter|opfer|zeuge|sieger|weltmeister|"
    r"meister|star|model|influencer|rapper|komponist|dirigent|schriftsteller|dichter|maler|"
    r"architekt|arzt|ärzt|virologe|epidemiologe|pilot|polizist|soldat|general|offizier|"
    r"oberst|diplomat|vertreter|berater|beauftragte|funktionär|stürmer|torhüter|goalie|"
    r"verteidiger|mittelfeldspieler|läufer|fahrer|pfarrer|rabbiner|imam|lehrer|student|"
    r"mitglied|bewerber|herausforderer|amtsinhaber|landrat|stadtrat|gemeinderat|nationalrat|"
    r"ständerat|bundesrat|regierungsrat|stadtpräsident|landeshauptmann|landeshauptfrau"
)
_ROLE_RE = re.compile(r"(?:^|[\w\-])(?:" + _ROLE_STEMS + r")(?P<fem>in|innen)?$", re.I)
_FEMALE_ONLY = frozenset(
    {"frau", "landeshauptfrau", "königin", "fürstin", "prinzessin", "herzogin"}
)
_MALE_ONLY = frozenset({"herr", "landeshauptmann"})


@lru_cache(maxsize=65536)
def forms(word: str) -> frozenset[str]:
    """Comparable forms of a word: casefolded, with and without a genitive ending.

    Cached: the guard builds a name index of the article for every bullet it checks.
    """
    lower = word.casefold()
    result = {lower}
    for ending in _APOSTROPHES:
        if lower.endswith(ending) and len(lower) > len(ending) + 1:
            lower = lower[: -len(ending)]
            result.add(lower)
            break
    if lower.endswith("s") and len(lower) > 3:
        result.add(lower[:-1])
        if lower.endswith("es") and len(lower) > 4:
            result.add(lower[:-2])
    return frozenset(result)


class NameIndex:
    """The words of an article in every comparable form, for "does this name occur?"."""

    def __init__(self, words: Iterable[str]) -> None:
        self._forms: set[str] = set()
        for word in words:
            self._forms |= forms(word)
            if "-" in word:
                for part in word.split("-"):
                    if part:
                        self._forms |= forms(part)

    def __contains__(self, word: str) -> bool:
        if forms(word) & self._forms:
            return True
        # "Trump-Regierung" is supported when each part is.
        parts = [p for p in word.split("-") if p]
        return len(parts) > 1 and all(forms(p) & self._forms for p in parts)


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def mentions(word: str, text: str) -> int:
    """How often ``word`` stands in ``text`` as a whole word: the count of
    ``re.findall(r"\b" + re.escape(word) + r"\b", text)``, without compiling a pattern for
    every word (an article asks this for every pair of capitalised words)."""
    if not word or not _is_word_char(word[0]) or not _is_word_char(word[-1]):
        return len(re.findall(r"\b" + re.escape(word) + r"\b", text))
    count, start = 0, 0
    while (i := text.find(word, start)) >= 0:
        end = i + len(word)
        # With a word character at both ends of ``word``, \b means: no word character beside it.
        if (i == 0 or not _is_word_char(text[i - 1])) and (
            end == len(text) or not _is_word_char(text[end])
        ):
            count += 1
            start = end  # findall's matches do not overlap
        else:
            start = i + 1
    return count


def _is_word_char(char: str) -> bool:
    # What \w matches in a str pattern: Unicode letters, digits and numerics, and "_".
    return char.isalnum() or char == "_"


def role_gender(word: str) -> str | None:
    """'f' or 'm' when ``word`` is a role noun whose form shows the gender, else None.

    Listed roles ("Minister", "Ministerin") first; any other noun counts as feminine when HanTa
    finds the feminine suffix -in ("Choreographin", "Leichtathletin").
    """
    lower = word.casefold()
    if lower in _FEMALE_ONLY:
        return "f"
    if lower in _MALE_ONLY:
        return "m"
    match = _ROLE_RE.search(lower)
    if match:
        return "f" if match.group("fem") else "m"
    if len(word) > 5 and word[:1].isupper() and lower.endswith(("in", "innen")):
        return "f" if _feminine_suffix(word) else None
    return None


@lru_cache(maxsize=8192)
def _feminine_suffix(word: str) -> bool:
    from . import tagging

    morphemes = tagging.morphemes(word)
    return len(morphemes) > 1 and morphemes[-1][1] == "SUF_FEM" and len(morphemes[-2][0]) > 3


@dataclass(frozen=True)
class Person:
    """A run of proper nouns that names one person, as written, with what shows its gender."""

    name: str
    start: int  # token index of the first name token
    end: int  # token index after the last name token
    gender: str | None  # 'f', 'm' or None when nothing in the sentence shows it


# HanTa often mistags unknown surnames ("Bereuter" → NNA or ADJ): a capitalised word inside
# a sentence with one of these tags is taken for a name.
_NAME_LIKE_TAGS = frozenset({"NE", "NNA", "FM", "ADJ(A)", "ADJ(D)", "XY"})


def is_name_like(token: str, tag: str, position: int) -> bool:
    """A proper noun, as far as HanTa's tag and German capitalisation tell."""
    if not token[:1].isupper() or len(token) < 2 or not token[:1].isalpha():
        return False
    if tag == "NE":
        return True
    return position > 0 and tag in _NAME_LIKE_TAGS


def full_name(surname: str, text: str) -> str | None:
    """'Bereuter' → 'Jürgen Bereuter' when the article writes a first name before it once."""
    pattern = re.compile(
        r"(?<![\wÄÖÜäöüß])(?<!der )(?<!die )(?<!das )(?<!den )(?<!dem )(?<!des )"
        r"([A-ZÄÖÜ][a-zäöüßéèáàíóúñç]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?) " + re.escape(surname) + r"\b"
    )
    for match in pattern.finditer(text):
        first = match.group(1)
        if first not in NOT_FIRST_NAMES and role_gender(first) is None:
            return f"{first} {surname}"
    return None


NOT_FIRST_NAMES = frozenset(
    "Der Die Das Den Dem Des Ein Eine Einen Einem Er Sie Es Herr Frau Am Im Vom Zum Beim Laut "
    "Auch Und Aber Doch Mit Von Für Bei Nach Wie Als Dass Ob Wenn Weil Trainer Chef".split()
)


def persons(tokens: Sequence[str], tags: Sequence[str]) -> list[Person]:
    """Runs of proper nouns that look like people: first name + surname, or a role + name.

    Places and organisations are NE too ("Kiew", "New York"); a single NE counts as a person
    only after a role noun ("Verteidigungsminister Pistorius") or "Herr"/"Frau".
    """
    found: list[Person] = []
    i = 0
    while i < len(tokens):
        if not is_name_like(tokens[i], tags[i], i):
            i += 1
            continue
        j = i
        while j < len(tokens) and is_name_like(tokens[j], tags[j], j):
            j += 1
        role = tokens[i - 1] if i > 0 and tags[i - 1] in ("NN", "NNA") else None
        gender = role_gender(role) if role else None
        if role and gender is None and i > 1:
            # "der Unternehmer Koner" (nominative masculine), "die Sängerin X" (feminine).
            determiner = tokens[i - 2].casefold()
            if determiner == "der" and not role.endswith("in"):
                gender = "m"
            elif determiner == "die":
                gender = "f"
        if 2 <= j - i <= 4 or (role is not None and role_gender(role) is not None):
            found.append(Person(" ".join(tokens[i:j]), i, j, gender))
        i = j
    return found


def gender_in_text(surname: str, text: str) -> str | None:
    """The gender an article shows for ``surname``: "Ministerin X", "Frau X", "der Amerikaner X".

    Returns None when the article shows none or both.
    """
    pattern = re.compile(
        r"(?:\b(?P<det>der|die|Der|Die)\s+)?(?P<role>[\wÄÖÜäöüß\-]+)\s+"
        r"(?:[A-ZÄÖÜ][\wäöüß\-]+\s+){0,2}" + re.escape(surname) + r"\b"
    )
    seen: set[str] = set()
    for match in pattern.finditer(text):
        role = match.group("role")
        gender = role_gender(role)
        if gender is None and match.group("det") and role[:1].isupper():
            gender = "f" if match.group("det").lower() == "die" else "m"
        if gender:
            seen.add(gender)
    return seen.pop() if len(seen) == 1 else None
