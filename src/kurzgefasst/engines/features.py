"""Sentence features for the learned extractive scorer, computed once per Document.

Every feature is something a reader would recognise: where the sentence stands, how much it
shares with the rest of the article, whether it names people and numbers, quotes someone,
starts with a word that points elsewhere, and how long it is. Nothing here runs HanTa
(10 ms per sentence): names are approximated by capitalised words inside the sentence.

Features never depend on a title or paragraph breaks being present (the training data has
neither); a title, when there is one, counts as extra weight in the article's word profile,
so it shifts the similarity features the model already knows.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..document import Document, Sentence, word_key
from ..furniture import MODEL_FURNITURE_RE
from ..german.lexicon import rarity, zipf
from ..german.quotes import has_unbalanced_quotes

#: A title counts like this many sentences in the article's word profile.
TITLE_WEIGHT = 2.0
#: Zipf frequency below which a word counts as rare (names, technical terms).
RARE_ZIPF = 2.5

_ALPHA_RE = re.compile(r"[^\W\d_]+")
#: Tokens as ROUGE counts them (Unicode words), for lengths.
_TOKEN_RE = re.compile(r"\w+")
_FIRST_PERSON_RE = re.compile(r"\b(?:ich|wir|mich|mir|uns|unser\w*|mein\w*)\b", re.I)
_SECOND_PERSON_RE = re.compile(r"\b(?:du|dich|dir|dein\w*|euch|euer\w*)\b", re.I)
_TIME_RE = re.compile(
    r"\b(?:am\s+)?(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|"
    r"Wochenende|Vormittag|Nachmittag|Abend|Morgen)\b|\b(?:gestern|heute|vorgestern|morgen|"
    r"derzeit|nun|jetzt|bislang|bisher|erstmals|künftig)\b"
)
_DATE_RE = re.compile(
    r"\b\d{1,2}\.\s*(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|"
    r"November|Dezember)\b|\b(?:19|20)\d\d\b"
)
_MODAL_RE = re.compile(
    r"\b(?:soll|sollen|sollte|will|wollen|wollte|muss|müssen|kann|können|könnte)\b"
)

FEATURE_NAMES: tuple[str, ...] = (
    # position
    "index",
    "index_rel",
    "index_inv_sqrt",
    "offset_rel",
    "n_sentences",
    "doc_chars",
    # length
    "words",
    "chars",
    "content_words",
    "words_rank_rel",
    "commas",
    # similarity to the article
    "centrality",
    "centrality_rank",
    "centrality_rank_rel",
    "centrality_rel_max",
    "centrality_z",
    "sim_first",
    "sim_lead3",
    "sim_prev",
    "sim_next",
    "max_sim_other",
    "luhn_count",
    "luhn_density",
    "luhn_cluster",
    "top_keys",
    "sumbasic",
    "sumbasic_rank_rel",
    # names and numbers
    "capitalised",
    "capitalised_recurring",
    "capitalised_recurring_share",
    "capitalised_new",
    "numbers",
    "digit_numbers",
    "dates",
    # rare words
    "rarity_mean",
    "rarity_max",
    "rare_words",
    "rare_recurring",
    # quotes, attribution, voice
    "quotes",
    "quote_share",
    "starts_with_quote",
    "attribution",
    "unbalanced_quote",
    "first_person",
    "second_person",
    "modal",
    # pointers and form
    "dangling",
    "question",
    "exclamation",
    "colon",
    "parenthesis",
    "dash",
    "junk",
    "time_words",
    "starts_capitalised_word",
    "doc_centrality_mean",
    # neighbours and the article's opening (is it a news lead or a scene?)
    "prev_centrality",
    "next_centrality",
    "prev_dangling_next",
    "first_centrality_rank_rel",
    "first_words",
    "first_time_words",
    "first_numbers",
    "index_among_complete",
    "argmax_centrality_rel",
)


@dataclass
class _Profile:
    """Per-sentence bags of weighted word keys and their norms, built once per document."""

    vectors: list[dict[str, float]]
    norms: list[float]
    total: Counter[str]


def token_count(text: str) -> int:
    """Length in ROUGE tokens: what a long sentence costs a summary's precision."""
    return len(_TOKEN_RE.findall(text))


def _sentence_vector(sentence: Sentence) -> dict[str, float]:
    vector: dict[str, float] = {}
    for word in sentence.words:
        if len(word) > 2 and _ALPHA_RE.fullmatch(word):
            key = word_key(word)
            vector[key] = vector.get(key, 0.0) + rarity(word)
    return vector


