"""Resolving "Er"/"Sie" (and "Der 42-Jährige") to the one person named just before."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..document import Document, Sentence
from ..german import names
from ..german.quotes import find_quotes
from .syntax import CONJUNCTIONS, FINITE, Tok, analyse_text, may_be_verb

# Cheap pre-checks so that HanTa runs only on bullets that may need it.
_PRONOUN_HINT_RE = re.compile(r"\b(?P<before>[a-zäöüß]+)\s+(?:er|sie)\b")


_FIRST_PERSON_RE = re.compile(
    r"\b(?:[Ii]ch|[Ww]ir|mir|mich|uns|[Mm]ein|[Mm]eine[mnrs]?|[Uu]nser|[Uu]nsere[mnrs]?)\b"
)


def pronoun_hint(text: str) -> bool:
    """Cheap test (no sentence tagging) whether ``subject_pronoun`` could find anything."""
    if re.match(r"(?:Er|Sie)\b", text):
        return True
    return any(
        m.group("before") in CONJUNCTIONS or may_be_verb(m.group("before"))
        for m in _PRONOUN_HINT_RE.finditer(text)
    )


def _nominative_name(name: str, doc: Document) -> str:
    """'Pistorius'' / 'Merkels' as they stand in a genitive → the plain name for a subject."""
    parts = name.split()
    last = parts[-1]
    for ending in ("’s", "'s", "’", "'"):
        if last.endswith(ending):
            parts[-1] = last[: -len(ending)]
            return " ".join(parts)
    if last.endswith("s") and re.search(r"\b" + re.escape(last[:-1]) + r"\b", doc.text):
        parts[-1] = last[:-1]
    return " ".join(parts)


#: How many sentences back a pronoun may reach for its person, through sentences that keep
#: referring to that person with the same pronoun ("Er hat gesägt … Er hat gezimmert …").
LOOKBACK = 3


# Determiners of a noun a pronoun could stand for instead of the person: masculine for "er",
# feminine for "sie" (dative/genitive forms included: the case is not known here).
_COMPETING = {
    "er": frozenset(
        "der den dem des ein einen einem eines kein keinen keinem keines sein seinen seinem "
        "seines ihren ihrem ihres dieser diesen diesem dieses jeder jeden jedem".split()
    ),
    "sie": frozenset(
        "die der eine einer keine keiner seine seiner ihre ihrer diese dieser jede jeder".split()
    ),
}


def _tags_of(sentence: Sentence) -> tuple[list[str], list[str]]:
    return [t.text for t in sentence.tokens], list(sentence.pos_tags)


def _competitor(tokens: Sequence[str], tags: Sequence[str], pronoun: str, skip: range) -> bool:
    """Does the sentence hold a noun of the pronoun's gender (other than in ``skip``)?"""
    determiners = _COMPETING[pronoun]
    for i, tag in enumerate(tags):
        if i in skip or tag not in ("NN", "NE", "NNA"):
            continue
        k = i - 1
        while k >= 0 and tags[k] in ("ADJ(A)", "CARD", "ADV"):
            k -= 1
        # A noun inside a prepositional phrase ("am Dienstag", "in der Stadt") is rarely what a
        # subject pronoun in the next sentence means.
        governed = k > 0 and tags[k - 1] in ("APPR", "APPRART")
        if k >= 0 and tokens[k].lower() in determiners and k not in skip and not governed:
            return True
    return False


def _subject_person(
    previous: Sentence, doc: Document | None = None
) -> tuple[names.Person, str] | None:
    """The one person a sentence is about, as its subject: (person, name to write), or None."""
    tokens, tags = _tags_of(previous)
    people = names.persons(tokens, tags)
    if not people and doc is not None:
        # A surname alone ("Bereuter ist 47 Jahre alt") when the article gives the full name.
        for i, (token, tag) in enumerate(zip(tokens, tags, strict=True)):
            name_like = names.is_name_like(token, tag, i) or (i == 0 and tag in ("NE", "NNA"))
            if name_like and names.full_name(token, doc.text):
                people.append(names.Person(token, i, i + 1, None))
    surnames = {p.name.split()[-1].rstrip("s’'") for p in people}
    if len(surnames) != 1:
        return None
    person = people[0]
    verb = next((i for i, tag in enumerate(tags) if tag in FINITE), None)
    if verb is None:
        return None
    if person.start < verb:
        # Before the verb: the subject, unless a preposition governs it ("Laut Pistorius …").
        allowed = ("ART", "NN", "NNA", "ADJ(A)", "NE", "$,")
        if any(tags[k] not in allowed for k in range(person.start)):
            return None
        if any(tags[k] == "NE" for k in range(person.start)):
            return None
    elif any(tags[k] not in ("ART", "NN", "NNA", "ADJ(A)") for k in range(verb + 1, person.start)):
        return None
    name = person.name
    if doc is not None:
        name = _nominative_name(name, doc)
        if len(name.split()) == 1:
            name = names.full_name(name, doc.text) or name
    return person, name


