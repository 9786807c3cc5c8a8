"""The default engine: a learned sentence scorer with length- and redundancy-aware selection.

A small LightGBM model (``models/extractive.json``, trained by ``kurzgefasst train``) predicts
for every sentence how many words and word pairs it shares with a human teaser of the
article. Selection then builds the summary greedily: each step adds the usable sentence that
most raises expected overlap per word of summary, where overlap a sentence shares with the
sentences already chosen counts less (redundancy) and a fixed number of "reference words"
in the denominator (``length_penalty``) sets how strongly long sentences pay for their length.

The model file is loaded once per process (``load_model``); features come from the Document
only (``features.compute``), so the engine never parses text itself.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..bullets import unusable_reason
from ..document import Document
from ..errors import ConfigurationError
from ..options import Options
from . import features
from .base import Candidate, Engine

#: Format tag of the model file; a file with another tag is refused.
MODEL_FORMAT = "kurzgefasst-extractive/1"
MODEL_FILE = "extractive.json"
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
    info: dict[str, Any] = field(default_factory=dict)

    def predict(self, matrix: np.ndarray) -> np.ndarray:
        """Expected unigram + bigram overlap with a teaser, one value per sentence."""
        total = np.zeros(len(matrix))
        for booster in self.boosters.values():
            total += booster.predict(matrix, num_threads=1)
        return np.maximum(total, 0.0)


def _model_path() -> Path:
    return Path(str(resources.files("kurzgefasst") / "models" / MODEL_FILE))


def read_model(path: str | Path) -> Model:
    """Load a model file written by ``kurzgefasst train``."""
    import lightgbm

    try:
        bundle = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"cannot read the extractive model {path}: {exc}") from exc
    if bundle.get("format") != MODEL_FORMAT:
        raise ConfigurationError(f"{path} is not a {MODEL_FORMAT} model file")
    names = tuple(bundle["features"])
    if names != features.FEATURE_NAMES:
        raise ConfigurationError(
            f"{path} was trained on other features than this version computes; retrain it "
            "with `kurzgefasst train`"
        )
    boosters = {
        name: lightgbm.Booster(model_str=text) for name, text in bundle["models"].items()
    }
    selection = bundle["selection"]
    return Model(
        boosters=boosters,
        feature_names=names,
        length_penalty=float(selection["length_penalty"]),
        redundancy=float(selection["redundancy"]),
        info=bundle.get("training", {}),
    )


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> Model:
    """The shipped model (or the one at ``path``), loaded once per process."""
    return read_model(path or _model_path())


def select(
    gains: np.ndarray,
    lengths: np.ndarray,
    similarity: np.ndarray,
    pool: list[int],
    *,
    length_penalty: float,
    redundancy: float,
    limit: int,
) -> list[tuple[int, float]]:
    """Greedy selection, best first: (sentence index, objective after adding it).

    The objective approximates ROUGE F1 against an unseen teaser: expected overlap of the
    chosen sentences, minus the part they share, over summary length + ``length_penalty``.
    """
    chosen: list[int] = []
    picked: list[tuple[int, float]] = []
    overlap = 0.0
    length = 0.0
    remaining = list(pool)
    while remaining and len(chosen) < limit:
        best, best_value, best_added = -1, -math.inf, 0.0
        for i in remaining:
            shared = sum(similarity[i, j] * min(gains[i], gains[j]) for j in chosen)
            added = gains[i] - redundancy * shared
            value = (overlap + added) / (length + lengths[i] + length_penalty)
            if value > best_value:
                best, best_value, best_added = i, value, added
        chosen.append(best)
        remaining.remove(best)
        overlap += best_added
        length += lengths[best]
        picked.append((best, best_value))
    return picked


class ExtractiveEngine(Engine):
    name = "extractive"

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        settings = self.options.engine_options
        self.model = load_model(settings.get("model"))
        self.length_penalty = float(settings.get("length_penalty", self.model.length_penalty))
        self.redundancy = float(settings.get("redundancy", self.model.redundancy))

    def scores(self, doc: Document) -> np.ndarray:
        """Expected overlap with a teaser per sentence (the model's raw output)."""
        matrix, _ = features.compute(doc)
        return self.model.predict(matrix) if len(matrix) else np.zeros(0)

    def rank(self, doc: Document, n: int) -> list[Candidate]:
        sentences = doc.sentences
        if not sentences:
            return []
        matrix, similarity = features.compute(doc)
        gains = self.model.predict(matrix)
        lengths = np.array([features.token_count(s.text) for s in sentences], dtype=np.float64)
        pool = [s.index for s in sentences if unusable_reason(s, self.options) is None]
        picked = select(
            gains,
            lengths,
            similarity,
            pool,
            length_penalty=self.length_penalty,
            redundancy=self.redundancy,
            limit=CANDIDATES_PER_BULLET * n + 5,
        )
        return [
            Candidate(sentences[i].text, (i,), float(value), self.name) for i, value in picked
        ]
