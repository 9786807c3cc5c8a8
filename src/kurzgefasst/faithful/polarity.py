"""negation: what the article negates or restricts, the bullet must too (and the reverse).

"Die Brücke bleibt nicht gesperrt" → "Die Brücke bleibt gesperrt" turns a claim into its
opposite with the article's own words, so every word passes the other rules. The check is on
polarity words only: a negation ("nicht", "kein", "nie") or a restriction ("nur", "fast",
"kaum") that the bullet adds where its evidence has none, or that the evidence puts inside the
stretch of the sentence the bullet retells (a word of the clause right before it and right
after it) and the bullet drops.
"""

from __future__ import annotations

import re

from ..alignment import STOPWORDS, Clause, Index
from ..german import numbers
from ..german.wordforms import stem
from .base import Finding, Reading

NEGATIONS = frozenset(
    "nicht kein keine keinen keinem keiner keines nie niemals nichts niemand weder nirgends "
    "nirgendwo".split()
)
# Negations that a bullet or its evidence may use for one another.
_NEGATED_RE = re.compile(
    r"\b(?:nicht|kein\w*|nie|niemals|nichts|niemand|weder|nirgend\w*|ohne|kaum)\b", re.I
)
# What a bullet may say instead of "nicht": verbs and words of refusal or absence ("lehnte
# ab" for "stimmte nicht zu"), unless the article's sentence has the same word ("nicht
# ausgeschlossen" is not "ausgeschlossen").
_REFUSAL_RE = re.compile(
    r"\b(?:verweiger\w*|abgelehnt|lehnt\w*|ablehn\w*|fehl\w*|verzicht\w*|verpass\w*|"
    r"scheiter\w*|gescheitert|statt|anstatt|abgesagt|verboten|verbiet\w*|bestreit\w*|"
    r"bestritt\w*|dementier\w*|ausgeschlossen|zweifel\w*|bezweifel\w*|verhinder\w*|"
    r"stopp\w*|gestoppt|absag\w*|sagt\w*\s+ab|weigert\w*|un[a-zäöüß]{5,})\b",
    re.I,
)
#: Restrictions: "nur 20 Prozent" is not "20 Prozent"; "fast 100" is not "100".
RESTRICTIONS = frozenset("nur lediglich bloss bloß fast knapp kaum beinahe".split())
_ONLY = frozenset("nur lediglich bloss bloß".split())
_ONLY_RE = re.compile(r"\b(?:nur|lediglich|blo(?:ss|ß)|einzig\w*|allein\w*|erst|gerade)\b", re.I)
_ALMOST_RE = re.compile(
    r"\b(?:fast|knapp|kaum|beinahe|nahezu|rund|etwa|ungefähr|circa|ca|gut|über|unter|weniger|"
    r"mehr|annähernd|bis)\b",
    re.I,
)
#: "nicht nur … sondern auch" adds, it does not negate.
_NOT_ONLY_RE = re.compile(r"\bnicht\s+(?:nur|zuletzt|allein|bloss|bloß)\b", re.I)
_NOT_ONLY_NEXT = frozenset(("nur", "zuletzt", "allein", "bloss", "bloß", "einmal"))
_WORD_RE = re.compile(r"[\wäöüÄÖÜß’'-]+")


