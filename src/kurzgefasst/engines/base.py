"""The engine contract: propose ranked bullet candidates from a Document.

Engines never parse text (everything comes from the Document) and never decide what reaches
the reader: the pipeline passes every candidate through the bullet stage and the guard, in
the engine's order, until enough bullets pass.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from ..document import Document


@dataclass(frozen=True)
class Candidate:
    text: str
    #: Sentences the candidate was taken from; empty for generative engines (the guard
    #: then finds the evidence itself).
    sentence_ids: tuple[int, ...]
    score: float
    engine: str


class Engine(ABC):
    name: ClassVar[str]
    #: Generative engines need a fallback engine whose candidates replace rejected bullets.
    needs_fallback: ClassVar[bool] = False

    @abstractmethod
    def rank(self, doc: Document, n: int) -> list[Candidate]:
        """Candidates in order of preference; more than ``n`` so rejected ones can be replaced."""