def _norm(vector: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in vector.values()))


def profile(doc: Document) -> _Profile:
    vectors = [_sentence_vector(s) for s in doc.sentences]
    total: Counter[str] = Counter()
    for vector in vectors:
        total.update(vector)
    if doc.title_keys:
        for key in doc.title_keys:
            total[key] += TITLE_WEIGHT * 0.6  # type: ignore[assignment]  # weights are floats
    return _Profile(vectors, [_norm(v) for v in vectors], total)


def similarity_matrix(prof: _Profile) -> np.ndarray:
    """Cosine similarity between every pair of sentences (rarity-weighted word keys)."""
    n = len(prof.vectors)
    keys: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, vector in enumerate(prof.vectors):
        for key, value in vector.items():
            rows.append(i)
            cols.append(keys.setdefault(key, len(keys)))
            vals.append(value)
    dense = np.zeros((n, max(len(keys), 1)), dtype=np.float64)
    if vals:
        dense[rows, cols] = vals
    norms = np.linalg.norm(dense, axis=1)
    norms[norms == 0] = 1.0
    unit = dense / norms[:, None]
    return unit @ unit.T


def _rest_norms(prof: _Profile) -> list[float]:
    """Per sentence, the norm of the article's profile without the sentence: what
    ``_norm({k: total[k] - vector.get(k, 0.0) for k in total})`` gives, without a dict per
    sentence. The squares are added in the profile's key order one after the other
    (``cumsum``, as ``sum`` did), so the figures are the same to the last bit."""
    keys = list(prof.total)
    if not keys:
        return [0.0] * len(prof.vectors)
    column = {k: j for j, k in enumerate(keys)}
    totals = [prof.total[k] for k in keys]
    rest = np.tile(np.array(totals, dtype=np.float64), (len(prof.vectors), 1))
    for i, vector in enumerate(prof.vectors):
        for k, v in vector.items():
            j = column[k]
            rest[i, j] = totals[j] - v
    squares = np.cumsum(rest * rest, axis=1)[:, -1]
    return [math.sqrt(float(x)) for x in squares]


def _ranks(values: np.ndarray, descending: bool = True) -> np.ndarray:
    order = np.argsort(-values if descending else values, kind="stable")
    ranks = np.empty(len(values), dtype=np.float64)
    ranks[order] = np.arange(len(values))
    return ranks


