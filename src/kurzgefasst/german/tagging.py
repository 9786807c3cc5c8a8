"""Lemmas and STTS part-of-speech tags from HanTa, fixed where HanTa is known to be wrong.

HanTa runs lazily: only on the sentences that become bullets (and the box's and the guard's
checks of them), never on a whole article by default. Most of its time per sentence is the
morphological analysis of each word, which does not depend on the sentence: ``tagger``
remembers it per word, so a sentence of known words costs about 0.3 ms and a new word about
0.6 ms once; frequent words outside HanTa's own cache are read from a shipped table
(``word_analyses``) instead. A lemma costs a second analysis per word: callers that only ask
"a verb? a name?" use ``pos_tags``, which gives the same tags as ``tag`` without the lemmas.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from kurzgefasst.german import word_analyses


@lru_cache(maxsize=1)
def tagger() -> Any:
    """HanTa's tagger, loaded once (about 0.5 s)."""
    from HanTa import HanoverTagger

    model = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    # A word's analyses do not depend on its sentence, yet HanTa redoes them for every
    # sentence it tags (most of its 10 ms): remember them. Both are pure functions of their
    # arguments and their results are only read, so the tags stay exactly the same. (A
    # word's lemma analysis is remembered by ``analyze``; ``pos_tags`` needs none.)
    # Frequent words outside HanTa's own cache are read from the shipped table instead of being
    # analysed (``word_analyses``: the same analyses, 0.5 ms saved per word).
    compute = model.analyze_forward

    def analyze_forward(word: str) -> list[tuple[int, float]]:
        stored = word_analyses.lookup(word)
        return compute(word) if stored is None else stored

    model.analyze_forward = lru_cache(maxsize=WORD_CACHE)(analyze_forward)
    model._tag_word = lru_cache(maxsize=WORD_CACHE)(model._tag_word)
    return model


#: Words whose HanTa analyses are remembered (a few hundred bytes each).
WORD_CACHE = 32768


def _fix_lemma(word: str, lemma: str, pos: str) -> str:
    # HanTa lowercases inner capitals ("USA" → "Usa", "SPD-Politikerin" → "Spd-politikerin"):
    # keep the original spelling when the lemma differs only in case.
    if lemma.lower() == word.lower():
        return word
    # It strips a final s from names as if it were a genitive ("Pistorius" → "Pistoriu").
    if pos == "NE" and lemma == word[:-1] and word.endswith(("us", "is", "os", "as", "ss")):
        return word
    if len(lemma) > 1 and lemma[0].islower() and word[:1].isupper() and pos in ("NE", "NN"):
        return lemma[0].upper() + lemma[1:]
    return lemma


def tag(words: list[str]) -> list[tuple[str, str]]:
    """(lemma, STTS tag) for each word of one sentence."""
    if not words:
        return []
    return list(_tagged(tuple(words)))


def pos_tags(words: Sequence[str]) -> list[str]:
    """The STTS tags of ``tag`` without the lemmas: a lemma costs HanTa a morphological
    analysis of its word, which a caller that only asks "a verb? a name?" does not need."""
    if not words:
        return []
    names = tagger().int2tag
    return [names[t] for t in _tag_ids(tuple(words))]


@lru_cache(maxsize=4096)
def _tag_ids(words: tuple[str, ...]) -> tuple[int, ...]:
    """HanTa's sentence Viterbi (the tags of ``tag_sent``), shared by ``tag`` and ``pos_tags``."""
    return tuple(tagger().tag_sent_viterbi(list(words)))


@lru_cache(maxsize=4096)
def _tagged(words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    # What HanTa's tag_sent(words, taglevel=1) does after its Viterbi, on the shared tags.
    model = tagger()
    out = []
    for word, tag_id in zip(words, _tag_ids(words), strict=True):
        pos = model.int2tag[tag_id]
        out.append((_fix_lemma(word, model._analyze(word, tag_id, taglevel=1)[0], pos), pos))
    return tuple(out)


@lru_cache(maxsize=65536)
def analyze(word: str) -> tuple[str, str]:
    """Context-free (lemma, tag) of one word; cached because names repeat across articles."""
    lemma, pos = tagger().analyze(word)
    return _fix_lemma(word, lemma, pos), pos


@lru_cache(maxsize=16384)
def morphemes(word: str) -> tuple[tuple[str, str], ...]:
    """HanTa's morphemes of one word ("Ministerin" → (minister, NN), (in, SUF_FEM))."""
    _, parts, _ = tagger().analyze(word, taglevel=3)
    return tuple((str(m), str(t)) for m, t in parts)