def polarity(reading: Reading) -> list[Finding]:
    idx = reading.index
    findings: list[Finding] = []
    for clause in reading.aligned.clauses:
        if not clause.carriers:
            continue
        # The sentences the clause retells (not the wider window: a negation two sentences
        # away says nothing about this claim).
        evidence = _NOT_ONLY_RE.sub("", " ".join(idx.units[u] for u in clause.carriers))
        lower = [w.casefold() for w in _WORD_RE.findall(_NOT_ONLY_RE.sub("", clause.text))]
        added = next((w for w in lower if w in NEGATIONS), None)
        # "abgelehnt" may be retold as "nicht angenommen", not as "nicht abgelehnt".
        refused = any(
            not m.group(0).casefold().startswith("un") and m.group(0).casefold() not in lower
            for m in _REFUSAL_RE.finditer(evidence)
        )
        if added and not (_NEGATED_RE.search(evidence) or refused):
            findings.append(Finding("negation", f"'{added}': its evidence does not negate this"))
        limit = next((w for w in lower if w in RESTRICTIONS), None)
        said = _ONLY_RE if limit in _ONLY else _ALMOST_RE
        if limit and not said.search(evidence):
            findings.append(Finding("negation", f"'{limit}': its evidence does not restrict this"))
        dropped = _dropped(clause, idx, reading.text)
        if dropped:
            findings.append(Finding("negation", dropped))
    return findings


def _negated(text: str, sentence: str) -> bool:
    """The bullet negates: a negation, or a word of refusal the article's sentence lacks."""
    if _NEGATED_RE.search(_NOT_ONLY_RE.sub("", text)):
        return True
    said = {w.casefold() for w in _WORD_RE.findall(sentence)}
    return any(m.group(0).casefold() not in said for m in _REFUSAL_RE.finditer(text))


def _dropped(clause: Clause, idx: Index, text: str) -> str | None:
    """A negation or restriction of the clause's main sentence that stands between words the
    clause retells, and that the bullet leaves out."""
    stems = {stem(t.text)[:5] for t in clause.tokens if len(t.text) > 2}
    if not stems:
        return None
    bullet = {w.casefold() for w in _WORD_RE.findall(text)}
    bullet_negated = _negated(text, idx.units[clause.carriers[0]])
    # An aside in parentheses or a side clause after a comma is not what the clause retells.
    for part in _PART_RE.split(_ASIDE_RE.sub(" , ", idx.units[clause.carriers[0]])):
        found = _dropped_in(_WORD_RE.findall(part), stems, bullet, bullet_negated)
        if found:
            return found
    return None


_ASIDE_RE = re.compile(r"\([^)]*\)")
_PART_RE = re.compile(r"[,;:–]\s")


def _kept_number(word: str, bullet: set[str]) -> bool:
    """A number (digits or a written one) that the bullet has too; "ein" is mostly an article
    ("nur ein Zweitgrill"), so it is none."""
    lower = word.casefold()
    written = not lower.startswith("ein") and numbers.parse_written(lower) is not None
    return (word[:1].isdigit() or written) and lower in bullet


def _dropped_in(
    words: list[str], stems: set[str], bullet: set[str], bullet_negated: bool
) -> str | None:
    held = [stem(w)[:5] in stems or (w[:1].isdigit() and w in bullet) for w in words]
    for i, word in enumerate(words):
        lower = word.casefold()
        negation = lower in NEGATIONS
        if not negation and lower not in RESTRICTIONS:
            continue
        # What the negation is about: the next word that is no function word ("nicht mehr für
        # den Posten" is about "Posten"); the clause must retell it and what comes before.
        following = next(
            (
                j
                for j in range(i + 1, min(len(words), i + 5))
                if words[j].casefold() not in STOPWORDS
            ),
            None,
        )
        nxt = words[i + 1].casefold() if i + 1 < len(words) else ""
        if following is None or (negation and nxt in _NOT_ONLY_NEXT):
            continue
        # Before it, a word the clause retells too (or nothing: "Nur die Feuerwehr darf …").
        if not ((i == 0 or any(held[max(0, i - 6) : i])) and held[following]):
            continue
        if negation and not bullet_negated:
            return f"the article says '{word}' here; the bullet does not"
        if lower in _ONLY and i + 1 < len(words) and _kept_number(words[i + 1], bullet):
            continue  # "für nur 325 Euro" → "für 325 Euro": the number says how little
        if not negation and not bullet & RESTRICTIONS and lower not in bullet:
            return f"the article restricts this ('{word}'); the bullet does not"
    return None
