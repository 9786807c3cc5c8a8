"""attribution: a claim the article qualifies keeps its source or hedge in the bullet.

The evidence qualifies a claim when it is an estimate, accusation, opinion, forecast, rumour,
"soll", another outlet's report or a party's reported speech; the bullet must then say whose
claim it is or keep the hedge. A neutral report of an authority ("teilte das Gericht mit",
"laut Polizei") needs no source in the bullet. A question of the article stated as a fact
fails too.
"""

from __future__ import annotations

import re

from ..alignment import Alignment
from ..german.quotes import find_quotes, has_source, reported_speech
from ..german.wordforms import stem
from .base import Finding, Reading

# Words that mark a claim as qualified: hedges, rumours, suspicions, forecasts.
_HEDGE_RE = re.compile(
    r"\b(?:angeblich\w*|mutma(?:ss|ß)lich\w*|vermutlich|offenbar|möglicherweise|womöglich|"
    r"scheinbar\w*|wahrscheinlich|Gerücht\w*|spekuliert\w*|Spekulation\w*|"
    r"nicht ausgeschlossen|könnte|könnten|dürfte|dürften|vorwerf\w*|vorgeworfen|"
    r"Vorwurf|Vorwürfe\w*|beschuldigt\w*|behauptet\w*|behauptung\w*|Verdacht\w*|verdächtig\w*|"
    r"geschätzt\w*|Schätzung\w*|schätzt\w*|erwartet\w*|Prognose\w*|prognostiziert\w*|"
    r"befürchtet\w*|glaubt\w*|meint\w*|vermutet\w*|kritisiert\w*|ist\s+(?:noch\s+)?offen|"
    r"unklar|ungewiss)\b|^Ob\b",
    re.I,
)
_ACCUSE_RE = re.compile(r"\b(?:wirft|warf|werfen|warfen)\b.*\bvor\b")
# "soll"/"sollen" as hearsay ("soll das Auto gestohlen haben", "sollen vorbeigeschaut haben"),
# not as advice ("man sollte") or a plan ("Die Busse sollen ab 2026 fahren").
_SOLL_RE = re.compile(
    r"\b(?:soll|sollen|solle)\b[^,.;:]*\b(?:haben|sein)\b|\b(?:haben|sein)\s+(?:soll|sollen)\b"
)
_BULLET_SOLL_RE = re.compile(r"\b(?:soll|sollen|sollte|sollten|solle)\b")
_ADVICE_RE = re.compile(r"\b(?:man|Sie)\s+(?:soll|sollte|solle)\b|\b(?:soll|sollte|solle)\s+man\b")
# Another outlet's report: a quoted medium or "Medienberichten".
_OUTLET_RE = re.compile(
    r"(?:[Ll]aut|[Gg]emä(?:ss|ß)|berichtet\w*|revidiert|zufolge)\s+(?:der\s+|dem\s+|des\s+)?[«»„\"]"
    r"|Medienbericht\w*|Berichten zufolge"
)
# Who speaks for the state or reports an event, without taking a side.
_AUTHORITY_RE = re.compile(
    r"\b(?:Polizei\w*|Kantonspolizei|Kapo|Gericht\w*|Bezirksgericht|Richter\w*|Urteil\w*|"
    r"Staatsanwalt\w*|Behörde\w*|Ministerium\w*|Amt\b|Bundesamt\w*|Statistik\w*|Feuerwehr|"
    r"Regierung\w*|Rettungsdienst\w*|Wetterdienst\w*|Meteo\w*|Medienmitteilung|"
    r"Pressemitteilung|Mitteilung|Verteidiger\w*|Sprecher\w*|Unternehmen|Veranstalter\w*|"
    r"Anfragebeantwortung\w*|Konzern\w*|Hersteller\w*)\b"
)
# Verbs of a party speaking its mind (not of an authority reporting).
_OPINION_RE = re.compile(
    r"\b(?:sagte|sagten|sagt|erklärte|erklärt|betonte|betont|warnte|warnt|forderte|fordert|"
    r"kritisierte|kritisiert|kritisieren|meinte|schrieb|schreibt|twitterte|postete|versicherte|"
    r"versprach|warnen|fordern|fürchtet|fürchten|befürchtet|"
    r"argumentierte|räumte|so\s+(?:der|die|das)\s+[\w-]+|so\s+[A-ZÄÖÜ]\w+)\b"
)
# "laut X", "X zufolge", "nach Angaben von X": whose claim it is (neutral only for authorities).
_ACCORDING_RE = re.compile(r"\b(?:[Ll]aut|[Gg]emä(?:ss|ß)|zufolge|[Nn]ach (?:eigenen )?Angaben)\b")


def claim_carriers(aligned: Alignment) -> list[int]:
    """The sentences that carry a clause's claim: its main one and any that holds half of it
    (not one that only lends a name)."""
    found: list[int] = []
    for clause in aligned.clauses:
        for rank, unit in enumerate(clause.carriers):
            held = sum(1 for t in clause.tokens if unit in aligned.holders.get(t.text, ()))
            if (rank == 0 or held >= max(2, len(clause.tokens) / 2)) and unit not in found:
                found.append(unit)
    return found