def compute(doc: Document) -> tuple[np.ndarray, np.ndarray]:
    """(features [n_sentences × len(FEATURE_NAMES)], sentence similarity matrix)."""
    sentences = doc.sentences
    n = len(sentences)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32), np.zeros((0, 0))
    prof = profile(doc)
    sim = similarity_matrix(prof)
    doc_chars = max(len(doc.text), 1)

    # Similarity to the rest of the article (the article's profile minus the sentence itself).
    centrality = np.zeros(n)
    rest_norms = _rest_norms(prof)
    for i, vector in enumerate(prof.vectors):
        # The cosine with the rest: every key of the sentence is in it (the whole profile).
        dot = sum(v * (prof.total[k] - v) for k, v in vector.items())
        na, nb = prof.norms[i], rest_norms[i]
        centrality[i] = dot / (na * nb) if na and nb else 0.0
    c_rank = _ranks(centrality)
    c_max = centrality.max() or 1.0
    c_std = centrality.std() or 1.0
    c_mean = centrality.mean()

    # Luhn: words that recur in the article, and how densely a sentence packs them.
    key_df = Counter(k for v in prof.vectors for k in v)
    significant = {k for k, df in key_df.items() if df >= 2}
    top = {k for k, _ in sorted(prof.total.items(), key=lambda kv: -kv[1])[:10]}
    total_weight = sum(prof.total.values()) or 1.0

    cap_count: Counter[str] = Counter()
    for s in sentences:
        cap_count.update(set(s.capitalised))

    words = np.array([len(s.words) for s in sentences], dtype=np.float64)
    words_rank = _ranks(words, descending=False)
    sumbasic = np.zeros(n)
    rows: list[list[float]] = []
    for i, s in enumerate(sentences):
        vector = prof.vectors[i]
        content = [w for w in s.words if len(w) > 2 and _ALPHA_RE.fullmatch(w)]
        keys = [word_key(w) for w in content]
        flags = [k in significant for k in keys]
        luhn_count = sum(flags)
        luhn_cluster = 0.0
        if luhn_count:
            first = flags.index(True)
            last = len(flags) - 1 - flags[::-1].index(True)
            luhn_cluster = luhn_count**2 / (last - first + 1)
        sumbasic[i] = sum(prof.total[k] for k in vector) / total_weight / max(len(vector), 1)
        rarities = [rarity(w) for w in content]
        rare = [w for w in content if zipf(w) < RARE_ZIPF]
        caps = set(s.capitalised)
        recurring = [w for w in caps if cap_count[w] > 1]
        quotes = s.quotes
        quoted_chars = sum(q.end - q.start for q in quotes)
        text = s.text
        stripped = text.rstrip()
        first_token = s.tokens[0].text if s.tokens else ""
        lead3 = [j for j in range(min(3, n)) if j != i]
        others = np.delete(sim[i], i) if n > 1 else np.zeros(1)
        rows.append(
            [
                i,
                i / n,
                1 / math.sqrt(1 + i),
                s.start / doc_chars,
                n,
                doc_chars,
                len(s.words),
                len(text),
                len(content),
                words_rank[i] / n,
                text.count(","),
                centrality[i],
                c_rank[i],
                c_rank[i] / n,
                centrality[i] / c_max,
                (centrality[i] - c_mean) / c_std,
                sim[i, 0] if i else (sim[0, 1] if n > 1 else 0.0),
                float(np.mean(sim[i, lead3])) if lead3 else 0.0,
                sim[i, i - 1] if i else 0.0,
                sim[i, i + 1] if i + 1 < n else 0.0,
                float(others.max()),
                luhn_count,
                luhn_count / max(len(keys), 1),
                luhn_cluster,
                sum(1 for k in vector if k in top),
                sumbasic[i],
                0.0,  # sumbasic rank, filled below
                len(caps),
                len(recurring),
                len(recurring) / max(len(caps), 1),
                len(caps) - len(recurring),
                len(s.numbers),
                sum(1 for m in s.numbers if not m.written),
                len(_DATE_RE.findall(text)),
                float(np.mean(rarities)) if rarities else 0.0,
                max(rarities, default=0.0),
                len(rare),
                sum(1 for w in rare if key_df[word_key(w)] > 1),
                len(quotes),
                quoted_chars / max(len(text), 1),
                float(stripped[:1] in '„"»«‚'),
                float(s.attribution is not None),
                float(has_unbalanced_quotes(text)),
                len(_FIRST_PERSON_RE.findall(text)),
                len(_SECOND_PERSON_RE.findall(text)),
                len(_MODAL_RE.findall(text)),
                float(s.dangling is not None),
                float(s.is_question),
                float(stripped.endswith("!")),
                float(":" in text),
                float("(" in text),
                float(" - " in text or " – " in text),
                float(bool(MODEL_FURNITURE_RE.search(text))),
                len(_TIME_RE.findall(text)),
                float(first_token[:1].isupper() and first_token.lower() not in _COMMON_STARTS),
                float(c_mean),
            ]
        )
    features = np.asarray(rows, dtype=np.float32)
    features[:, FEATURE_NAMES.index("sumbasic_rank_rel")] = _ranks(sumbasic) / n
    opening = sentences[0]
    complete = np.cumsum([len(s.words) >= 6 and not s.is_question for s in sentences]) - 1
    extra = np.zeros((n, 9), dtype=np.float32)
    extra[1:, 0] = centrality[:-1]
    extra[:-1, 1] = centrality[1:]
    extra[:-1, 2] = [s.dangling is not None for s in sentences[1:]]
    extra[:, 3] = c_rank[0] / n
    extra[:, 4] = len(opening.words)
    extra[:, 5] = len(_TIME_RE.findall(opening.text))
    extra[:, 6] = len(opening.numbers)
    extra[:, 7] = np.maximum(complete, 0)
    extra[:, 8] = float(np.argmax(centrality)) / n
    return np.hstack([features, extra]), sim


_COMMON_STARTS = frozenset(
    """der die das ein eine einen einem einer in im am an auf aus bei mit nach von vor zu zum
    zur für über unter um als wie wenn weil dass ob es er sie wir ich man auch nur noch so doch
    dabei damit dann denn dies diese dieser dieses seit bis nicht kein keine mehr viele""".split()
)
