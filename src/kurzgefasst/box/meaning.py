"""Cuts that change what a sentence says: a bullet must never make them.

Deleting words is how a bullet gets short, and most deletions are harmless (an apposition, a
weekday, "am Montag in Berlin"). Some reverse or widen the claim: "zwar …" without its
"aber …", "nicht nur …" without "sondern …", a dropped negation, condition or scope caveat
("nur für Ungeimpfte", "wenn der Bundesrat zustimmt"). ``meaning_cut`` compares a bullet with
the sentences it was made from and names such a cut; the box stage then falls back to the
sentence (or, with ``strict``, fails).
"""

from __future__ import annotations

import difflib
import re

_WORD_RE = re.compile(r"[\wÄÖÜäöüß]+")
_CONCESSIVE = frozenset({"aber", "doch", "jedoch", "allerdings", "dennoch", "trotzdem"})
_NEGATIONS = frozenset(
    "nicht kein keine keinen keinem keiner keines nie niemals nichts niemand weder "
    "nirgends kaum".split()
)
# Words whose loss narrows or widens a claim: conditions and scope.
_CAVEATS = frozenset(
    "wenn falls sofern solange nur erst lediglich ausschließlich ausschliesslich bislang "
    "bisher vorerst vorläufig möglicherweise vermutlich offenbar angeblich mutmaßlich "
    "mutmasslich wohl rund etwa knapp fast fast höchstens mindestens".split()
)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD_RE.findall(text)]


def meaning_cut(bullet: str, sources: list[str]) -> str | None:
    """The meaning-changing cut the bullet makes of its source sentences, or None."""
    kept = _words(bullet)
    kept_set = set(kept)
    if "zwar" in kept_set and not kept_set & _CONCESSIVE:
        return "a cut after 'zwar' drops its 'aber'"
    text = " ".join(kept)
    if "nicht nur" in text and "sondern" not in kept_set and "auch" not in kept_set:
        return "a cut after 'nicht nur' drops its 'sondern'"
    source = [w for s in sources for w in _words(s)]
    matcher = difflib.SequenceMatcher(a=source, b=kept, autojunk=False)
    for op, a0, a1, _, _ in matcher.get_opcodes():
        if op not in ("delete", "replace"):
            continue
        dropped = source[a0:a1]
        for word in dropped:
            if word in _NEGATIONS and word not in kept_set:
                return f"the cut drops the negation '{word}'"
            if word in _CAVEATS and word not in kept_set:
                return f"the cut drops the caveat '{word}'"
            if word in _CONCESSIVE and "zwar" in source and word not in kept_set:
                return f"the cut drops '{word}' of a 'zwar … {word}'"
    return None
