"""Lead-N: the first sentences of the article (lead included), the classic news baseline."""

from __future__ import annotations

from ..document import Document
from .base import Candidate, Engine


class LeadEngine(Engine):
    name = "lead"

    def rank(self, doc: Document, n: int) -> list[Candidate]:
        total = len(doc.sentences)
        return [
            Candidate(s.text, (s.index,), float(total - s.index), self.name) for s in doc.sentences
        ]