def _continues(sentence: Sentence, pronoun: str) -> bool:
    """A sentence between the person and the pronoun: it names nobody and keeps the pronoun."""
    tokens, tags = _tags_of(sentence)
    if any(
        names.is_name_like(t, tag, i) for i, (t, tag) in enumerate(zip(tokens, tags, strict=True))
    ):
        return False
    return any(tag == "PPER" and t.lower() == pronoun for t, tag in zip(tokens, tags, strict=True))


def resolve_pronoun(
    text: str,
    sentence: Sentence,
    doc: Document,
    analyse: Callable[[str], Sequence[Tok]] | None = None,
    *,
    person: bool = False,
) -> tuple[str, str, int] | None:
    """Replace a subject 'Er'/'Sie' with the one name it points to: (text, name, sentence id).

    ``person=True``: the pronoun stands for a person ("Der 42-Jährige"), so other nouns of its
    gender ("seinen Rücktritt") cannot be meant.

    Safe cases only: the nearest sentence before that names a person names exactly one, as its
    subject; the sentences in between name nobody and keep using the same pronoun; no noun of
    the pronoun's gender competes; the gender the article shows for the person (role nouns such
    as "Ministerin", "der Amerikaner") does not contradict the pronoun; 'sie' with a plural verb
    means a group and is never resolved.
    """
    toks = (analyse or analyse_text)(text)
    if not toks or sentence.index == 0:
        return None
    position = subject_pronoun(toks, text)
    if position is None:
        return None
    pronoun = toks[position].text.lower()
    verb_index = 1 if position == 0 else position - 1
    verb = toks[verb_index].text.lower() if verb_index < len(toks) else ""
    if pronoun == "sie" and (verb.endswith("en") or verb in ("sind", "tun")):
        return None
    for back in range(1, LOOKBACK + 1):
        index = sentence.index - back
        if index < 0:
            return None
        previous = doc.sentences[index]
        found = _subject_person(previous, doc)
        tokens, tags = _tags_of(previous)
        if found is None:
            if _continues(previous, pronoun) and (
                person or not _competitor(tokens, tags, pronoun, range(0))
            ):
                continue
            return None
        subject, name = found
        if not person and _competitor(
            tokens, tags, pronoun, range(max(0, subject.start - 2), subject.end)
        ):
            return None
        gender = subject.gender or names.gender_in_text(name.split()[-1], doc.text)
        if gender is not None and gender != ("m" if pronoun == "er" else "f"):
            return None
        if name.split()[-1] in text:
            return None  # the name is already there: the pronoun may mean someone else
        tok = toks[position]
        return text[: tok.start] + name + text[tok.end :], name, previous.index
    return None


def subject_pronoun(toks: Sequence[Tok], text: str) -> int | None:
    """Index of a subject 'Er'/'Sie' that points outside the sentence: the first word, or one
    right after a verb or a conjunction ("Am Freitag verkündete sie …", "„…“, schrieb er",
    "…, als er Gefahr lief") with no name or role before it that it could mean."""
    if toks[0].tag == "PPER" and toks[0].text in ("Er", "Sie"):
        return 0
    spans = [(q.start, q.end) for q in find_quotes(text)]

    def quoted(tok: Tok) -> bool:
        return any(start <= tok.start < end for start, end in spans)

    outside = [i for i, t in enumerate(toks) if not quoted(t)]
    for position, i in enumerate(outside):
        if i + 1 >= len(toks) or not (toks[i].tag in FINITE or toks[i].tag == "KOUS"):
            continue
        after = toks[i + 1]
        if not (after.tag == "PPER" and after.text in ("er", "sie")):
            continue
        before = [toks[k] for k in outside[:position]]
        if any(
            names.is_name_like(t.text, t.tag, 1) or (t.tag == "NN" and names.role_gender(t.text))
            for t in before
        ):
            return None  # "Als Merkel ankam, sagte sie …": it may mean someone in the sentence
        return i + 1
    return None


def first_person(text: str) -> str | None:
    """'ich', 'wir', 'unser' … outside a quote: whose words these are is said elsewhere."""
    unquoted = text
    for quote in reversed(find_quotes(text)):
        unquoted = unquoted[: quote.start] + unquoted[quote.end :]
    match = _FIRST_PERSON_RE.search(unquoted)
    return match.group(0) if match else None
