"""Rules that tell a paraphrase from an invention, for bullets the guard finds evidence for.

A generated bullet (an LLM's, an editor's) is aligned clause by clause with the article
(``alignment``); then:

novel – a noun, name or degree word ("alle", "erstmals") that the article does not carry in
  any form, or a cause ("weil", "wegen") where its evidence gives none;
numbers – a number, date or weekday that the article gives, but for something else: it is not
  in the sentences that carry the rest of its clause;
names – a name the article uses only in an unrelated sentence, fused into this clause;
attribution – the evidence qualifies the claim (an estimate, accusation, opinion, forecast,
  rumour, "soll", another outlet's report, a party's reported speech) and the bullet states
  it as fact. A neutral report of an authority ("teilte das Gericht mit", "laut Polizei")
  needs no source in the bullet;
caveat – the evidence sentence is restricted by the next one ("Doch das gilt nur …") and the
  bullet leaves the restriction out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from weakref import WeakKeyDictionary

from .alignment import (
    EXTRA,
    STOPWORDS,
    WEEKDAYS,
    Alignment,
    Clause,
    Index,
    Token,
    align,
    index,
)
from .document import Document
from .german import numbers, sentences, tagging
from .german.lexicon import zipf
from .german.quotes import find_quotes, has_source, reported_speech
from .german.wordforms import stem, words

#: Degree and scope words change a claim; the evidence must say them too.
DEGREE_WORDS = frozenset(
    "alle allen aller sämtliche sämtlichen erstmals erstmalig nie niemals jeder jede jedes "
    "ganz ganze ganzen komplett vollständig einzige einzigen ausschliesslich ausschließlich "
    "insgesamt einzeln einzelne einzelner einzelnen erneut mindestens höchstens "
    # how bad or how big: "schwer verletzt" where the article says "leicht verletzt"
    "schwer schwere schweren schwerer leicht leichte leichten tödlich tödliche tödlichen "
    "lebensgefährlich lebensgefährliche massiv massive massiven drastisch drastische "
    "historisch historische historischen rekord".split()
)
#: Parts of the day: a detail of time like a weekday, however common the word.
DAY_PARTS = frozenset(
    "nacht nachts morgen morgens abend abends nachmittag nachmittags vormittag vormittags "
    "mittag mittags".split()
)
#: Nouns that name no fact of their own: a paraphrase may bring them in.
GENERIC_NOUNS = frozenset(
    "entscheid entscheidung event ereignis anlass fall sache nähe zeit moment rahmen ende "
    "anfang beginn teil mal seite art weise thema frage schritt lage situation person personen "
    "leute angaben informationen stelle zusammenhang".split()
)
#: Nouns at least this common (wordfreq Zipf) are no detail a paraphrase could invent.
COMMON_ZIPF = 4.5
_CAUSE_RE = re.compile(
    r"\b(?:weil|wegen|aufgrund|dank|deshalb|darum|daher|denn|infolge|[Dd]a\s+(?:er|sie|es|die|der|das|ihm|ihr))\b",
    re.I,
)
_EVIDENCE_CAUSE_RE = re.compile(
    r"\b(?:weil|wegen|aufgrund|dank|deshalb|darum|daher|denn|infolge|Grund|Gründe|Gründen|"
    r"nachdem|damit|sodass|führte|führten|verursacht|Folge)\b|(?:^|, )[Dd]a\b",
    re.I,
)
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
    r"Pressemitteilung|Mitteilung|Verteidiger\w*|Sprecher\w*|Unternehmen|Veranstalter\w*)\b"
)
_NEUTRAL_VERB_RE = re.compile(
    r"\b(?:teilte|teilten|mitteilte|mitgeteilt|meldete|meldeten|meldet|bekanntgab|"
    r"bekanntgegeben|bestätigte|bestätigt|informierte|heisst es|heißt es|hiess es|hieß es|"
    r"entschied|laut|gemäss|gemäß|zufolge|wie\s+\S+\s+mitteilte)\b",
    re.I,
)
# Verbs of a party speaking its mind (not of an authority reporting).
_OPINION_RE = re.compile(
    r"\b(?:sagte|sagten|sagt|erklärte|erklärt|betonte|betont|warnte|warnt|forderte|fordert|"
    r"kritisierte|kritisiert|kritisieren|meinte|schrieb|schreibt|twitterte|postete|versicherte|"
    r"versprach|warnen|fordern|fürchtet|fürchten|befürchtet|"
    r"argumentierte|räumte|so\s+(?:der|die|das)\s+[\w-]+|so\s+[A-ZÄÖÜ]\w+)\b"
)
# The next sentence limits where the claim holds: "Doch das gilt nur für …".
# "Die Angaben ließen sich nicht unabhängig überprüfen": the claim before is unverified.
_UNVERIFIED_RE = re.compile(
    r"\b(?:Angaben|Zahlen|Informationen|Berichte)\b[^.]*\bnicht\b[^.]*"
    r"\b(?:überprüf|bestätig|verifizier)\w*"
)
# "laut X", "X zufolge", "nach Angaben von X": whose claim it is (neutral only for authorities).
_ACCORDING_RE = re.compile(r"\b(?:[Ll]aut|[Gg]emä(?:ss|ß)|zufolge|[Nn]ach (?:eigenen )?Angaben)\b")
_CAVEAT_RE = re.compile(
    r"^(?:Doch|Aber|Allerdings|Jedoch|Das|Dies)\b[^.]*\b(?:gilt|gelten|betrifft)\b[^.]*\b(?:nur|nicht)\b"
)


@dataclass(frozen=True)
class Finding:
    rule: str
    detail: str


def _window(clause: Clause, dateline: AbstractSet[int] = frozenset()) -> set[int]:
    """The clause's main carrier, the two sentences before it (a pronoun's referent), the one
    after, and the title: where a clause's numbers, names and dates must come from."""
    if not clause.carriers:
        return set()
    main = clause.carriers[0]
    if 0 <= main < EXTRA:
        return {main - 2, main - 1, main, main + 1, -1, *dateline}
    return {main, -1, *dateline}


