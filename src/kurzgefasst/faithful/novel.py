"""novel: a noun, degree word or cause of the bullet that the article does not carry.

A noun the article has in no form is a detail, place or cause of the writer's own (a name the
article lacks is reported as ``names``); a degree or scope word ("alle", "erstmals", "schwer")
must be said by the clause's evidence; a cause ("weil", "wegen") needs a cause in the evidence.
"""

from __future__ import annotations

import re

from ..alignment import EXTRA, WEEKDAYS
from ..german.lexicon import zipf
from ..german.quotes import find_quotes, has_source, reported_speech
from ..german.wordforms import stem
from .base import Finding, Reading
from .placement import proper, window
from .wordlists import COMMON_ZIPF, DAY_PARTS, DEGREE_WORDS, GENERIC_NOUNS, TIME_STEMS

_CAUSE_RE = re.compile(
    r"\b(?:weil|wegen|aufgrund|dank|deshalb|darum|daher|denn|infolge|[Dd]a\s+(?:er|sie|es|die|der|das|ihm|ihr))\b",
    re.I,
)
_EVIDENCE_CAUSE_RE = re.compile(
    r"\b(?:weil|wegen|aufgrund|dank|deshalb|darum|daher|denn|infolge|Grund|Gründe|Gründen|"
    r"nachdem|damit|sodass|führte|führten|verursacht|Folge)\b|(?:^|, )[Dd]a\b",
    re.I,
)


def novel_words(reading: Reading) -> list[Finding]:
    """Nouns the article does not carry anywhere: a name (``names``) or a detail (``novel``)."""
    findings = []
    for token in reading.aligned.novel:
        if not token.text[:1].isupper() or token.text.casefold() in GENERIC_NOUNS:
            continue
        lower = token.text.casefold()
        timeword = lower in DAY_PARTS or lower.startswith(WEEKDAYS) or stem(lower) in TIME_STEMS
        if zipf(token.text) >= COMMON_ZIPF and not timeword:
            # "Gut möglich, …" at the start; "Geld", "Welt", "Probleme": words so common that
            # they name no detail of their own.
            continue
        if token.position > 0 and proper(token.text, reading.text):
            findings.append(Finding("names", f"'{token.text}' does not occur in the article"))
        else:
            findings.append(Finding("novel", f"'{token.text}' is not in the article"))
    return findings


def degree_words(reading: Reading) -> list[Finding]:
    """A degree or scope word that the clause's evidence does not say."""
    idx = reading.index
    findings = []
    for clause in reading.aligned.clauses:
        units = window(clause, idx.dateline, idx.table_head) | set(clause.carriers)
        units_text = " ".join(idx.units[u] for u in units if u in idx.units)
        for word in re.findall(r"\w+", clause.text):
            lower = word.casefold()
            said = lower in units_text.casefold() or (
                lower == "erstmals" and re.search(r"\berst\w*\s+[Mm]al", units_text)
            )
            if lower in DEGREE_WORDS and not said:
                findings.append(Finding("novel", f"'{word}': its evidence does not say so"))
    return findings


def causes(reading: Reading) -> list[Finding]:
    """A cause ("weil", "wegen") where no sentence of the bullet's evidence gives one.

    A speaker often gives the reason in a sentence of its own ("Die Seile seien beschädigt,
    sagte der Bürgermeister."): a cause clause whose own sentence is such reported speech, close
    to the sentence of what it explains, is the article's reason too."""
    if not _CAUSE_RE.search(reading.text):
        return []
    idx = reading.index
    clauses = reading.aligned.clauses
    units = {u for c in clauses for u in c.carriers}
    if any(_EVIDENCE_CAUSE_RE.search(idx.units[u]) for u in units if u in idx.units):
        return []
    explained = [c.carriers[0] for c in clauses if c.carriers and not _CAUSE_RE.search(c.text)]
    for clause in clauses:
        if not clause.carriers or not _CAUSE_RE.search(clause.text):
            continue
        reason = clause.carriers[0]
        if (
            0 <= reason < EXTRA
            and _reported(idx.units[reason])
            and any(0 < abs(reason - u) <= 2 for u in explained if 0 <= u < EXTRA)
        ):
            return []
    return [Finding("novel", "a cause that its evidence does not give")]


def _reported(sentence: str) -> bool:
    """Someone's words: reported speech ("seien"), a quote, or a verb of saying."""
    return bool(reported_speech(sentence) or find_quotes(sentence) or has_source(sentence))
