"""The guard: every bullet of every engine is checked against the Document before it is shown.

Rules (each a Problem with a rule name a user can look up in docs/faithfulness.md):
numbers – every number occurs in the article (after normalisation);
quotes – every quoted span is verbatim in the article;
evidence – the bullet rests on one or a few article sentences, found by word overlap when the
engine did not say which.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .document import Document, word_key
from .german.numbers import unsupported_numbers
from .german.quotes import find_quotes, normalise_quotes

_WORD_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Problem:
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.detail}"


@dataclass
class Verdict:
    evidence: tuple[int, ...]
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def find_evidence(text: str, doc: Document, limit: int = 2) -> tuple[int, ...]:
    """The sentences that share most content words with ``text`` (for generative engines)."""
    keys = Counter(word_key(w) for w in _WORD_RE.findall(text) if len(w) > 2)
    if not keys:
        return ()
    scored = []
    for sentence in doc.sentences:
        overlap = sum((keys & Counter(sentence.keys)).values())
        if overlap:
            scored.append((overlap / sum(keys.values()), sentence.index))
    scored.sort(reverse=True)
    chosen = [scored[0][1]] if scored else []
    covered = set(chosen)
    for share, index in scored[1:limit]:
        if share >= 0.3 and index not in covered:
            chosen.append(index)
    return tuple(sorted(chosen))


def check(text: str, doc: Document, sentence_ids: tuple[int, ...] = ()) -> Verdict:
    evidence = sentence_ids or find_evidence(text, doc)
    verdict = Verdict(evidence=evidence)
    if not evidence:
        verdict.problems.append(Problem("evidence", "no sentence of the article supports it"))
    for number in unsupported_numbers(text, doc.number_values):
        verdict.problems.append(Problem("numbers", f"'{number}' does not occur in the article"))
    source = doc.normalised_text
    for quote in find_quotes(text):
        if normalise_quotes(quote.text).strip() not in source:
            verdict.problems.append(
                Problem("quotes", f"„{quote.text}“ is not verbatim in the article")
            )
    return verdict