def _topic(units: Iterable[int]) -> bool:
    """A name in the title, the first sentences or in three places is the article's subject."""
    units = set(units)
    return bool(units & {-1, 0, 1, 2}) or len(units) >= 3


def check(text: str, doc: Document) -> tuple[Alignment, list[Finding]]:
    aligned = align(text, doc)
    idx = index(doc)
    findings: list[Finding] = []
    if not aligned.evidence and not any(c.carriers for c in aligned.clauses):
        findings.append(Finding("evidence", "no sentence of the article supports it"))
    # novel: what the article does not carry anywhere
    for token in aligned.novel:
        if not token.text[:1].isupper() or token.text.casefold() in GENERIC_NOUNS:
            continue
        lower = token.text.casefold()
        timeword = lower in DAY_PARTS or lower.startswith(WEEKDAYS) or stem(lower) in _time_stems
        if zipf(token.text) >= COMMON_ZIPF and not timeword:
            # "Gut möglich, …" at the start; "Geld", "Welt", "Probleme": words so common that
            # they name no detail of their own.
            continue
        if token.position > 0 and proper(token.text, text):
            findings.append(Finding("names", f"'{token.text}' does not occur in the article"))
        else:
            findings.append(Finding("novel", f"'{token.text}' is not in the article"))
    lower_words = {w.casefold() for w in re.findall(r"\w+", text)}
    for clause in aligned.clauses:
        window = _window(clause, idx.dateline)
        units_text = " ".join(idx.units[u] for u in window | set(clause.carriers) if u in idx.units)
        for word in re.findall(r"\w+", clause.text):
            lower = word.casefold()
            said = lower in units_text.casefold() or (
                lower == "erstmals" and re.search(r"\berst\w*\s+[Mm]al", units_text)
            )
            if lower in DEGREE_WORDS and not said:
                findings.append(Finding("novel", f"'{word}': its evidence does not say so"))
        # numbers and strict words against the clause's own evidence
        lazy: list[dict[int, set[str]]] = []

        def anchors(unit: int, clause: Clause = clause, lazy: list = lazy) -> set[str]:
            if not lazy:  # tags names with HanTa: only for a fact outside the clause's window
                lazy.append(_anchors(clause, aligned, idx, text))
            return lazy[0].get(unit, set())

        for mention in clause.numbers:
            holders = {u for u, vs in idx.values.items() if mention.values & vs}
            if not holders or holders & window:
                continue
            if any(anchors(u) - {mention.text} for u in holders):
                continue  # given together with another number or name of the clause
            if _near_words_agree(mention, clause, aligned, holders) and not _conflict(
                mention, clause, idx
            ):
                continue  # "Orkanböen von über 100 km/h": said of the same thing elsewhere
            where = idx.units[min(holders, key=lambda u: abs(u - clause.carriers[0]))]
            findings.append(
                Finding(
                    "numbers", f"'{mention.text}' belongs to another statement: „{where[:80]}…“"
                )
            )
        speakers = _speakers(clause.text)
        for token in clause.tokens:
            holders = aligned.holders.get(token.text, set())
            if not token.strict or not holders or token.text in speakers:
                continue
            time_word = stem(token.text) in _time_stems or token.text.casefold().startswith(
                WEEKDAYS
            )
            if time_word:
                # A weekday or month belongs to the event of its own sentence: one that carries
                # another word of the clause too.
                others = [t for t in clause.tokens if t.text != token.text]
                if (
                    any(
                        holders & aligned.holders.get(t.text, set()) & set(clause.carriers)
                        for t in others
                    )
                    or -1 in holders
                ):
                    continue
            elif holders & window or _part_of_name(token, clause, aligned, window):
                continue
            if any(anchors(u) - {token.text} for u in holders):
                continue
            if not time_word and (_topic(holders) or not proper(token.text, text)):
                continue
            findings.append(
                Finding(
                    "numbers" if time_word else "names",
                    f"'{token.text}' comes from another statement of the article",
                )
            )
    # numbers with what they count: "30-jährige" where the article's only age is 52
    findings.extend(_counted(text, doc))
    # designations with digits ("F13", "A380", "COVID-19") are names: verbatim or invented
    source = " ".join(idx.units.values())
    for word in _CODE_RE.findall(text):
        # "F13-Maschine" names "F13"; "Sars-Covid-2" is one designation.
        code = next(p for p in word.split("-") if any(c.isdigit() for c in p))
        written = (re.escape(word), r"(?<![\w-])" + re.escape(code))
        if not any(re.search(w + r"(?![\w])", source, re.I) for w in written):
            findings.append(Finding("numbers", f"'{code}' does not occur in the article"))
    # causes
    if _CAUSE_RE.search(text):
        units = {u for c in aligned.clauses for u in c.carriers}
        if not any(_EVIDENCE_CAUSE_RE.search(idx.units[u]) for u in units if u in idx.units):
            findings.append(Finding("novel", "a cause that its evidence does not give"))
    # a question of the article stated as fact
    if not text.rstrip().endswith("?") and not _bullet_attributes(text):
        for clause in aligned.clauses:
            asked = next((u for u in clause.carriers if _is_question(idx.units[u])), None)
            if asked is None:
                continue
            held = [t for t in clause.tokens if asked in aligned.holders.get(t.text, ())]
            if len(held) * 2 >= len(clause.tokens):
                question = idx.units[asked]
                findings.append(
                    Finding(
                        "attribution",
                        f"the article asks this („{question[:80]}“); the bullet states it",
                    )
                )
                break
    # attribution
    problem = attribution(text, [idx.units[u] for u in _claim_carriers(aligned)])
    if problem:
        findings.append(Finding("attribution", problem))
    # caveat
    for clause in aligned.clauses:
        main = clause.carriers[0] if clause.carriers else None
        if main is None or not 0 <= main < EXTRA or main + 1 not in idx.units:
            continue
        follower = idx.units[main + 1]
        unverified = _UNVERIFIED_RE.search(follower) and not _bullet_attributes(text)
        if (_CAVEAT_RE.search(follower) or unverified) and not _CAVEAT_RE.search(text):
            restriction = {stem(w) for w in re.findall(r"\w+", follower) if len(w) > 3}
            if not restriction & {stem(w) for w in lower_words if w not in STOPWORDS}:
                findings.append(Finding("caveat", f"the article restricts this: „{follower[:80]}“"))
    return aligned, list(dict.fromkeys(findings))


