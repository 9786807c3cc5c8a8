"""Paired bootstrap: is system A really better than B on these articles, or is it noise?

Both systems are scored on the same articles, so the resamples draw articles (with
replacement) and compare the two systems' means on the same draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

RESAMPLES = 1000
SEED = 0


@dataclass(frozen=True)
class Difference:
    """Mean of A − B over the articles, with a 95 % percentile interval."""

    mean: float
    low: float
    high: float
    #: Share of resamples in which A is not better than B (a one-sided bootstrap p-value).
    p_not_better: float

    def to_dict(self) -> dict[str, float]:
        return {
            "diff": round(self.mean, 3),
            "ci_low": round(self.low, 3),
            "ci_high": round(self.high, 3),
            "p_not_better": round(self.p_not_better, 4),
        }

    def __str__(self) -> str:
        return f"{self.mean:+.2f} [{self.low:+.2f}, {self.high:+.2f}]"


def paired_bootstrap(
    a: Sequence[float], b: Sequence[float], *, resamples: int = RESAMPLES, seed: int = SEED
) -> Difference:
    import numpy as np

    if len(a) != len(b):
        raise ValueError("paired bootstrap needs scores for the same articles")
    if not a:
        return Difference(0.0, 0.0, 0.0, 1.0)
    deltas = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(deltas), size=(resamples, len(deltas)))
    means = deltas[draws].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return Difference(float(deltas.mean()), float(low), float(high), float((means <= 0).mean()))
