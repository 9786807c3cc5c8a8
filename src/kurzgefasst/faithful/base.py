"""What every rule of the clause-by-clause reading looks at, and what it reports."""

from __future__ import annotations

from dataclasses import dataclass

from ..alignment import Alignment, Index
from ..document import Document


@dataclass(frozen=True)
class Finding:
    rule: str
    detail: str


@dataclass(frozen=True)
class Reading:
    """One generated bullet aligned with its article: the input of every rule."""

    text: str
    doc: Document
    aligned: Alignment
    index: Index
