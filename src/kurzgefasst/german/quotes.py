"""Quoted spans („…“, "…", »…«, «…», ‚…‘) and who a sentence attributes its claim to."""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTE_RE = re.compile(
    r"„([^“”\"]{2,}?)[“”\"]|\"([^\"]{2,}?)\"|»([^«]{2,}?)«|«([^»]{2,}?)»|‚([^‘’]{2,}?)[‘’]"
)
_OPENERS = '„"»«‚“'
_CLOSERS = '“”"«»‘’'


@dataclass(frozen=True, slots=True)
class Quote:
    text: str  # the quoted words, without the marks
    start: int
    end: int


def find_quotes(text: str) -> list[Quote]:
    quotes = []
    for match in _QUOTE_RE.finditer(text):
        inner = next(g for g in match.groups() if g is not None)
        quotes.append(Quote(inner, match.start(), match.end()))
    return quotes


def has_unbalanced_quotes(text: str) -> bool:
    """True when a sentence opens or closes a quote that continues in another sentence."""
    stripped = _QUOTE_RE.sub("", text)
    return any(c in _OPENERS + _CLOSERS for c in stripped.replace("'", ""))


def normalise_quotes(text: str) -> str:
    """Map all quote marks to one form so quote checks compare words, not typography."""
    return re.sub(r"[„“”\"»«‚‘’]", '"', text)


# --- attribution -------------------------------------------------------------------------

_SAY_VERBS = (
    r"sagte|sagten|sagt|sagen|erklärte|erklärten|erklärt|betonte|betonten|betont|teilte|teilten|"
    r"mitteilte|mitgeteilt|berichtete|berichteten|berichtet|meldete|meldeten|meldet|kündigte|"
    r"warnte|warnten|warnt|forderte|forderten|fordert|kritisierte|kritisierten|kritisiert|"
    r"räumte|schrieb|schreibt|schrieben|hieß|heißt|sprach|spricht|bestätigte|bestätigten|"
    r"bestätigt|dementierte|wies|verwies|zitierte|zitiert|behauptete|behauptet|vermutete|"
    r"schätzte|schätzt|erwartet|erwartete|erwarten|glaubt|glaubte|befürchtet|befürchtete|"
    r"argumentierte|versicherte|versprach|verspricht|sieht|sah|räumt|twitterte|postete|ergänzte|"
    r"fügte|antwortete|sagte\s+\w+|so\s+\w+"
)
_SOURCE_RE = re.compile(
    r"\b(?:(?i:laut|nach Angaben)|zufolge|nach Ansicht|nach Einschätzung|nach Auffassung|"
    r"nach Darstellung|nach Schätzungen|nach Informationen|nach Berichten|wie\s+\S+\s+(?:berichtet|meldet|mitteilte|sagte)|"
    r"hieß es|heißt es|so\s+[A-ZÄÖÜ]\w+|gemäß|Angaben\s+(?:von|des|der)|"
    r"Medienberichten|Berichten zufolge|" + _SAY_VERBS + r")\b"
)
# Reported speech (Konjunktiv I) is itself a mark that the claim is someone else's.
_KONJUNKTIV_RE = re.compile(
    r"\b(?:sei|seien|seiest|habe|hätten|gebe|werde|könne|müsse|solle|wolle|dürfe|möge|liege|"
    r"stehe|gehe|komme|bleibe|fehle|handle|handele|brauche|plane|wisse)\b"
)


def attribution(text: str) -> str | None:
    """The words that mark a claim as someone's ("laut", "sagte", "zufolge", Konjunktiv I)."""
    match = _SOURCE_RE.search(text)
    if match:
        return match.group(0)
    match = _KONJUNKTIV_RE.search(text)
    return match.group(0) if match else None


def has_source(text: str) -> bool:
    return _SOURCE_RE.search(text) is not None