def _near_words_agree(
    mention: numbers.NumberMention, clause: Clause, aligned: Alignment, holders: set[int]
) -> bool:
    """A unit holding the number also holds a content word next to it in the clause."""
    before = len(words(clause.text[: mention.start]))
    near = [
        t
        for t in clause.tokens
        if abs(t.position - before) <= 3 and stem(t.text) not in _time_stems
    ]
    return any(aligned.holders.get(t.text, set()) & holders for t in near)


def _conflict(mention: numbers.NumberMention, clause: Clause, idx: Index) -> bool:
    """The clause's main sentence counts the same thing with another number ("acht Menschen"
    where the bullet says "69 Menschen")."""
    if not clause.carriers:
        return False
    mine = {
        what
        for _, what, vs, _ in _counted_pairs(clause.text, _BULLET_COUNTED_RE)
        if vs & mention.values
    }
    theirs = {
        what for _, what, _, _ in _counted_pairs(idx.units[clause.carriers[0]], _ARTICLE_COUNTED_RE)
    }
    return bool(mine & theirs) or (not mine and bool(theirs))


def _part_of_name(token: Token, clause: Clause, aligned: Alignment, window: set[int]) -> bool:
    """ "Dresdner SC", "St. Michael’s Mount": a name whose neighbouring name the clause's own
    evidence holds."""
    return any(
        t.strict
        and abs(t.position - token.position) == 1
        and aligned.holders.get(t.text, set()) & window
        for t in clause.tokens
    )


