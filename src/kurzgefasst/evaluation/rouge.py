"""ROUGE for German: rouge-score's scorer with a tokenizer that keeps ä, ö, ü and ß.

rouge-score's default tokenizer deletes every non-ASCII letter ("Größe" → "gr e") and stems
with the English Porter stemmer, so it must never score German. Here: Unicode word tokens,
lowercased, German Snowball stemmer (ships with nltk, needs no download).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("german")


@lru_cache(maxsize=262144)
def _stem(token: str) -> str:
    return _stemmer().stem(token)


class GermanTokenizer:
    """rouge-score tokenizer interface: ``tokenize(text) -> list[str]``."""

    def __init__(self, stem: bool = True) -> None:
        self.stem = stem

    def tokenize(self, text: str) -> list[str]:
        tokens = _TOKEN_RE.findall(text.lower())
        return [_stem(t) for t in tokens] if self.stem else tokens


@lru_cache(maxsize=2)
def _scorer(stem: bool) -> Any:
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), tokenizer=GermanTokenizer(stem))


def join(lines: Sequence[str] | str) -> str:
    """Bullets and references are joined with newlines (ROUGE-Lsum splits on them)."""
    return lines if isinstance(lines, str) else "\n".join(line.strip() for line in lines)


def rouge(
    prediction: Sequence[str] | str, reference: Sequence[str] | str, *, stem: bool = True
) -> dict[str, float]:
    """ROUGE-1/2/Lsum F1 × 100."""
    scores = _scorer(stem).score(join(reference), join(prediction))
    return {name: scores[name].fmeasure * 100 for name in ROUGE_TYPES}