def _is_question(text: str) -> bool:
    return text.rstrip('“”"«» ').endswith("?")


# What keeps a question open: "ob", "unklar", a rumour, a mere possibility. A likelihood
# ("gut möglich", "wahrscheinlich", "dürfte") answers it, which the article does not.
_OPEN_RE = re.compile(
    r"\b(?:ob|unklar|offen|fraglich|spekuliert\w*|Spekulation\w*|Gerücht\w*|angeblich|"
    r"möglicherweise|vielleicht|eventuell|könnte|könnten)\b",
    re.I,
)


def questions(reading: Reading) -> list[Finding]:
    """A question of the article ("Holt X Y zurück?") stated as a fact, or answered."""
    text, aligned, idx = reading.text, reading.aligned, reading.index
    if text.rstrip().endswith("?") or _OPEN_RE.search(text) or bullet_sources(text):
        return []
    for clause in aligned.clauses:
        asked = next((u for u in clause.carriers if _is_question(idx.units[u])), None)
        if asked is None:
            continue
        held = [t for t in clause.tokens if asked in aligned.holders.get(t.text, ())]
        if len(held) * 2 >= len(clause.tokens):
            question = idx.units[asked]
            return [
                Finding(
                    "attribution",
                    f"the article asks this („{question[:80]}“); the bullet states it",
                )
            ]
    return []


def dropped_source(reading: Reading) -> list[Finding]:
    """The sentences that carry the claim qualify it; the bullet states it as fact."""
    idx = reading.index
    carriers = claim_carriers(reading.aligned)
    sources = [idx.units[u] for u in carriers]
    before = [
        " ".join(idx.units.get(v, "") for v in (u - 2, u - 1)) if u >= 0 else "" for u in carriers
    ]
    problem = attribution(reading.text, sources, before)
    return [Finding("attribution", problem)] if problem else []


# "unklar, ob Athlet oder Betreuer": what is open is the question after "ob".
_OPEN_QUESTION_RE = re.compile(
    r"\b(?:unklar|offen|ungewiss|fraglich)\b[^.;:]*?\bob\b(?P<asked>[^,.;:)–]*)", re.I
)
# Who reported the matter in the sentences before: "Laut Anfragebeantwortung …", "teilte die
# Polizei mit".
_REPORT_RE = re.compile(
    r"\b(?:teilte|teilten|mitteilte|mitteilten|mitgeteilt|meldete|meldeten|berichtete|"
    r"berichteten|bestätigte|bestätigten|gab)\b"
)


def _authority_reports(text: str) -> bool | None:
    """Whose report ``text`` is: True for an authority's ("laut Polizei", "teilte das Gericht
    mit"), False for a party's ("sagte X"), None when it names no source."""
    found = None
    for pattern in (_OPINION_RE, _ACCORDING_RE, _REPORT_RE):
        for match in pattern.finditer(text):
            if not _authority_speaks(text, match.start(), match.end()):
                return False
            found = True
    return found


def qualifiers(sentence: str, before: str = "", retold: str = "") -> list[str]:
    """Everything that marks the sentence's claim as contested or uncertain; empty for a plain
    fact or a neutral report ("teilte das Gericht mit", "laut Polizei").

    ``before`` (the two sentences before it) may say whose report the sentence continues: its
    reported speech ("sei") after "Laut Anfragebeantwortung …" is the authority's. ``retold``
    (the bullet) decides whether an open question ("unklar, ob Athlet oder Betreuer") is about
    what the bullet says at all."""
    found: list[str] = []
    for pattern in (_OUTLET_RE, _HEDGE_RE):
        match = pattern.search(sentence)
        if match and retold and _asks_elsewhere(sentence, match, retold):
            continue
        if match:
            found.append(match.group(0))
    if _ACCUSE_RE.search(sentence):
        found.append("wirft … vor")
    advice = _ADVICE_RE.search(sentence)
    soll = _SOLL_RE.search(sentence)
    if soll and not advice:
        found.append(soll.group(0))
    konjunktiv = reported_speech(sentence)
    if konjunktiv and not advice and not _reported_for_authority(sentence, before):
        found.append(konjunktiv)
    for speech in (*_OPINION_RE.finditer(sentence), *_ACCORDING_RE.finditer(sentence)):
        if not _authority_speaks(sentence, speech.start(), speech.end()):
            found.append(speech.group(0))  # a party's words: "sagte X", "so X", "laut Aldi"
            break
    return found


def _reported_for_authority(sentence: str, before: str) -> bool:
    """The sentence's reported speech is an authority's neutral report: the authority speaks in
    the sentence itself, or (when the sentence names no speaker) in the sentences before."""
    own = _authority_reports(sentence)
    if own is not None:
        return own
    return bool(before) and _authority_reports(before) is True


