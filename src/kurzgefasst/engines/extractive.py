"""The default engine: scores every sentence and picks with redundancy control (MMR).

Scores combine what makes a news sentence summary-worthy: early position (news is written
top-down), centrality (shares rare words with the rest of the article), similarity to the
title, and names and numbers that recur in the article.
"""

from __future__ import annotations

import math
from collections import Counter

from ..bullets import unusable_reason
from ..document import Document, Sentence, word_key
from ..german.lexicon import rarity
from ..options import Options
from .base import Candidate, Engine

#: Weight of redundancy against relevance in MMR selection.
REDUNDANCY = 0.6


def _weights(sentence: Sentence) -> Counter[str]:
    counts: Counter[str] = Counter()
    for word in sentence.words:
        if len(word) > 2 and word.isalpha():
            counts[word_key(word)] += rarity(word)
    return counts


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(value * b[key] for key, value in a.items() if key in b)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


class ExtractiveEngine(Engine):
    name = "extractive"

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()

    def scores(self, doc: Document) -> list[float]:
        vectors = [_weights(s) for s in doc.sentences]
        total: Counter[str] = Counter()
        for vector in vectors:
            total.update(vector)
        recurring = Counter(w for s in doc.sentences for w in set(s.capitalised))
        scores = []
        for sentence, vector in zip(doc.sentences, vectors, strict=True):
            rest = total.copy()
            rest.subtract(vector)
            centrality = cosine(vector, +rest)
            position = 1.0 / math.sqrt(1 + sentence.index)
            title = (
                len(set(sentence.keys) & doc.title_keys) / len(doc.title_keys)
                if doc.title_keys
                else 0.0
            )
            names = sum(1 for w in set(sentence.capitalised) if recurring[w] > 1)
            scores.append(position + 0.8 * centrality + 0.5 * title + 0.05 * min(names, 4))
        return scores

    def rank(self, doc: Document, n: int) -> list[Candidate]:
        scores = self.scores(doc)
        pool = [s for s in doc.sentences if unusable_reason(s, self.options) is None]
        vectors = {s.index: _weights(s) for s in pool}
        ranked: list[Candidate] = []
        while pool and len(ranked) < 3 * n + 5:

            def mmr(s: Sentence) -> float:
                overlap = max(
                    (cosine(vectors[s.index], vectors[c.sentence_ids[0]]) for c in ranked),
                    default=0.0,
                )
                return scores[s.index] - REDUNDANCY * overlap

            best = max(pool, key=mmr)
            pool.remove(best)
            ranked.append(Candidate(best.text, (best.index,), mmr(best), self.name))
        return ranked
