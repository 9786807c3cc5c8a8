"""novel: a verb or comparative turned into its opposite ("gewann" → "verlor").

A changed main verb is the hardest invention for a lexical guard: a paraphrase changes verbs
all the time ("wird berichtet" → "gemeldet werden"), so a verb the article lacks is no sign by
itself. A verb that says the opposite of its evidence is: the bullet has one side of a pair
("gewann", "stieg", "zugestimmt", "festgenommen", "mehr") where the sentence it retells has
the other and not this one. The pairs are the opposites news turns on; word forms are matched
by their beginnings, so every tense and participle counts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .base import Finding, Reading

#: Pairs of opposite meanings, each side as the beginnings of its word forms.
OPPOSITES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("gewinn", "gewann", "gewonn", "siegt", "besiegt"),
        ("verlier", "verlor", "unterlag", "unterlieg"),
    ),
    (
        (
            "steig",
            "stieg",
            "gestieg",
            "erhöh",
            "wuchs",
            "wachs",
            "gewachs",
            "zugenommen",
            "nimmt zu",
        ),
        (
            "sink",
            "sank",
            "gesunk",
            "senk",
            "gesenkt",
            "verringer",
            "schrumpf",
            "abgenommen",
            "nimmt ab",
        ),
    ),
    (
        ("zustimm", "zugestimmt", "angenommen", "billigt", "gebilligt", "genehmig"),
        ("ablehn", "abgelehnt", "lehnt", "verwarf", "verworfen", "abgewiesen", "wies"),
    ),
    (("bestätig",), ("dementier", "bestreit", "bestritt", "widerleg")),
    (
        ("festgenommen", "festnahm", "verhaftet", "nahm fest", "nehmen fest"),
        ("freigelassen", "freiließ", "freiliess", "freilass", "liess frei", "ließ frei"),
    ),
    (("verurteil",), ("freigesproch", "freisprach", "freispruch")),
    (
        ("öffne", "geöffnet", "eröffne", "freigegeben"),
        ("schließ", "schliess", "schloss", "geschlossen", "gesperrt", "sperrt"),
    ),
    (("kauft", "kaufte", "gekauft", "kaufen"), ("verkauf",)),
    (("begann", "beginn", "begonn"), ("endet", "beendet", "endete")),
    (("starb", "gestorb", "stirbt", "sterb", "getötet", "tötet"), ("überleb",)),
    (("erlaub",), ("verbot", "verbiet", "untersag")),
    (("lockert", "gelockert", "aufgehoben", "hebt auf"), ("verschärf",)),
    (("höher",), ("niedriger", "tiefer")),
    (("grösser", "größer"), ("kleiner",)),
    (("teurer",), ("billiger", "günstiger")),
    (("früher",), ("später",)),
)
_SIDE_RES = tuple(
    tuple(re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + ")") for forms in pair)
    for pair in OPPOSITES
)


@lru_cache(maxsize=4096)
def _sides(text: str) -> dict[int, frozenset[int]]:
    """Per pair, the sides (0, 1) that ``text`` uses."""
    lower = text.casefold()
    found: dict[int, frozenset[int]] = {}
    for i, pair in enumerate(_SIDE_RES):
        sides = frozenset(side for side, pattern in enumerate(pair) if pattern.search(lower))
        if sides:
            found[i] = sides
    return found


def opposites(reading: Reading) -> list[Finding]:
    idx = reading.index
    findings = []
    for clause in reading.aligned.clauses:
        if not clause.carriers:
            continue
        mine = _sides(clause.text)
        if not mine:
            continue
        theirs = _sides(" ".join(idx.units[u] for u in clause.carriers))
        for pair, sides in mine.items():
            said = theirs.get(pair, frozenset())
            if len(sides) == 1 and said and not sides & said:
                side = next(iter(sides))
                findings.append(
                    Finding(
                        "novel",
                        f"'{OPPOSITES[pair][side][0]}…': its evidence says the opposite "
                        f"('{OPPOSITES[pair][1 - side][0]}…')",
                    )
                )
    return findings
