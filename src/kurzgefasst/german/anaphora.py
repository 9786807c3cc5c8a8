"""Sentences that cannot stand alone: they start with a word that points to another sentence.

``dangling_start`` is both the bullet stage's test and the evaluation's metric ("bullets that
begin with an unresolved pronoun or connective"), so what it flags is what a reader of a summary
box would stumble over: "Er sagte …", "Zudem sei …", "Nun wird …", "Der 42-Jährige …".
"""

from __future__ import annotations

import re

from . import tagging

# The pointers the first version knew; kept so that ``Options(tighten=False)`` reproduces the
# bullets of that version exactly (for ROUGE comparisons in one evaluation run).
LEGACY_POINTERS = frozenset(
    """er sie es ihm ihn ihr ihnen sein seine seiner seinen seinem ihre ihrer ihren ihrem
    dies diese dieser dieses diesen diesem das dem den dessen deren dabei dafür dagegen daher
    damit danach dadurch darauf daraufhin darüber darum davon dazu deshalb deswegen dort dann
    trotzdem zudem außerdem auch ebenso ebenfalls allerdings jedoch doch aber also somit
    stattdessen hierzu hierbei hier jener jene jenes solche solcher solches letzterer
    ersterer beide beiden anschließend später zuvor vorher demnach demzufolge insofern
    gleichzeitig zugleich weiterhin ferner überdies und oder denn sondern""".split()
)
# Pronouns and connectives that need a preceding sentence to be understood.
POINTERS = LEGACY_POINTERS | frozenset(
    """nun jetzt so daraus daran darin davor dahinter hierfür hiermit hierauf dennoch
    ausserdem damals folglich schliesslich schließlich indes indessen hingegen wiederum
    genauso ebenda demgegenüber derweil dementsprechend andererseits einerseits zuletzt
    desto umso ja nein""".split()
)
# "Ich", "Wir" outside a quote: the speaker is named elsewhere (an interview answer).
FIRST_PERSON = frozenset(
    "ich wir mir mich uns mein meine meiner meinen meinem unser unsere unserer unseren "
    "unserem".split()
)
# Personal pronouns a bullet stage may replace with the name they point to.
PERSONAL = frozenset({"er", "sie"})
# "Das" and "Die"/"Der" start many ordinary sentences as articles; they point only when a
# verb follows directly ("Das ist …", "Die sind …").
_DEMONSTRATIVE_VERB_RE = re.compile(
    r"^(?:Das|Dies|Der|Die|Dem|Den)\s+(?:ist|war|sind|waren|sei|hat|hatte|haben|hätte|wäre|"
    r"wird|wurde|werden|kann|könnte|soll|sollte|muss|müsse|bedeutet|zeigt|gilt|heißt|sagte|"
    r"sagt|betrifft|geht|liegt|lag|kommt|kam|steht|stand|bleibt|macht|führt|dürfte|"
    r"glich|gleicht|zeigte|sorgte|sorgt|führte|löste|löst|stieß|stösst|bestätigte|bedeutete|"
    r"ging|passierte|geschah|geschieht|gelang|gelingt|wurden|seien|hätten|wären|sollen|können|"
    r"könnten|dürften|müssen|erklärt|erklärte|brachte|bringt|ergab|ergibt|gab|gibt|reicht|"
    r"reichte|klingt|klang|wirkt|wirkte|scheint|schien|sieht|sah|trifft|traf|fällt|fiel)\b"
)
# "Der 42-Jährige", "Die 37-jährige Sängerin": an age stands in for a name given earlier.
# "Der 35-jährige Ex-Nationalspieler Piotr Trochowski" names the person: an age before a noun
# and a name is no description that stands for a name.
_AGE_DESCRIPTION_RE = re.compile(
    r"^(?:Der|Die|Dem|Den)\s+\d+-(?:Jährige[nr]?\b|jährige[nr]?\b(?!\s+[\w-]+\s+[A-ZÄÖÜ]\w+\b))"
)
_SPEAKER_RE = re.compile(r"^[A-ZÄÖÜ][\wÄÖÜäöüß.\-]*(?:\s+[A-ZÄÖÜ][\wÄÖÜäöüß.\-]*){0,2}:\s+")
_ARTICLES = frozenset({"das", "die", "der", "dem", "den", "des"})
_LEGACY_EXPLETIVE_ES_RE = re.compile(
    r"Es\s+(?:gibt|gab|geht|ging|sei|ist|war|handelt|kam|kommt|bleibt|wird|wurde|hieß|heißt|"
    r"herrscht|fehlt|gelten|gilt)\b"
)
# "Es gibt …", "Es gehe darum …" (reported speech too): an expletive "es" points nowhere.
_EXPLETIVE_ES_RE = re.compile(
    r"Es\s+(?:gibt|gab|gebe|gäbe|geht|ging|gehe|ginge|sei|wäre|ist|war|handelt|handle|handele|"
    r"kam|kommt|komme|bleibt|bleibe|wird|werde|würde|wurde|hieß|heißt|heiße|herrscht|herrsche|"
    r"fehlt|fehle|gelten|gilt|gelte|braucht|brauche|bedarf|folgen|folgt)\b"
)


