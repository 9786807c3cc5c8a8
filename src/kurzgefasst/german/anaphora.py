"""Sentences that cannot stand alone: they start with a word that points to another sentence."""

from __future__ import annotations

import re

from . import tagging

# Pronouns and connectives that need a preceding sentence to be understood.
POINTERS = frozenset(
    [
        "er",
        "sie",
        "es",
        "ihm",
        "ihn",
        "ihr",
        "ihnen",
        "sein",
        "seine",
        "seiner",
        "seinen",
        "seinem",
        "ihre",
        "ihrer",
        "ihren",
        "ihrem",
        "dies",
        "diese",
        "dieser",
        "dieses",
        "diesen",
        "diesem",
        "das",
        "dem",
        "den",
        "dessen",
        "deren",
        "dabei",
        "dafür",
        "dagegen",
        "daher",
        "damit",
        "danach",
        "dadurch",
        "darauf",
        "daraufhin",
        "darüber",
        "darum",
        "davon",
        "dazu",
        "deshalb",
        "deswegen",
        "dort",
        "dann",
        "trotzdem",
        "zudem",
        "außerdem",
        "auch",
        "ebenso",
        "ebenfalls",
        "allerdings",
        "jedoch",
        "doch",
        "aber",
        "also",
        "somit",
        "stattdessen",
        "hierzu",
        "hierbei",
        "hier",
        "jener",
        "jene",
        "jenes",
        "solche",
        "solcher",
        "solches",
        "letzterer",
        "ersterer",
        "beide",
        "beiden",
        "anschließend",
        "später",
        "zuvor",
        "vorher",
        "demnach",
        "demzufolge",
        "insofern",
        "gleichzeitig",
        "zugleich",
        "weiterhin",
        "ferner",
        "überdies",
        "und",
        "oder",
        "denn",
        "sondern",
    ]
)
# "Das" and "Die"/"Der" start many ordinary sentences as articles; they point only when a
# verb follows directly ("Das ist …", "Die sind …").
_DEMONSTRATIVE_VERB_RE = re.compile(
    r"^(?:Das|Dies|Der|Die|Dem|Den)\s+(?:ist|war|sind|waren|sei|hat|hatte|haben|hätte|wäre|"
    r"wird|wurde|werden|kann|könnte|soll|sollte|muss|müsse|bedeutet|zeigt|gilt|heißt|sagte|"
    r"sagt|betrifft|geht|liegt|lag|kommt|kam|steht|stand|bleibt|macht|führt|dürfte)\b"
)
_ARTICLES = frozenset({"das", "die", "der", "dem", "den", "des"})


def dangling_start(sentence: str) -> str | None:
    """The first word if it points outside the sentence ("Er", "Dies", "Zudem"), else None."""
    stripped = sentence.lstrip('„"»«‚ (–-')
    match = re.match(r"[\wÄÖÜäöüß]+", stripped)
    if not match:
        return None
    word = match.group(0)
    lower = word.lower()
    if lower in _ARTICLES:
        if _DEMONSTRATIVE_VERB_RE.match(stripped):
            return word
        # "Das kündigte …": a lowercase finite verb right after it makes it a pronoun
        # ("Das neue Gesetz …" has an adjective there). HanTa's cached word analysis decides.
        following = re.match(r"[\wÄÖÜäöüß]+\s+([a-zäöüß]+)\b", stripped)
        if following and tagging.analyze(following.group(1))[1].startswith("V"):
            return word
        return None
    if lower in POINTERS:
        # "Sie" at the start is also the polite form; a news sentence rarely uses it, so treat it
        # as a pronoun. "Es" as an expletive ("Es gibt …", "Es sei …") does not point anywhere.
        if lower == "es" and re.match(
            r"Es\s+(?:gibt|gab|geht|ging|sei|ist|war|handelt|kam|kommt|bleibt|wird|wurde|hieß|heißt|herrscht|fehlt|gelten|gilt)\b",
            stripped,
        ):
            return None
        return word
    return None
