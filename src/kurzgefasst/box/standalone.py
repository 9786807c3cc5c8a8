"""Does a bullet stand alone, and do two bullets say the same? The box stage's test and the
evaluation's ``context`` and ``redundant`` columns (evaluation/editor.py), so what the box
avoids is what the yardstick counts.
"""

from __future__ import annotations

import re

from ..german import anaphora, tagging
from ..german.keys import content_keys
from ..german.quotes import find_quotes, has_source, reported_speech, say_verb
from .attribution import MORE_SPEECH_RE

_WORD_RE = re.compile(r"[^\W_]+")
#: Share of the shorter bullet's content words the other bullet holds: the pair says the same.
REDUNDANT_SHARE = 0.6

# Adverbs that point to a place, time or cause the article gave before (outside quotes).
_POINTING_ADVERBS = frozenset(
    """dort damals dann daraufhin deshalb deswegen daher trotzdem dennoch demnach zudem
    außerdem ausserdem ebenfalls stattdessen nämlich dorthin ebendort dadurch damit dies solche solches solcher solchen""".split()
)
# "Das will Aldi nun ändern: …" points back to what it changes, though a colon follows.
POINTER_HEAD_RE_TEXT = (
    r"^(?:Das|Dies|Dem|Daran|Dagegen|Dafür|Darauf)\s+(?:will|wollen|soll|sollen|möchte|möchten|"
    r"wird|werden|kann|können|muss|müssen|hat|haben|ist|sind)\b[^:„\"«»]{0,60}:\s+(?=[A-ZÄÖÜ])"
)
_POINTER_HEAD_RE = re.compile(POINTER_HEAD_RE_TEXT)
# "diese Photokatalyse", "dieser Schritt": a thing the article introduced before (times like
# "diese Woche" are no pointer).
_THIS_NOUN_RE = re.compile(
    r"\b[Dd]ies(?:e|er|es|em|en)\s+(?!(?:Woche|Wochen|Jahr|Jahres|Monat|Monats|Tag|Tage|Saison|"
    r"Zeit|Mal|Sommer|Winter|Frühling|Herbst|Wochenende|Abend|Morgen|Nacht|Tagen|Monaten|Jahren|Wochen|"
    r"Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Januar|Februar|März|April|Mai|"
    r"Juni|Juli|August|September|Oktober|November|Dezember|Legislaturperiode|Spielzeit)\b)"
    r"[A-ZÄÖÜ][a-zäöüß]+"
)
# "Grund sind laut Wiener Linien Probleme …", "Die Folge wäre ein ungeregeltes Ausscheiden":
# a cause, consequence or aim with no word of what it belongs to is the article's sentence
# before ("Der Grund für die Verspätung ist …" names it and stands alone).
RELATION_HEAD_RE = re.compile(
    r"^(?:(?:Der|Die|Das)\s+)?(?P<noun>Grund|Gründe|Hintergrund|Anlass|Ursache|Folge|Folgen|"
    r"Konsequenz|Konsequenzen|Ergebnis|Resultat|Ziel|Zweck|Auslöser|Reaktion|Begründung)"
    r"(?:\s*:|\s+(?:ist|sind|war|waren|wäre|wären|sei|seien|bleibt|bleiben|dürfte|dürften|"
    r"könnte|könnten|soll|sollen|sollte|sollten|liegt|lag|lagen)\b)"
)
# "sich dafür einsetzen, dass …", "dafür, die Steuer zu senken": "dafür" points forward.
_CATAPHORIC_RE = re.compile(r",\s*(?:dass|ob|wie|wenn|was|weil|damit)\b|\bzu\s+[a-zäöüß]+en\b")
_PRONOUNS = frozenset({"er", "sie", "ihm", "ihn", "ihnen"})
# "der 27-Jährige", "dem 43-jährigen", with no name after it.
_AGE_RE = re.compile(
    r"\b(?:der|die|dem|den|des)\s+\d+-[Jj]ährige[nr]?\b(?!\s+[A-ZÄÖÜ][a-zäöüß]+\s+[A-ZÄÖÜ])"
)
# "der SPD-Politiker", "die Innenverteidigerin", "des Detailhandelsriesen": a person or company
# by role, when no name follows.
_ROLE_RE = re.compile(
    r"\b(?:[Dd]er|[Dd]ie|[Dd]em|[Dd]en|[Dd]es)\s+(?:[a-zäöüß]+(?:e|en|er)\s+)?"
    r"(?P<noun>(?=[A-ZÄÖÜ])[\wäöüß\-]*?(?:[Mm]ann|[Ff]rau|[Pp]olitiker|[Tt]rainer|[Ss]pieler|[Vv]erteidiger|"
    r"[Ss]türmer|[Ss]änger|[Ss]chauspieler|[Aa]ngeklagte|[Vv]erdächtige|[Bb]eschuldigte|"
    r"[Tt]äter|[Rr]iese|[Kk]onzern)(?:in|innen|en|n|s)?)\b"
    r"(?!\s+(?:[A-ZÄÖÜ][a-zäöüß]+\s+)?[A-ZÄÖÜ][a-zäöüß]+\s*(?:[,.;:]|$|[a-zäöüß]))"
)


# Words the role pattern catches that name no one in particular.
_NOT_ROLES = frozenset({"Sanitäter", "Frauen", "Titelverteidiger", "Titelverteidigers"})


