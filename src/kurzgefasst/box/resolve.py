"""References a box reader cannot resolve, replaced by the article's own name for them.

- A surname alone ("Tobisch starb …") becomes the full name the article gives ("Lotte
  Tobisch") at its first mention in the box.
- A person by age ("dem 27-Jährigen", "die 43-Jährige") gets the name: "dem 27-jährigen Juan
  Izquierdo" — when the article ties that age to that name ("Juan Izquierdo (27)", "der
  27-jährige Juan Izquierdo") or names exactly one person before the bullet's sentence.

Each replacement returns the sentence the name comes from, so the guard sees it as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from ..document import Document
from ..german import names, tagging

_AGE_RE = re.compile(
    r"\b(?P<det>[Dd]er|[Dd]ie|[Dd]em|[Dd]en|[Dd]es)\s+(?P<age>\d{1,3})-[Jj]ährige(?P<end>[nr]?)\b"
    r"(?!\s+[A-ZÄÖÜ][a-zäöüß]+\s+[A-ZÄÖÜ])"
)
# Overlapping: in "Fußballprofi Juan Izquierdo" both pairs are tried.
_FULL_NAME_RE = re.compile(
    r"(?<![\wÄÖÜäöüß])(?=([A-ZÄÖÜ][a-zäöüßéèáàíóúñç]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)\s"
    r"((?:van der |von der |von |van |de |di )?[A-ZÄÖÜ][a-zäöüßéèáàíóúñç]+"
    r"(?:-[A-ZÄÖÜ][a-zäöüß]+)?)\b)"
)


# Clubs and places that look like "first name + surname" ("Borussia Dortmund", "Sankt Pölten").
_NOT_PEOPLE = names.NOT_FIRST_NAMES | frozenset(
    """Borussia Eintracht Fortuna Hertha Werder Union Rapid Austria Sturm Dynamo Real Inter
    Atletico Atlético Olympique Sporting Bayer Schalke Hansa Arminia Alemannia Kickers Viktoria
    Rot Blau Grün Sankt Bad Neu Groß Klein Nord Süd Ost West Santa San Los Las Port Fort""".split()
)


# After a pair of capitalised words: the name goes on ("Van der Bellen", "Jong Un").
_NAME_GOES_ON_RE = re.compile(r"\s+(?:(?:der|von|van|de|di|du|la|le|ten|ter|zu)\s+)?[A-ZÄÖÜ]")


def _surname_like(word: str) -> bool:
    """A name to HanTa, or a word too rare to be a common noun ("Frenzel" is tagged NN)."""
    from ..german.lexicon import zipf

    return tagging.analyze(word)[1] == "NE" or zipf(word) < 3.3


@dataclass(frozen=True)
class Replacement:
    text: str
    edit: str
    evidence: int  # the sentence the name comes from


def people_before(doc: Document, before: int) -> list[tuple[str, str, int]]:
    """(full name, surname, sentence) of people named in sentences before ``before``."""
    return [p for p in _all_people(doc) if p[2] < before]


_people_cache: WeakKeyDictionary[Document, list[tuple[str, str, int]]] = WeakKeyDictionary()


def _all_people(doc: Document) -> list[tuple[str, str, int]]:
    cached = _people_cache.get(doc)
    if cached is None:
        cached = _find_people(doc)
        _people_cache[doc] = cached
    return cached


def _find_people(doc: Document) -> list[tuple[str, str, int]]:
    """(full name, surname, sentence) of people named in sentences before ``before``.

    A person is a pair of capitalised words whose second word the article uses alone too (the
    surname on later mention) and whose first word is a name to HanTa, not a noun or role.
    """
    text = doc.text
    found: dict[str, tuple[str, str, int]] = {}
    for sentence in doc.sentences:
        for match in _FULL_NAME_RE.finditer(sentence.text):
            first, surname = match.group(1), match.group(2)
            if first in _NOT_PEOPLE:
                continue
            after = sentence.text[match.start() + len(first) + 1 + len(surname) :]
            if _NAME_GOES_ON_RE.match(after):
                continue  # "Alexander Van der Bellen": the pair is not the whole name
            # The counts first: they are cheap, and most pairs fail them before HanTa is asked.
            alone = names.mentions(surname, text)
            if alone < 2:
                continue
            # A place or a second given name ("Pune Elias", "in Pune") stands alone elsewhere;
            # a first name hardly ever does in news.
            pair = text.count(f"{first} {surname}")
            if names.mentions(first, text) > pair:
                continue
            if names.role_gender(first) is not None:
                continue
            if tagging.analyze(first)[1] != "NE" or not _surname_like(surname.split()[-1]):
                continue
            full = f"{first} {surname}"
            found.setdefault(full, (full, surname, sentence.index))
    return list(found.values())


def _age_tied(doc: Document, age: str) -> tuple[str, int] | None:
    """A name the article writes next to ``age``: "X Y (27)", "27-jährige X Y", "X Y, 27,"."""
    patterns = (
        r"([A-ZÄÖÜ][\wäöüß\-]+ [A-ZÄÖÜ][\wäöüß\-]+) \(" + age + r"\)",
        age + r"-[Jj]ährige[nr]? ([A-ZÄÖÜ][\wäöüß\-]+ [A-ZÄÖÜ][\wäöüß\-]+)",
        r"([A-ZÄÖÜ][\wäöüß\-]+ [A-ZÄÖÜ][\wäöüß\-]+), " + age + r",",
    )
    for sentence in doc.sentences:
        for pattern in patterns:
            match = re.search(pattern, sentence.text)
            if match:
                return match.group(1), sentence.index
    return None


def resolve_age(text: str, doc: Document, sentence: int) -> Replacement | None:
    """'dem 27-Jährigen' → 'dem 27-jährigen Juan Izquierdo' when the article makes it clear."""
    match = _AGE_RE.search(text)
    if not match:
        return None
    age = match.group("age")
    tied = _age_tied(doc, age)
    if tied is None:
        people = people_before(doc, sentence)
        if len(people) != 1:
            return None
        tied = (people[0][0], people[0][2])
    name, evidence = tied
    if name in text:
        return None
    surname = name.split()[-1]
    gender = names.gender_in_text(surname, doc.text)
    det = match.group("det").lower()
    # "die 43-Jährige", "der 43-Jährigen" (dative) are a woman; "der 27-Jährige", "dem", "den",
    # "des" a man (plural "die 27-Jährigen" never matches one person: skipped).
    if det == "die" and match.group("end") == "n":
        return None
    shown = "f" if det == "die" or (det == "der" and match.group("end") == "n") else "m"
    if gender is not None and gender != shown:
        return None
    phrase = f"{match.group('det')} {age}-jährige{match.group('end')} {name}"
    new = text[: match.start()] + phrase + text[match.end() :]
    return Replacement(new, f"'{match.group(0)}' resolved to '{phrase}'", evidence)


def expand_surname(text: str, doc: Document, named: set[str]) -> Replacement | None:
    """The first surname the box has not named in full yet → the article's full name."""
    for full, surname, evidence in people_before(doc, len(doc.sentences)):
        if full in named or full in text:
            continue
        match = re.search(r"(?<![\wÄÖÜäöüß\-])" + re.escape(surname) + r"(?![\wÄÖÜäöüß\-])", text)
        if not match:
            continue
        before = text[: match.start()].rstrip()
        if re.search(r"[A-ZÄÖÜ][\wäöüß\-]*$", before):
            continue  # part of a longer name already ("Appenzell Ausserrhoden", "Juan …")
        new = text[: match.start()] + full + text[match.end() :]
        return Replacement(new, f"'{surname}' named in full ('{full}')", evidence)
    return None