# A designation: capital letters, then digits somewhere ("F20", "A380", "COVID-19").
_CODE_RE = re.compile(r"(?<![\w-])[A-ZÄÖÜ][A-Za-zÄÖÜäöü-]*\d[\w-]*(?![\w])")


def _claim_carriers(aligned: Alignment) -> list[int]:
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


def _anchors(clause: Clause, aligned: Alignment, idx: Index, text: str) -> dict[int, set[str]]:
    """Per unit, the numbers and strict words of the clause it holds (facts given together)."""
    found: dict[int, set[str]] = {}
    for mention in clause.numbers:
        for u, vs in idx.values.items():
            if mention.values & vs:
                found.setdefault(u, set()).add(mention.text)
    for token in clause.tokens:
        # Only names anchor a fact: "Menschen" or "Juli" occur with many facts.
        if token.strict and stem(token.text) not in _time_stems and proper(token.text, text):
            for u in aligned.holders.get(token.text, ()):
                found.setdefault(u, set()).add(token.text)
    return found


_SPEAKER_RE = re.compile(
    r"(?:\b[Ll]aut|\b[Gg]emä(?:ss|ß)|\bsagte|\bsagt|\bschrieb|\bso|\berklärte|\bbetonte|\bwie|"
    r"\bschildert\w*|\bmeint\w*)\s+((?:(?:der|die|dem|den|des|einer|eines|einem)\s+)?"
    r"(?:[A-ZÄÖÜ][\w\-’']*\s*){1,4})"
)


def _speakers(text: str) -> set[str]:
    """Names in "laut X", "sagte X", "so X": a speaker may be named anywhere in the article."""
    return {w for m in _SPEAKER_RE.finditer(text) for w in m.group(1).split()}


def proper(word: str, text: str) -> bool:
    """HanTa, reading the whole bullet, tags ``word`` as a proper noun; asked only for a word
    the guard would otherwise flag (about 10 ms)."""
    if word.isupper() and len(word) > 1:
        return True
    return word in _proper_nouns(text)


@lru_cache(maxsize=1024)
def _proper_nouns(text: str) -> frozenset[str]:
    tokens = [t.text for sentence in sentences.split(text) for t in sentence]
    return frozenset(
        token
        for token, (_, tag) in zip(tokens, tagging.tag(tokens), strict=True)
        if tag in ("NE", "FM")
    )


# A number and what it counts: its suffix ("52-jährige") or the noun right after it, past up
# to three small words in the article ("69 vor allem junge Menschen").
_COUNTED = (
    r"(?P<num>\d[\d.,’']*\d|\d|\b(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|"
    r"zwölf|zwanzig|dreissig|dreißig|vierzig|fünfzig|hundert)\b)"
    r"(?:-(?P<suffix>jährig\w*|fach\w*|köpfig\w*)|\s+(?P<gap>(?:[a-zäöüß]+\s+){0,GAP})"
    r"(?P<noun>[A-ZÄÖÜ][\w\-]*|km/h|Prozent))"
)
_ARTICLE_COUNTED_RE = re.compile(_COUNTED.replace("GAP", "3"))
_BULLET_COUNTED_RE = re.compile(_COUNTED.replace("GAP", "1"))


def _counted_pairs(text: str, pattern: re.Pattern[str]) -> list[tuple[str, str, set[Decimal], str]]:
    pairs = []
    for match in pattern.finditer(text):
        values = numbers.number_values(match.group("num"))
        if not values or any(1900 <= v <= 2100 for v in values):
            continue  # years say when, not how many
        gap = match.group("gap") or ""
        if re.search(r"\b(?:bis|oder|und|von)\b", gap) or numbers.number_values(gap):
            continue  # "zwei bis drei Ballen": a range counts with its other end
        what = match.group("suffix") or match.group("noun")
        key = stem(what)
        # Any month makes a date: "27. Januar" and "19. November" count the same thing.
        pairs.append((match.group(0), "<date>" if key in _time_stems else key, values, what))
    return pairs


