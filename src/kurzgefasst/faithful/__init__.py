"""Rules that tell a paraphrase from an invention, for bullets the guard finds evidence for.

A generated bullet (an LLM's, an editor's) is aligned clause by clause with the article
(``alignment``); then:

novel – a noun, name or degree word ("alle", "erstmals") that the article does not carry in
  any form, a cause ("weil", "wegen") where its evidence gives none, or a verb or comparative
  that says the opposite of its evidence ("verlor" for "gewann");
numbers – a number, date or weekday that the article gives, but for something else: it is not
  in the sentences that carry the rest of its clause;
names – a name the article uses only in an unrelated sentence, fused into this clause;
attribution – the evidence qualifies the claim (an estimate, accusation, opinion, forecast,
  rumour, "soll", another outlet's report, a party's reported speech) and the bullet states
  it as fact. A neutral report of an authority ("teilte das Gericht mit", "laut Polizei")
  needs no source in the bullet;
caveat – the evidence sentence is restricted by the next one ("Doch das gilt nur …") and the
  bullet leaves the restriction out;
negation – the bullet negates or restricts ("nicht", "kein", "nur", "fast") what its evidence
  does not, or drops a negation or restriction from the stretch of the sentence it retells;
roles – two names or nouns of the article trade places ("Nadal besiegte Djokovic" →
  "Djokovic besiegte Nadal").

One module per rule (``novel``, ``opposites``, ``placement`` for numbers and names in their clause,
``counting`` for what a number counts, ``attribution``, ``caveat``, ``polarity``, ``roles``); ``CHECKS`` lists them in
the order ``check`` runs them.
"""

from __future__ import annotations

from collections.abc import Callable

from ..alignment import Alignment, align, index
from ..document import Document
from .attribution import dropped_source, questions
from .base import Finding, Reading
from .caveat import caveats
from .counting import counted, designations
from .novel import causes, degree_words, novel_words
from .opposites import opposites
from .placement import placed_facts, proper, unsupported
from .polarity import polarity
from .roles import roles

__all__ = ["CHECKS", "Finding", "Reading", "check", "proper"]

#: Every check of the clause-by-clause reading, in the order ``check`` runs them. Each returns
#: findings under one of the guard's rule names (``guard.RULE_NAMES``).
CHECKS: tuple[Callable[[Reading], list[Finding]], ...] = (
    unsupported,  # evidence
    novel_words,  # novel, names
    degree_words,  # novel
    placed_facts,  # numbers, names
    counted,  # numbers
    designations,  # numbers
    causes,  # novel
    opposites,  # novel
    questions,  # attribution
    dropped_source,  # attribution
    caveats,  # caveat
    polarity,  # negation
    roles,  # roles
)


def check(text: str, doc: Document) -> tuple[Alignment, list[Finding]]:
    """Align a generated bullet with its article and run every check on it."""
    reading = Reading(text, doc, align(text, doc), index(doc))
    findings = [finding for find in CHECKS for finding in find(reading)]
    return reading.aligned, list(dict.fromkeys(findings))
