"""Faithfulness metrics: the product's own guard, applied to every system's bullets alike.

Counting the guard's problems by rule means the metric grows with the guard: a rule added to
the guard's registry (``guard.RULES``) shows up here without a change, and ``checked_rules``
reads the same registry, so a table can tell "0 problems" from "not checked".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .. import guard
from ..document import Document
from ..german.anaphora import dangling_start

#: Bullets longer than this are hard to read in a summary box (and over the default max_chars).
LONG_BULLET = 200

_SPACES_RE = re.compile(r"\s+")


@dataclass
class BulletCheck:
    """What the metrics need to know about one bullet."""

    chars: int
    problems: Counter[str] = field(default_factory=Counter)
    #: It has evidence, and every evidence sentence occurs verbatim in the input.
    evidence_verbatim: bool = False
    #: The bullet itself occurs verbatim in the input (an extract, not a rewrite).
    verbatim: bool = False
    dangling: str | None = None


def _squash(text: str) -> str:
    return _SPACES_RE.sub(" ", text).strip()


def check_bullet(
    text: str,
    doc: Document,
    evidence: tuple[int, ...],
    evidence_texts: tuple[str, ...],
    raw_input: str,
) -> BulletCheck:
    """Run the guard on one bullet and measure it.

    ``evidence`` are the sentence ids the system declared (empty: the guard searches, as for
    any generative engine); ``evidence_texts`` the evidence texts it showed the reader;
    ``raw_input`` the text it was given (``squash_input``). A bullet without declared
    evidence never counts as having verbatim evidence.
    """
    verdict = guard.check(text, doc, evidence)
    return BulletCheck(
        chars=len(text),
        problems=Counter(p.rule for p in verdict.problems),
        evidence_verbatim=bool(evidence_texts)
        and all(_squash(e) in raw_input for e in evidence_texts),
        verbatim=_squash(text) in raw_input,
        dangling=dangling_start(text),
    )


def squash_input(text: str, title: str | None) -> str:
    return _squash(f"{title}\n{text}" if title else text)


def checked_rules() -> frozenset[str]:
    """The rules the guard checks: its registry (``guard.RULES``), so a table can tell
    "0 problems" from "not checked"."""
    return frozenset(guard.RULE_NAMES)
