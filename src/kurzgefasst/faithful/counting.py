"""numbers: what a number counts, and designations with digits.

"der 30-jährige Fahrer" where the article's only age is 52, "acht Monate" where the article's
eight are weeks, "F20" where the article says "F13".
"""

from __future__ import annotations

import re
from decimal import Decimal
from weakref import WeakKeyDictionary

from ..alignment import index
from ..document import Document
from ..german import numbers
from ..german.wordforms import stem
from .base import Finding, Reading
from .wordlists import TIME_STEMS

# A number and what it counts: its suffix ("52-jährige", "der 33-Jährige") or the noun right
# after it, past up to three small words in the article ("69 vor allem junge Menschen").
_COUNTED = (
    r"(?P<num>\d[\d.,’']*\d|\d|\b(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|"
    r"zwölf|zwanzig|dreissig|dreißig|vierzig|fünfzig|hundert)\b)"
    r"(?:-(?P<suffix>[Jj]ährig\w*|[Ff]ach\w*|[Kk]öpfig\w*)|\s+(?P<gap>(?:[a-zäöüß]+\s+){0,GAP})"
    r"(?P<noun>[A-ZÄÖÜ][\w\-]*|km/h|Prozent))"
)
ARTICLE_COUNTED_RE = re.compile(_COUNTED.replace("GAP", "3"))
BULLET_COUNTED_RE = re.compile(_COUNTED.replace("GAP", "1"))


_AGE_AFTER_RE = re.compile(r"\s+alt(?:e|er|en|em|es)?\b")


def counted_pairs(text: str, pattern: re.Pattern[str]) -> list[tuple[str, str, set[Decimal], str]]:
    """(phrase, stem of what is counted, values, word as written) for every counted number."""
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
        if key.startswith("jahrig") or (key == "jahr" and _AGE_AFTER_RE.match(text, match.end())):
            key = "<age>"  # "31-jähriger", "der 31-Jährige" and "31 Jahre alt" say one age
        # Any month makes a date: "27. Januar" and "19. November" count the same thing.
        pairs.append((match.group(0), "<date>" if key in TIME_STEMS else key, values, what))
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


def counted(reading: Reading) -> list[Finding]:
    """Numbers whose counted thing the article counts, but never with this number."""
    doc = reading.doc
    article = _article_counts.get(doc)
    if article is None:
        article = {}
        for unit in index(doc).units.values():
            for _, what, values, word in counted_pairs(unit, ARTICLE_COUNTED_RE):
                article.setdefault(what, set()).update(values)
                _unit_words.setdefault(what, word)
        _article_counts[doc] = article
    found = []
    for phrase, what, values, _ in counted_pairs(reading.text, BULLET_COUNTED_RE):
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


# A designation: capital letters, then digits somewhere ("F20", "A380", "COVID-19").
_CODE_RE = re.compile(r"(?<![\w-])[A-ZÄÖÜ][A-Za-zÄÖÜäöü-]*\d[\w-]*(?![\w])")


def designations(reading: Reading) -> list[Finding]:
    """Designations with digits ("F13", "A380", "COVID-19") are names: verbatim or invented."""
    source = " ".join(reading.index.units.values())
    found = []
    for word in _CODE_RE.findall(reading.text):
        # "F13-Maschine" names "F13"; "Sars-Covid-2" is one designation.
        code = next(p for p in word.split("-") if any(c.isdigit() for c in p))
        written = (re.escape(word), r"(?<![\w-])" + re.escape(code))
        if not any(re.search(w + r"(?![\w])", source, re.I) for w in written):
            found.append(Finding("numbers", f"'{code}' does not occur in the article"))
    return found
