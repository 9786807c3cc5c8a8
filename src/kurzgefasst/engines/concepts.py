"""Concepts: the words of an article that a teaser is likely to repeat.

A teaser shares words with the summary, and ROUGE-1 counts each shared word once per use in the
teaser, however many bullets repeat it. So a sentence is worth the likely teaser words it adds
to what the chosen sentences already say (concept coverage, as in Gillick and Favre's
summarizer). A small model predicts for every word of the article (its ``word_key``) how
likely the teaser is to use it, from what a reader sees too: how often and how early the
article uses the word, whether it is capitalised inside sentences (a name), how rare it is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..document import word_key
from ..german.lexicon import zipf

_WORD_RE = re.compile(r"\w+")

CONCEPT_FEATURES = (
    "count", "count_share", "sentences", "sentences_share", "first", "first_rel",
    "in_first", "in_second", "in_third", "capitalised_share", "digits", "chars", "zipf",
    "article_sentences", "article_words", "count_first3", "capitalised_first", "last_rel",
    "mean_position_rel",
)  # fmt: skip


def sentence_concepts(text: str) -> frozenset[str]:
    """The concepts (word keys) a sentence or bullet contains."""
    return frozenset(word_key(word) for word in _WORD_RE.findall(text))


def concept_table(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """Every concept of an article (its sentences' texts) and its features, one row each."""
    count: Counter[str] = Counter()
    sentences: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    count_first3: Counter[str] = Counter()
    position_sum: Counter[str] = Counter()
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    capitalised_first: dict[str, bool] = {}
    surface: dict[str, str] = {}
    total = 0
    for i, text in enumerate(texts):
        seen = set()
        for j, word in enumerate(_WORD_RE.findall(text)):
            key = word_key(word)
            inner_capital = j > 0 and word[:1].isupper()
            count[key] += 1
            total += 1
            if key not in first:
                first[key] = i
                capitalised_first[key] = inner_capital
                surface[key] = word
            last[key] = i
            position_sum[key] += i
            capitalised[key] += inner_capital
            if i < 3:
                count_first3[key] += 1
            seen.add(key)
        sentences.update(seen)
    n = max(len(texts), 1)
    keys = list(count)

    def row(k: str) -> list[float]:
        """The values of ``CONCEPT_FEATURES``, in that order."""
        return [
            count[k], count[k] / max(total, 1), sentences[k], sentences[k] / n, first[k],
            first[k] / n, first[k] == 0, first[k] == 1, first[k] == 2,
            capitalised[k] / count[k], surface[k].isdigit(), len(surface[k]), zipf(surface[k]),
            len(texts), total, count_first3[k], capitalised_first[k], last[k] / n,
            position_sum[k] / count[k] / n,
        ]  # fmt: skip

    matrix = np.array([row(k) for k in keys], dtype=np.float32).reshape(
        len(keys), len(CONCEPT_FEATURES)
    )
    return keys, matrix


def concept_labels(keys: Sequence[str], reference: Sequence[str]) -> np.ndarray:
    """1 for the concepts the reference teaser uses, else 0 (the training target)."""
    wanted = sentence_concepts("\n".join(reference))
    return np.array([key in wanted for key in keys], dtype=np.float64)