# "der Innenverteidiger", "dem SPD-Politiker", "die Ministerin", "des Angeklagten": a person by
# role with no name after it. Group nouns and generic words ("Mann", "Frau", "Konzern") are not
# resolved: the article's one person before is too weak a tie for them.
_ROLE_PHRASE_RE = re.compile(
    r"\b(?P<det>[Dd]er|[Dd]ie|[Dd]em|[Dd]en|[Dd]es)\s+(?P<adj>[a-zäöüß]+(?:e|en|er)\s+)?"
    r"(?P<noun>(?=[A-ZÄÖÜ])[\wäöüß\-]*?(?:[Pp]olitiker|[Tt]rainer|[Ss]pieler|[Vv]erteidiger|"
    r"[Ss]türmer|[Ss]änger|[Ss]chauspieler|[Aa]ngeklagte|[Vv]erdächtige|[Bb]eschuldigte|"
    r"[Tt]orhüter|[Kk]eeper|[Mm]inister|[Pp]räsident|[Kk]anzler|[Cc]hef|[Rr]egisseur|[Aa]utor|"
    r"[Ss]chriftsteller|[Mm]usiker|[Kk]ünstler|[Ss]portler|[Pp]rofi)(?P<end>in|en|n|s)?)\b"
    r"(?!\s+(?:[A-ZÄÖÜ][a-zäöüß]+\s+)?[A-ZÄÖÜ][a-zäöüß]+\s*(?:[,.;:]|$|[a-zäöüß]))"
)


