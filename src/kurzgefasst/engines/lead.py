"""Lead-N: the first sentences of the article (lead included), the classic news baseline."""

from __future__ import annotations

from ..contracts import Candidate, Usability
from ..document import Document
from .base import Engine


class LeadEngine(Engine):
    name = "lead"

    def rank(self, doc: Document, n: int, usable: Usability) -> list[Candidate]:
        total = len(doc.sentences)
        return [
            Candidate(s.text, (s.index,), float(total - s.index), self.name) for s in doc.sentences
        ]
