"""LightGBM through its C library gives the package's own predictions for the shipped model."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest

from kurzgefasst.engines import extractive
from kurzgefasst.engines.lightgbm_native import NativeBooster, booster

lightgbm = pytest.importorskip("lightgbm")


def _shipped_models() -> dict[str, str]:
    bundle = json.loads(gzip.decompress(extractive._model_path().read_bytes()))
    return bundle["models"]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_native_predictions_are_the_packages(dtype: type) -> None:
    rng = np.random.default_rng(0)
    for name, text in _shipped_models().items():
        package, native = lightgbm.Booster(model_str=text), NativeBooster(text)
        columns = package.num_feature()
        # Feature-like values: counts, shares, flags, and exact split thresholds (ties).
        matrix = np.column_stack(
            [rng.integers(0, 40, 200), rng.random((200, columns - 2)), rng.integers(0, 2, 200)]
        ).astype(dtype)
        matrix[:5] = 0.0
        for fortran in (False, True):
            data = np.asfortranarray(matrix) if fortran else matrix
            expected = package.predict(data, num_threads=1)
            assert np.array_equal(native.predict(data, num_threads=1), expected), name
        assert native.predict(matrix[:1]).shape == (1,)


def test_booster_prefers_the_native_library() -> None:
    text = next(iter(_shipped_models().values()))
    assert isinstance(booster(text), NativeBooster)