#: Units of time and measure: a number in one of them is a different fact in another.
_UNITS = frozenset(
    stem(w)
    for w in (
        "Sekunden Minuten Stunden Tage Wochen Monate Jahre Jahrzehnte Prozent Franken Euro Dollar "
        "Meter Kilometer Zentimeter Tonnen Kilo Kilogramm Grad Liter km/h"
    ).split()
)
_unit_words: dict[str, str] = {}  # a stem's word as written, for messages
_article_counts: WeakKeyDictionary[Document, dict[str, set[Decimal]]] = WeakKeyDictionary()


def _counted(text: str, doc: Document) -> list[Finding]:
    """Numbers whose counted thing the article counts, but never with this number."""
    article = _article_counts.get(doc)
    if article is None:
        article = {}
        for unit in index(doc).units.values():
            for _, what, values, word in _counted_pairs(unit, _ARTICLE_COUNTED_RE):
                article.setdefault(what, set()).update(values)
                _unit_words.setdefault(what, word)
        _article_counts[doc] = article
    found = []
    for phrase, what, values, _ in _counted_pairs(text, _BULLET_COUNTED_RE):
        known = article.get(what)
        if known is None and what in _UNITS:
            # "acht Monate" where the article's 8 are "acht Wochen": another unit.
            others = sorted(w for w, vs in article.items() if values & vs and w in _UNITS)
            if others:
                found.append(
                    Finding(
                        "numbers",
                        f"'{phrase}': the article counts this number in "
                        f"{_unit_words.get(others[0], others[0])}",
                    )
                )
            continue
        if known and not values & known:
            shown = ", ".join(sorted(format(v.normalize(), "f") for v in known))
            found.append(
                Finding("numbers", f"'{phrase}': the article counts {shown} of these, not this")
            )
    return found


_time_stems = frozenset(
    stem(w)
    for w in (
        "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Januar Februar März April "
        "Mai Juni Juli August September Oktober November Dezember"
    ).split()
)


def qualifier(sentence: str) -> str | None:
    """What marks the sentence's claim as contested or uncertain; None for a plain fact or a
    neutral report ("teilte das Gericht mit", "wird berichtet", "laut Polizei")."""
    match = _HEDGE_RE.search(sentence) or _OUTLET_RE.search(sentence)
    if match:
        return match.group(0)
    if _ACCUSE_RE.search(sentence):
        return "wirft … vor"
    soll = _SOLL_RE.search(sentence)
    if soll and not _ADVICE_RE.search(sentence):
        return soll.group(0)
    konjunktiv = reported_speech(sentence)
    if konjunktiv and not _ADVICE_RE.search(sentence):
        return konjunktiv
    speech = _OPINION_RE.search(sentence) or _ACCORDING_RE.search(sentence)
    if speech and not _AUTHORITY_RE.search(sentence):
        return speech.group(0)  # a party's words: "sagte X", "so X", "laut Aldi"
    return None


def _bullet_attributes(text: str) -> bool:
    return bool(
        has_source(text)
        or reported_speech(text)
        or _HEDGE_RE.search(text)
        or _BULLET_SOLL_RE.search(text)
        or _OUTLET_RE.search(text)
        or find_quotes(text)
        or _OPINION_RE.search(text)
        or re.search(
            r"\b(?:laut|gemäss|gemäß|zufolge|wirft|vorgeworfen|will|wollen|möglich\w*|wohl|"
            r"spekuliert\w*|Gerücht\w*|hofft\w*|hoffen|plant\w*|möchte\w*|wünscht\w*|"
            r"schildert\w*|berichtet\w*|Erkenntniss\w*|Angaben|befürchte\w*|sieht|sehen|offen|"
            r"unklar|ob|verkündet\w*|angekündigt|kündigt\w*|erklärt\w*|teilt\w*|gibt\s+an)\b",
            text,
            re.I,
        )
    )


def attribution(text: str, sources: list[str]) -> str | None:
    if _bullet_attributes(text):
        return None
    for sentence in sources:
        marker = qualifier(sentence)
        if marker:
            return f"the article qualifies this ({marker!r}); the bullet states it as fact"
    return None