def _asks_elsewhere(sentence: str, match: re.Match[str], retold: str) -> bool:
    """An open question ("unklar, ob Athlet oder Betreuer") that the bullet does not touch:
    none of the words after "ob" are in it, so it leaves open what the article leaves open."""
    question = _OPEN_QUESTION_RE.search(sentence, max(0, match.start() - 1))
    if question is None or question.start() > match.start() + 1:
        return False
    asked = [w for w in re.findall(r"\w{4,}", question.group("asked"))]
    if not asked:
        return False
    said = {stem(w) for w in re.findall(r"\w+", retold)}
    return not any(stem(w) in said for w in asked)


def _authority_speaks(sentence: str, start: int, end: int) -> bool:
    """The speaker next to a verb of saying or "laut" is an authority ("teilte die Polizei mit",
    "sagte ein Sprecher der Stadt"); an authority named elsewhere in the sentence is not."""
    before = sentence[:start].split()[-3:]
    after = sentence[end:].split()[:3]
    return bool(_AUTHORITY_RE.search(" ".join([*before, *after])))


def qualifier(sentence: str, before: str = "", retold: str = "") -> str | None:
    """The first marker of ``qualifiers``, or None."""
    found = qualifiers(sentence, before, retold)
    return found[0] if found else None


_BULLET_SOURCE_RE = re.compile(
    r"\b(?:laut|gemäss|gemäß|zufolge|wirft|werfen|warf|warfen|vorgeworfen|will|wollen|hofft\w*|"
    r"hoffen|plant\w*|möchte\w*|wünscht\w*|schildert\w*|berichtet\w*|Erkenntniss\w*|Angaben|"
    r"befürchte\w*|sieht|sehen|verkündet\w*|angekündigt|kündigt\w*|erklärt\w*|teilt\w*|"
    r"gibt\s+an|vertr(?:itt|eten|at|aten)\b[^.;]{0,80}?\b(?:die|der|eine)\s+(?:Auffassung|Ansicht|Meinung|These|"
    r"Position|Überzeugung)|(?:ist|sind|war|waren)\s+der\s+(?:Auffassung|Ansicht|Meinung|"
    r"Überzeugung))\b",
    re.I,
)
# Verbs of saying in any person and tense: the subject is the claim's source. Lowercase only
# (a verb), so "Warnungen" or "Forderung" is no source.
_SAYING_RE = re.compile(
    r"\b(?:sag\w*|behaupt\w*|verr[äa]t\w*|betont\w*|kritisier\w*|bezeichne\w*|nenn\w*|"
    r"nannte\w*|warn\w*|forder\w*|fordert\w*|bestreit\w*|bestritt\w*|dementier\w*|"
    r"bezweifel\w*|vermut\w*|glaub\w*|meint\w*|meinen|spricht|sprach\w*|sprechen|ortet\w*|"
    r"findet|finden|rechnet\w*|schätz\w*|beklag\w*|räumt\w*|räumte\w*|zeigt\w*\s+sich|"
    r"bekräftig\w*|versicher\w*|versprach\w*|versprich\w*|verweis\w*|verwies\w*)\b"
)
# "möglich" hedges as "möglicherweise", "(gut) möglich, dass …" or "mögliche Superstars", not
# in "nie vollständig möglich" (a claim of its own); "gilt als" says it is a common view.
_BULLET_HEDGE_RE = re.compile(
    r"\b(?:möglicherweise|möglich\w*,?\s+(?:dass|ob)|wohl|spekuliert\w*|Gerücht\w*|offen|"
    r"unklar|ob|mögliche[nrms]?|potenzielle[nrms]?|(?:gilt|gelten|galt|galten)\s+(?:\S+\s+){0,3}?als|"
    r"als\s[^,.;]{0,80}\b(?:gilt|gelten|galt|galten))\b",
    re.I,
)


def bullet_sources(text: str) -> bool:
    """The bullet says whose claim it is ("laut X", "sagte X", reported speech, "X will")."""
    return bool(
        has_source(text)
        or reported_speech(text)
        or _OUTLET_RE.search(text)
        or _OPINION_RE.search(text)
        or _BULLET_SOURCE_RE.search(text)
        or _SAYING_RE.search(text)
    )


def bullet_attributes(text: str) -> bool:
    """The bullet keeps a source or at least a hedge ("soll", "angeblich", a quote)."""
    return bool(
        bullet_sources(text)
        or _HEDGE_RE.search(text)
        or _BULLET_SOLL_RE.search(text)
        or find_quotes(text)
        or _BULLET_HEDGE_RE.search(text)
    )


def attribution(text: str, sources: list[str], before: list[str] | None = None) -> str | None:
    """A claim the article qualifies keeps a source or a hedge: the fact-checkers' rule is
    that it must not read as plain fact ("angeblich", "soll", a quote, "laut X" all do).
    ``before`` holds, per source sentence, the sentences before it (whose report it continues)."""
    if bullet_attributes(text):
        return None
    for i, sentence in enumerate(sources):
        marker = qualifier(sentence, before[i] if before else "", text)
        if marker:
            return f"the article qualifies this ({marker!r}); the bullet states it as fact"
    return None
