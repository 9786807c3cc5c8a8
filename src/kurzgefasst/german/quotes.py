"""Quoted spans („…“, "…", »…«, «…», ‚…‘, ‹…›) and who a sentence attributes its claim to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_QUOTE_RE = re.compile(
    r"„([^“”\"]{2,}?)[“”\"]|\"([^\"]{2,}?)\"|»([^«]{2,}?)«|«([^»]{2,}?)»|‚([^‘’]{2,}?)[‘’]"
    r"|‹([^›]{2,}?)›|›([^‹]{2,}?)‹"
)
_OPENERS = '„"»«‚“‹›'
_CLOSERS = '“”"«»‘’›‹'


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


# Any character the two checks below look at: text without one has no unbalanced quote. Most
# sentences have none, and the bullet stage asks about every prefix of a sentence.
_ANY_QUOTE_RE = re.compile("[" + re.escape(_OPENERS + _CLOSERS + "'") + "]")


def has_unbalanced_quotes(text: str) -> bool:
    """True when a sentence opens or closes a quote that continues in another sentence."""
    if _ANY_QUOTE_RE.search(text) is None:
        return False
    stripped = _QUOTE_RE.sub("", text)
    return any(c in _OPENERS + _CLOSERS for c in stripped.replace("'", ""))


_APOSTROPHE_RE = re.compile(r"(?<=[\wÄÖÜäöüß])[’'‘](?=[\wÄÖÜäöüß\s.,;:!?)]|$)")


def unbalanced_quotes(text: str) -> str | None:
    """The quote mark left open or unopened in ``text``, or None.

    Unlike ``has_unbalanced_quotes`` it tells an apostrophe ("Pistorius’ Plan", "geht’s") from
    a closing single quote, so such sentences are not mistaken for parts of a longer quote.
    """
    if _ANY_QUOTE_RE.search(text) is None:
        return None
    stripped = _QUOTE_RE.sub("", text)
    stripped = _APOSTROPHE_RE.sub("", stripped)
    for char in stripped:
        if char in _OPENERS + _CLOSERS:
            return char
    return None


_QUOTE_CHARS = frozenset(_OPENERS + _CLOSERS + "'’‘")
_APOSTROPHES = ("’", "'", "‘")


def quote_state(text: str) -> list[bool]:
    """``[bool(unbalanced_quotes(text[:i])) for i in range(len(text) + 1)]``, computed once.

    The bullet stage asks "is position i inside a quote?" for every character of a sentence;
    answering each with ``unbalanced_quotes`` re-reads the whole prefix. A character that is
    no quote mark cannot change the answer (quote pairs end in a quote mark), except right after
    a prefix whose unpaired part ends in an apostrophe, whose reading depends on the character
    after it ("geht’s" vs. "‚Nein’ –"). So the prefix is read in full only there.
    """
    state = [False] * (len(text) + 1)
    if _ANY_QUOTE_RE.search(text) is None:
        return state
    current, after_apostrophe = False, False
    for i in range(1, len(text) + 1):
        if text[i - 1] in _QUOTE_CHARS or after_apostrophe:
            stripped = _QUOTE_RE.sub("", text[:i])
            after_apostrophe = stripped.endswith(_APOSTROPHES)
            stripped = _APOSTROPHE_RE.sub("", stripped)
            current = any(char in _OPENERS + _CLOSERS for char in stripped)
        state[i] = current
    return state


@lru_cache(maxsize=512)
def _cached_state(text: str) -> list[bool]:
    return quote_state(text)


def inside_quote(text: str, position: int) -> bool:
    """``bool(unbalanced_quotes(text[:position]))``, from the text's quote state (read once)."""
    return _cached_state(text)[slice(position).indices(len(text))[1]]


def normalise_quotes(text: str) -> str:
    """Map all quote marks to one form so quote checks compare words, not typography."""
    return re.sub(r"[„“”\"»«‚‘’‹›]", '"', text)


# An omission inside a quote: "…", "...", "[…]", "(...)".
_ELLIPSIS_RE = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…|\.\.\.)\s*")
#: The parts of a quote with omissions must stand this close together in the article.
OMISSION_SPAN = 400


def verbatim(quoted: str, source: str) -> bool:
    """The quoted words occur in ``source`` (both with normalised marks and spaces), allowing a
    changed case of the first letter ("Ich muss …" quoting "… aber ich muss …").

    An omission marked "…" or "[…]" is allowed: every part stands verbatim in the article, in
    order, within one passage ("Das Handy zusammenhauen, … den E-Mail-Account löschen")."""
    words = re.sub(r"\s+", " ", normalise_quotes(quoted)).strip()
    if not words:
        return True
    if _found(words, source, 0) is not None:
        return True
    pieces = [p.strip(" ,;") for p in _ELLIPSIS_RE.split(words)]
    pieces = [p for p in pieces if p]
    if len(pieces) < 2 and pieces == [words]:
        return False
    start: int | None = 0
    previous_end: int | None = None
    for piece in pieces:
        start = _found(piece, source, start or 0)
        if start is None or (previous_end is not None and start - previous_end > OMISSION_SPAN):
            return False
        previous_end = start = start + len(piece)
    return True