# "Das ist der Plan: Die Steuern steigen.", "Es soll das deutsche Breaking Bad werden: Das ZDF
# startet …": before a colon early in the sentence these point forward, to what follows it.
_CATAPHORIC = frozenset({"das", "dies", "es", "so"})
_FORWARD_COLON_RE = re.compile(r"[^:„\"»«]{3,80}:\s+[„\"»«]?[A-ZÄÖÜ]")


def age_description(sentence: str) -> str | None:
    """ "Der 42-Jährige" / "Die 37-jährige" at the start as the subject, else None."""
    match = _AGE_DESCRIPTION_RE.match(sentence.lstrip())
    if match and match.group(0).startswith(("Der", "Die")):
        return match.group(0)
    return None


def dangling_start(
    sentence: str, *, legacy: bool = False, colon_points_forward: bool = True
) -> str | None:
    """The first word if it points outside the sentence ("Er", "Dies", "Zudem"), else None.

    ``legacy=True`` applies the narrower word list of the first version.
    ``colon_points_forward=False`` flags "Das ist der Plan: …" too (a model feature).
    """
    if not legacy:
        # "Hofer: Er …" – the speaker's name before an interview answer is no referent.
        sentence = _SPEAKER_RE.sub("", sentence.lstrip(), count=1)
    stripped = sentence.lstrip('„"»«‚ (–-')
    match = re.match(r"[\wÄÖÜäöüß]+", stripped)
    if not match:
        return None
    word = match.group(0)
    lower = word.lower()
    if (
        colon_points_forward
        and not legacy
        and lower in _CATAPHORIC
        and _FORWARD_COLON_RE.match(stripped)
    ):
        return None
    if not legacy and lower in FIRST_PERSON and stripped == sentence.lstrip():
        return word
    if lower in _ARTICLES:
        if _DEMONSTRATIVE_VERB_RE.match(stripped):
            return word
        # "Das kündigte …": a lowercase finite verb right after it makes it a pronoun
        # ("Das neue Gesetz …" has an adjective there). HanTa's cached word analysis decides.
        following = re.match(r"[\wÄÖÜäöüß]+\s+([a-zäöüß]+)\b", stripped)
        if following and tagging.analyze(following.group(1))[1].startswith("V"):
            return word
        if not legacy and _AGE_DESCRIPTION_RE.match(stripped):
            return stripped[: stripped.index("ährige") + 6]
        return None
    if lower in (LEGACY_POINTERS if legacy else POINTERS):
        # "Sie" at the start is also the polite form; a news sentence rarely uses it, so treat it
        # as a pronoun. "Es" as an expletive ("Es gibt …", "Es sei …") does not point anywhere.
        expletive = _LEGACY_EXPLETIVE_ES_RE if legacy else _EXPLETIVE_ES_RE
        if lower == "es" and expletive.match(stripped):
            return None
        return word
    return None
