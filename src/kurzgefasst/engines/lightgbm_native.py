"""LightGBM prediction through its C library, without importing the ``lightgbm`` package.

``import lightgbm`` costs 0.5 s of a CLI call here: it imports pandas and scipy when they are
installed (the eval and batch extras install them), although predicting with a loaded model
needs neither. ``NativeBooster`` loads the same ``lib_lightgbm`` that the package ships and
calls the same two C functions the package calls for a NumPy matrix
(``LGBM_BoosterLoadModelFromString``, ``LGBM_BoosterPredictForMat``) with the same
arguments, so predictions are bit for bit the package's. Training still uses the package.
"""

from __future__ import annotations

import ctypes
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np

from ..hidden_imports import import_hiding

# Constants of LightGBM's c_api.h.
_DTYPE = {np.dtype(np.float32): 0, np.dtype(np.float64): 1}
_ROW_MAJOR, _COL_MAJOR = 1, 0
_PREDICT_NORMAL = 0


class NativeLightGBMError(RuntimeError):
    """The C library is missing or refused a call; callers fall back to the package."""


@lru_cache(maxsize=1)
def _library() -> Any:
    spec = find_spec("lightgbm")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise NativeLightGBMError("lightgbm is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    candidates = [folder / "lib" / "lib_lightgbm.so", folder / "lib_lightgbm.so"]
    for path in candidates:
        if path.is_file():
            try:
                lib = ctypes.cdll.LoadLibrary(str(path))
            except OSError as exc:
                raise NativeLightGBMError(f"cannot load {path}: {exc}") from exc
            lib.LGBM_GetLastError.restype = ctypes.c_char_p
            return lib
    raise NativeLightGBMError("lib_lightgbm.so not found next to the lightgbm package")


def _check(code: int) -> None:
    if code != 0:
        raise NativeLightGBMError(_library().LGBM_GetLastError().decode("utf-8", "replace"))


class NativeBooster:
    """A trained model from LightGBM's text format, with ``Booster.predict``'s numbers."""

    def __init__(self, model_str: str) -> None:
        lib = _library()
        self._handle = ctypes.c_void_p()
        iterations = ctypes.c_int(0)
        _check(
            lib.LGBM_BoosterLoadModelFromString(
                ctypes.c_char_p(model_str.encode("utf-8")),
                ctypes.byref(iterations),
                ctypes.byref(self._handle),
            )
        )
        self._free = lib.LGBM_BoosterFree

    def __del__(self) -> None:
        handle = getattr(self, "_handle", None)
        if handle is not None and handle.value:
            self._free(handle)

    def predict(self, matrix: np.ndarray, num_threads: int = 1) -> np.ndarray:
        """As ``lightgbm.Booster.predict(matrix, num_threads=…)`` for a model read from a string
        (all iterations; binary models return probabilities)."""
        if matrix.ndim != 2:
            raise ValueError("predict needs a 2-D matrix")
        dtype = matrix.dtype if matrix.dtype in _DTYPE else np.dtype(np.float32)
        if matrix.flags["F_CONTIGUOUS"] and not matrix.flags["C_CONTIGUOUS"]:
            data, layout = np.asarray(matrix, dtype=dtype, order="F"), _COL_MAJOR
        else:
            data, layout = np.asarray(matrix, dtype=dtype, order="C"), _ROW_MAJOR
        rows, columns = matrix.shape
        out = np.empty(rows, dtype=np.float64)
        written = ctypes.c_int64(0)
        _check(
            _library().LGBM_BoosterPredictForMat(
                self._handle,
                data.ctypes.data_as(ctypes.c_void_p),
                ctypes.c_int(_DTYPE[dtype]),
                ctypes.c_int32(rows),
                ctypes.c_int32(columns),
                ctypes.c_int(layout),
                ctypes.c_int(_PREDICT_NORMAL),
                ctypes.c_int(0),  # start_iteration
                ctypes.c_int(-1),  # num_iteration: all (a model string has no best one)
                ctypes.c_char_p(f"num_threads={num_threads}".encode()),
                ctypes.byref(written),
                out.ctypes.data_as(ctypes.POINTER(ctypes.c_double)),
            )
        )
        if written.value != rows:
            raise NativeLightGBMError(f"LightGBM wrote {written.value} predictions for {rows} rows")
        return out


#: Packages lightgbm imports on its own import when installed, for integrations prediction never
#: uses (scikit-learn API, DataFrames, Dask, plotting): together about 130 MB per process.
_LIGHTGBM_OPTIONAL = ("sklearn", "pandas", "dask", "matplotlib", "graphviz", "datatable", "pyarrow")


def import_lightgbm() -> Any:
    """lightgbm with its optional integrations hidden while it is imported (the fallback).

    They stay importable afterwards; only lightgbm's own flags for them are off. This keeps a
    summarizer process (a service or batch worker) about 130 MB smaller.
    """
    return import_hiding("lightgbm", _LIGHTGBM_OPTIONAL)


def booster(model_str: str) -> Any:
    """A ``NativeBooster``, or the package's ``lightgbm.Booster`` if the library cannot load."""
    try:
        return NativeBooster(model_str)
    except NativeLightGBMError:
        return import_lightgbm().Booster(model_str=model_str)