def _tied_role(doc: Document, noun: str) -> list[tuple[str, int]]:
    """Full names the article writes right after the role: "Innenverteidiger Aleksandar
    Dragovic", "SPD-Politiker Olaf Scholz" (the role's case endings aside), first mention."""
    stem = re.sub(r"(?:en|n|s)$", "", noun) if not noun.endswith("in") else noun
    pattern = re.compile(
        r"\b"
        + re.escape(stem)
        + r"(?:en|n|s)?\s+([A-ZÄÖÜ][\wäöüßéèáíóúñç\-]+ [A-ZÄÖÜ][\wäöüßéèáíóúñç\-]+)\b"
    )
    found: dict[str, int] = {}
    for sentence in doc.sentences:
        for match in pattern.finditer(sentence.text):
            name = match.group(1)
            if _NAME_GOES_ON_RE.match(sentence.text[match.end() :]):
                continue  # the name goes on ("Alexander Van der Bellen"): not the whole name
            if _surname_like(name.split()[-1]) and tagging.analyze(name.split()[0])[1] == "NE":
                found.setdefault(name, sentence.index)
    return list(found.items())


def resolve_role(text: str, doc: Document, sentence: int) -> Replacement | None:
    """'der Innenverteidiger von Dynamo Kiew' → 'der Innenverteidiger Aleksandar Dragovic von
    Dynamo Kiew' when the article ties the role to the name or names exactly one person before
    the bullet's sentence (and no other person in the bullet)."""
    match = _ROLE_PHRASE_RE.search(text)
    if not match:
        return None
    noun, det = match.group("noun"), match.group("det").lower()
    feminine = noun.endswith("in") and names.role_gender(noun) != "m"
    if det == "die" and not feminine and not noun.endswith("e"):
        return None  # "die Spieler": several people
    if det == "den" and noun.endswith("ern"):
        return None  # "den Spielern"
    shown = "f" if feminine or (det == "die" and noun.endswith("e")) else "m"
    tied = _tied_role(doc, noun)
    qualified = re.match(r"\s+(?:der|des|von|vom|aus)\b", text[match.end() :]) is not None
    if len(tied) > 1:
        return None  # two people with that role: which one, the bullet does not say
    if tied and not qualified:
        # "der SPD-Politiker" where the article writes "SPD-Politiker Olaf Scholz" (one person).
        name, evidence = tied[0]
    else:
        # "der Innenverteidiger von Dynamo Kiew": the one person the article named before,
        # unless the article gives that role to someone else ("der Finanzminister der Finnen").
        people = people_before(doc, sentence)
        if len(people) != 1 or (tied and tied[0][0] != people[0][0]):
            return None
        name, evidence = people[0][0], people[0][2]
        if shown == "f" and names.gender_in_text(name.split()[-1], doc.text) != "f":
            # A woman by role only when the article shows the person is one: "der Kanzlerin"
            # is not the one man the article named before.
            return None
    surname = name.split()[-1]
    if surname in text:
        return None  # the bullet names the person already (or another one of that name)
    gender = names.gender_in_text(surname, doc.text)
    if gender is not None and gender != shown:
        return None
    phrase = f"{match.group(0)} {name}"
    new = text[: match.start()] + phrase + text[match.end() :]
    return Replacement(new, f"'{match.group(0)}' resolved to '{phrase}'", evidence)
