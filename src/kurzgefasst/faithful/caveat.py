"""caveat: a restriction stays with its claim.

When the sentence a clause rests on is restricted by the next one ("Doch das gilt nur für
ungeimpfte Personen", "Die Angaben ließen sich nicht unabhängig überprüfen"), the bullet keeps
the restriction (or at least a source). The guard's only look past a bullet's own evidence,
and deliberately narrow.
"""

from __future__ import annotations

import re

from ..alignment import EXTRA, STOPWORDS
from ..german.wordforms import stem
from .attribution import bullet_attributes
from .base import Finding, Reading

# The next sentence limits where the claim holds: "Doch das gilt nur für …".
# "Die Angaben ließen sich nicht unabhängig überprüfen": the claim before is unverified.
_UNVERIFIED_RE = re.compile(
    r"\b(?:Angaben|Zahlen|Informationen|Berichte)\b[^.]*\bnicht\b[^.]*"
    r"\b(?:überprüf|bestätig|verifizier)\w*"
)
_CAVEAT_RE = re.compile(
    r"^(?:Doch|Aber|Allerdings|Jedoch|Das|Dies)\b[^.]*\b(?:gilt|gelten|betrifft)\b[^.]*\b(?:nur|nicht)\b"
)


def caveats(reading: Reading) -> list[Finding]:
    text, idx = reading.text, reading.index
    lower_words = {w.casefold() for w in re.findall(r"\w+", text)}
    findings = []
    for clause in reading.aligned.clauses:
        main = clause.carriers[0] if clause.carriers else None
        if main is None or not 0 <= main < EXTRA or main + 1 not in idx.units:
            continue
        follower = idx.units[main + 1]
        unverified = _UNVERIFIED_RE.search(follower) and not bullet_attributes(text)
        if (_CAVEAT_RE.search(follower) or unverified) and not _CAVEAT_RE.search(text):
            restriction = {stem(w) for w in re.findall(r"\w+", follower) if len(w) > 3}
            if not restriction & {stem(w) for w in lower_words if w not in STOPWORDS}:
                findings.append(Finding("caveat", f"the article restricts this: „{follower[:80]}“"))
    return findings
