"""The default engine: learned scorers with coverage-, length- and redundancy-aware selection.

Small LightGBM models (``models/extractive.json.gz``, trained by ``kurzgefasst train``) predict
what a human teaser of the article will share with a summary: for every word of the article
(its concept, see ``concepts``) how likely the teaser uses it, for every sentence how many word
pairs it shares with the teaser and how likely it belongs to the best summary. Selection then
builds the summary greedily: each step adds the usable sentence that most raises the expected
overlap per word of summary. A sentence earns only the concepts that the sentences already
chosen do not cover (ROUGE counts a shared word once), its word pairs count less when it is
similar to a chosen sentence (redundancy), and a fixed number of "reference words" in the
denominator (``length_penalty``) sets how strongly long sentences pay for their length.

The model file is loaded once per process (``load_model``); features come from the Document
and the sentences' text only (``features.compute``, ``concepts.concept_table``), so the engine
never parses text itself.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..contracts import Candidate, Draft, Usability
from ..document import Document, Sentence
from ..errors import ConfigurationError
from . import features
from .base import Engine
from .concepts import CONCEPT_FEATURES, concept_table, sentence_concepts
from .lightgbm_native import booster as native_booster

#: Format tag of the model file; a file with another tag is refused.
MODEL_FORMAT = "kurzgefasst-extractive/2"
MODEL_FILE = "extractive.json.gz"
#: Candidates proposed per requested bullet (the pipeline replaces rejected ones from these).
CANDIDATES_PER_BULLET = 3


@dataclass
class Model:
    """The trained scorers and the selection settings they were tuned with."""

    boosters: dict[str, Any]
    feature_names: tuple[str, ...]
    #: Reference words assumed in the F1 denominator: higher favours longer sentences.
    length_penalty: float
    #: Share of the overlap two chosen sentences have in common that is discounted.
    redundancy: float
    #: Exponent of the membership factor: how far the classifier may reweight overlaps.
    membership_weight: float
    info: dict[str, Any] = field(default_factory=dict)

    def sentence_scores(
        self, matrix: np.ndarray, membership_weight: float | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per sentence: expected word pairs shared with a teaser, and the membership factor.

        The factor is how much likelier than the article's average sentence the classifier
        finds a sentence to belong to the best summary (to the power ``membership_weight``);
        selection scales a sentence's whole gain by it.
        """
        weight = self.membership_weight if membership_weight is None else membership_weight
        bigrams = np.maximum(self.boosters["bigrams"].predict(matrix, num_threads=1), 0.0)
        factors = np.ones(len(matrix))
        if weight:
            membership = self.boosters["membership"].predict(matrix, num_threads=1)
            factors = (membership / max(float(membership.mean()), 1e-9)) ** weight
        return bigrams, factors

    def concept_weights(self, texts: list[str]) -> dict[str, float]:
        """Every concept of the article with the probability that a teaser uses it."""
        keys, table = concept_table(texts)
        if not keys:
            return {}
        return dict(zip(keys, self.boosters["concepts"].predict(table, num_threads=1), strict=True))


def _model_path() -> Path:
    return Path(str(resources.files("kurzgefasst") / "models" / MODEL_FILE))


def read_model(path: str | Path) -> Model:
    """Load a model file written by ``kurzgefasst train``."""
    try:
        raw = Path(path).read_bytes()
        bundle = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"cannot read the extractive model {path}: {exc}") from exc
    if bundle.get("format") != MODEL_FORMAT:
        raise ConfigurationError(f"{path} is not a {MODEL_FORMAT} model file")
    names = tuple(bundle["features"])
    if names != features.FEATURE_NAMES or tuple(bundle["concept_features"]) != CONCEPT_FEATURES:
        raise ConfigurationError(
            f"{path} was trained on other features than this version computes; retrain it "
            "with `kurzgefasst train`"
        )
    # LightGBM's own C library, without importing the package (0.3–0.5 s of a CLI call).
    boosters = {name: native_booster(text) for name, text in bundle["models"].items()}
    selection = bundle["selection"]
    return Model(
        boosters=boosters,
        feature_names=names,
        length_penalty=float(selection["length_penalty"]),
        redundancy=float(selection["redundancy"]),
        membership_weight=float(selection.get("membership_weight", 0.0)),
        info=bundle.get("training", {}),
    )


def load_model(path: str | Path | None = None) -> Model:
    """The shipped model (or the one at ``path``), loaded once per process."""
    return _cached_model(str(Path(path or _model_path()).resolve()))


@lru_cache(maxsize=4)
def _cached_model(path: str) -> Model:
    return read_model(path)


@dataclass
class Pool:
    """What selection knows about each sentence, or about the part of it a bullet can be."""

    #: Expected word pairs shared with a teaser.
    bigrams: np.ndarray
    #: Membership factor (``Model.sentence_scores``).
    factors: np.ndarray
    #: Concepts of each candidate (empty for sentences outside ``candidates``).
    concepts: list[frozenset[str]]
    #: Probability that a teaser uses a concept.
    weights: dict[str, float]
    #: Length in ROUGE tokens.
    lengths: np.ndarray
    #: Cosine similarity of the sentences' rarity-weighted words.
    similarity: np.ndarray
    candidates: list[int]

    def gain(self, i: int, chosen: list[int], covered: frozenset[str], redundancy: float) -> float:
        """Expected overlap sentence ``i`` adds to the ``chosen`` ones (covering ``covered``)."""
        shared = sum(self.similarity[i, j] * min(self.bigrams[i], self.bigrams[j]) for j in chosen)
        new = sum(self.weights.get(c, 0.0) for c in self.concepts[i] - covered)
        return float(self.factors[i] * (self.bigrams[i] - redundancy * shared + new))