def _named_before(text: str) -> bool:
    """A name earlier in the bullet, which a later role noun ("der Konzern") can point to."""
    tokens = _WORD_RE.findall(text)
    if not tokens:
        return False
    return "NE" in tagging.pos_tags(tokens)


def _outside_quotes(text: str) -> str:
    """The text with quoted words blanked out (a pronoun in a quote is the speaker's)."""
    chars = list(text)
    for quote in find_quotes(text):
        for i in range(quote.start, min(quote.end, len(chars))):
            chars[i] = " "
    return "".join(chars)


def context_reason(bullet: str) -> str | None:
    """Why a bullet needs earlier text to be understood, or None when it stands alone."""
    text = bullet.strip()
    if not text:
        return "empty"
    if re.search(r"\?[“”\"«»' ]*[.!]?$", text):
        return "question"  # "… regional?." too
    if text.endswith(("…", "...", ":", ",")) or not re.search(r"[.!“”\"«»)]$", text):
        return "fragment"
    if re.match(
        r"(?:Etwas|Einer|Eine|Eines|Jemand|Etwas)\s*,\s*(?:das|der|die|den|was)\b", text
    ) or (re.match(r"(?:Einer|Eine|Eines)\s+(?:der|die|das)\s+[a-zäöüß]", text)):
        return "a fragment that comments on the sentence before"
    if _POINTER_HEAD_RE.match(text):
        return "starts with a pointer before the colon"
    # A pointer inside a quote at the start is the speaker's ("„Er war …“, sagte X über Y").
    pointer = None if text[:1] in "„“\"»«‚'" else anaphora.dangling_start(text)
    if pointer:
        return f"starts with '{pointer}'"
    plain = _outside_quotes(text)
    if text[:1] in '„“"»«' and not (has_source(text) or say_verb(plain)):
        return "a quote without its speaker"
    if reported_speech(plain) and not (
        has_source(text) or say_verb(plain) or MORE_SPEECH_RE.search(plain)
    ):
        # "Diverse Studien seien zum Schluss gekommen …": whose claim, the bullet does not say.
        return "reported speech without its speaker"
    relation = RELATION_HEAD_RE.match(plain)
    if relation:
        return f"points back with '{relation.group('noun')}'"
    if re.search(r"\bo\.\s?g\.|\boben genannt", plain):
        return "points back with 'o. g.'"
    age = _AGE_RE.search(plain)
    if age:
        return f"person by age: '{age.group(0)}'"
    role = _ROLE_RE.search(plain)
    if role and re.search(r"[A-ZÄÖÜ][\wäöüß\-]+,\s*$", plain[: role.start()]):
        role = None  # "Shawn Fonteno, dem Schauspieler hinter …": an apposition to a name
    if role and (role.group("noun") in _NOT_ROLES or _named_before(plain[: role.start()])):
        role = None  # "Sanitäter", "bei den Frauen"; "Google …: Der Konzern musste …"
    if role:
        return f"named by role: '{role.group(0)}'"
    # Only the first clause: after a comma, dash or semicolon a pointer may refer to the
    # bullet's own first part ("…; zudem seien …", "…, dann wird gespalten").
    first_clause = re.split(r"[,;:]|\s[–—-]\s", plain, maxsplit=1)[0]
    words = [m.group(0) for m in _WORD_RE.finditer(first_clause)]
    this = _THIS_NOUN_RE.search(first_clause)
    if this:
        return f"points back with '{this.group(0)}'"
    adverb = next((w for w in words if w.lower() in _POINTING_ADVERBS), None)
    if adverb is None and not _CATAPHORIC_RE.search(plain):
        # "Eine Sonderbewilligung ist dafür nicht mehr nötig.": for what, the article said.
        adverb = next((w for w in words if w.lower() in ("dafür", "dagegen")), None)
    if adverb and not (adverb.lower() == "dann" and re.search(r"\b(?:wenn|falls)\b", plain, re.I)):
        return f"points back with '{adverb}'"
    tokens = _WORD_RE.findall(text)
    tags = tagging.pos_tags(tokens)
    if not any(tag.startswith("V") and "FIN" in tag for tag in tags):
        return "fragment: no finite verb"
    quoted = {w for q in find_quotes(text) for w in _WORD_RE.findall(q.text)}
    named = any(tag == "NE" and word not in quoted for word, tag in zip(tokens, tags, strict=True))
    for word, tag in zip(tokens, tags, strict=True):
        if tag in ("NE", "NN") and word not in quoted:
            break  # a name or noun first: a later pronoun can point to it
        if word.lower() in _PRONOUNS and word not in quoted and tag == "PPER":
            return f"pronoun '{word}' before any name"
    if not named:
        # "Es sei ein schwieriges Jahr für sie gewesen.": a person the bullet never names.
        for word, tag in zip(tokens, tags, strict=True):
            if word.lower() in ("er", "ihm", "ihn", "sie") and word not in quoted and tag == "PPER":
                if word.lower() == "sie" and any(t == "NN" for t in tags):
                    continue  # "Die Behörden sagten, sie …": a noun it may point to
                return f"pronoun '{word}' and no name in the bullet"
    return None


def redundant(a: str, b: str) -> bool:
    ka, kb = content_keys(a), content_keys(b)
    shorter = min(len(ka), len(kb))
    return bool(shorter) and len(ka & kb) / shorter >= REDUNDANT_SHARE