def _found(words: str, source: str, start: int) -> int | None:
    """Where ``words`` occur in ``source`` from ``start``, allowing a flipped first letter."""
    at = source.find(words, start)
    if at < 0:
        flipped = (words[0].lower() if words[0].isupper() else words[0].upper()) + words[1:]
        at = source.find(flipped, start)
    return at if at >= 0 else None


# Quotes in English marks (“…”), which some German sites use: read only by the guard, after
# the German pairs (where “ closes „) are taken out.
_ENGLISH_QUOTE_RE = re.compile(r"“([^“”„\"]{2,}?)”")


def english_quotes(text: str) -> list[Quote]:
    """Quotes in “…” left after the quotes ``find_quotes`` reads („…“, «…», "…")."""
    blanked = _QUOTE_RE.sub(lambda m: " " * len(m.group(0)), text)
    return [Quote(m.group(1), m.start(), m.end()) for m in _ENGLISH_QUOTE_RE.finditer(blanked)]


def unbalanced_in_any_style(text: str) -> str | None:
    """``unbalanced_quotes``, reading “…” as a quote too (for the guard's own check)."""
    blanked = _ENGLISH_QUOTE_RE.sub(
        lambda m: " " * len(m.group(0)), _QUOTE_RE.sub(lambda m: " " * len(m.group(0)), text)
    )
    return unbalanced_quotes(blanked)


# --- attribution -------------------------------------------------------------------------

_SAY_VERBS = (
    r"sagte|sagten|sagt|sagen|erklärte|erklärten|erklärt|betonte|betonten|betont|teilte|teilten|"
    r"mitteilte|mitgeteilt|berichtete|berichteten|berichtet|meldete|meldeten|meldet|kündigte|"
    r"warnte|warnten|warnt|forderte|forderten|fordert|kritisierte|kritisierten|kritisiert|"
    r"räumte|schrieb|schreibt|schrieben|hieß|heißt|sprach|spricht|bestätigte|bestätigten|"
    r"bestätigt|dementierte|wies|verwies|zitierte|zitiert|behauptete|behauptet|vermutete|"
    r"schätzte|schätzt|erwartet|erwartete|erwarten|glaubt|glaubte|befürchtet|befürchtete|"
    r"argumentierte|versicherte|versprach|verspricht|sieht|sah|räumt|twitterte|postete|ergänzte|"
    r"fügte|antwortete|meinte|meint|ergänzt|twittert|berichten|informierte|informiert|"
    r"sagte\s+\w+"
)
_SOURCE_RE = re.compile(
    r"\b(?:[Ll]aut|zufolge|[Nn]ach (?:eigenen |offiziellen |ersten |vorläufigen |übereinstimmenden )?"
    r"(?:Angaben|Ansicht|Einschätzung|Auffassung|Darstellung|Schätzungen|Informationen|Berichten)|"
    r"[Ww]ie\s+\S+\s+(?:berichtet|meldet|mitteilte|sagte)|bekanntgab|bekanntgegeben|"
    r"hieß es|heißt es|hiess es|heisst es|so\s+(?:der|die|das|dem|den|ein|eine)\s+[A-ZÄÖÜ]\w+|"
    r"so\s+[A-ZÄÖÜ]\w+|[Gg]emäß|Angaben\s+(?:von|des|der)|"
    r"Medienberichten|Berichten zufolge|" + _SAY_VERBS + r")\b"
)
# Reported speech (Konjunktiv I) is itself a mark that the claim is someone else's.
_KONJUNKTIV_RE = re.compile(
    r"\b(?:sei|seien|seiest|habe|hätten|gebe|werde|könne|müsse|solle|wolle|dürfe|möge|liege|"
    r"stehe|gehe|komme|bleibe|fehle|handle|handele|brauche|plane|wisse)\b"
)


# "Wie berichtet," points to the outlet's own earlier reporting: no source of the claim.
_SELF_REFERENCE_RE = re.compile(
    r"\b[Ww]ie (?:bereits |schon |mehrfach |zuletzt |gestern |kürzlich )?(?:berichtet|gemeldet)\b"
)


def attribution(text: str) -> str | None:
    """The words that mark a claim as someone's ("laut", "sagte", "zufolge", Konjunktiv I)."""
    match = _SOURCE_RE.search(_SELF_REFERENCE_RE.sub("", text))
    if match:
        return match.group(0)
    match = _KONJUNKTIV_RE.search(text)
    return match.group(0) if match else None


def has_source(text: str) -> bool:
    """True when the text names who says it ("laut", "sagte", "zufolge", "hieß es")."""
    return _SOURCE_RE.search(_SELF_REFERENCE_RE.sub("", text)) is not None


_SAY_VERB_RE = re.compile(r"\b(?:" + _SAY_VERBS + r"|so\s+(?:der|die|das)?\s*[A-ZÄÖÜ]\w+)\b")


def say_verb(text: str) -> str | None:
    """A verb of saying ("sagte", "erklärte", "so X"), which may introduce a quote or a claim."""
    match = _SAY_VERB_RE.search(text)
    return match.group(0) if match else None


def reported_speech(text: str) -> str | None:
    """A Konjunktiv I verb ("sei", "habe", "gebe"): the claim is reported, not asserted."""
    match = _KONJUNKTIV_RE.search(text)
    return match.group(0) if match else None