def select(
    pool: Pool,
    *,
    length_penalty: float,
    redundancy: float,
    limit: int,
    accept: Callable[[int], float | None] | None = None,
    accept_first: int = 0,
) -> list[tuple[int, float]]:
    """Greedy selection, best first: (sentence index, objective after adding it).

    The objective approximates ROUGE F1 against an unseen teaser: expected overlap of the
    chosen sentences (concepts covered, word pairs minus the part they share) over summary
    length + ``length_penalty``. ``accept`` checks the first ``accept_first`` picks (the
    bullets a reader will see): it returns the bullet's length, or None when the sentence
    cannot become a bullet, so a rejected sentence never shapes the coverage and length of
    the ones after it.
    """
    lengths = pool.lengths.astype(np.float64, copy=True)
    chosen: list[int] = []
    picked: list[tuple[int, float]] = []
    covered: frozenset[str] = frozenset()
    overlap = 0.0
    length = 0.0
    remaining = list(pool.candidates)
    while remaining and len(chosen) < limit:
        best, best_value, best_added = -1, -math.inf, 0.0
        for i in remaining:
            added = pool.gain(i, chosen, covered, redundancy)
            value = (overlap + added) / (length + lengths[i] + length_penalty)
            if value > best_value:
                best, best_value, best_added = i, value, added
        remaining.remove(best)
        if accept is not None and len(chosen) < accept_first:
            bullet_length = accept(best)
            if bullet_length is None:
                continue
            lengths[best] = bullet_length
        chosen.append(best)
        covered |= pool.concepts[best]
        overlap += best_added
        length += lengths[best]
        picked.append((best, best_value))
    return picked


#: The engine's settings (``Options.engine_options``): the model file and the selection
#: settings that override the model's own.
SETTINGS = ("model_file", "length_penalty", "redundancy", "membership_weight")


def _setting(settings: Mapping[str, Any], key: str, default: float) -> float:
    """A selection setting: a finite number, not negative."""
    value = settings.get(key, default)
    try:
        if isinstance(value, bool):
            raise ValueError
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigurationError(
            f"the extractive engine's {key} must be a number, not {value!r}"
        ) from None
    if not math.isfinite(number) or number < 0:
        raise ConfigurationError(f"the extractive engine's {key} must be 0 or more, not {value!r}")
    return number


class ExtractiveEngine(Engine):
    name = "extractive"

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        settings = dict(settings or {})
        unknown = sorted(set(settings) - set(SETTINGS))
        if unknown:
            raise ConfigurationError(
                f"unknown extractive engine settings: {', '.join(unknown)} "
                f"(known: {', '.join(SETTINGS)})"
            )
        model_file = settings.get("model_file")
        if model_file is not None and not isinstance(model_file, str | Path):
            raise ConfigurationError(f"model_file must be a path, not {model_file!r}")
        self.model = load_model(model_file)
        self.length_penalty = _setting(settings, "length_penalty", self.model.length_penalty)
        self.redundancy = _setting(settings, "redundancy", self.model.redundancy)
        self.membership_weight = _setting(
            settings, "membership_weight", self.model.membership_weight
        )

    def pool(self, doc: Document, usable: Usability) -> tuple[Pool, dict[int, Sentence]]:
        """The selection pool of an article and what a bullet can be made of, per sentence.

        A unit is the sentence, or the part after its colon or glued heading; a part is
        expected to share word pairs with the teaser in proportion to its words, and has only
        its own concepts.
        """
        sentences = doc.sentences
        matrix, similarity = features.compute(doc)
        bigrams, factors = self.model.sentence_scores(matrix, self.membership_weight)
        lengths = np.array([features.token_count(s.text) for s in sentences], dtype=np.float64)
        concepts: list[frozenset[str]] = [frozenset()] * len(sentences)
        units: dict[int, Sentence] = {}
        for sentence in sentences:
            unit = usable.unit(sentence)
            if unit is None:
                continue
            units[sentence.index] = unit
            concepts[sentence.index] = sentence_concepts(unit.text)
            if unit is not sentence:
                unit_length = features.token_count(unit.text)
                bigrams[sentence.index] *= unit_length / max(lengths[sentence.index], 1.0)
                lengths[sentence.index] = unit_length
        weights = self.model.concept_weights([s.text for s in sentences])
        pool = Pool(bigrams, factors, concepts, weights, lengths, similarity, list(units))
        return pool, units

    def rank(self, doc: Document, n: int, usable: Usability) -> list[Candidate]:
        if not doc.sentences:
            return []
        pool, units = self.pool(doc, usable)
        rejected: list[int] = []

        def accept(index: int) -> float | None:
            """The bullet stage's verdict on a sentence, as the pipeline will see it."""
            result = usable.draft(Candidate(units[index].text, (index,), 0.0, self.name))
            if isinstance(result, Draft):
                return float(features.token_count(result.text))
            rejected.append(index)
            return None

        picked = select(
            pool,
            length_penalty=self.length_penalty,
            redundancy=self.redundancy,
            limit=CANDIDATES_PER_BULLET * n + 5,
            accept=accept,
            accept_first=n,
        )
        # Sentences the bullet stage refused come last: the pipeline may still use one as a
        # long bullet when nothing else can stand alone.
        picked += [(i, 0.0) for i in rejected]
        return [Candidate(units[i].text, (i,), float(value), self.name) for i, value in picked]
