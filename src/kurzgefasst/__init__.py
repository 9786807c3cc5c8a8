"""kurzgefasst: trustworthy three-bullet summaries of German news articles.

>>> from kurzgefasst import summarize
>>> s = summarize(text)                       # doctest: +SKIP
>>> for b in s.bullets: print(b.text, b.evidence)  # doctest: +SKIP
"""

from .check import BoxCheck, BulletCheck, check_box
from .errors import (
    BinaryInputError,
    ConfigurationError,
    EmptyInputError,
    FetchError,
    GuardError,
    InputTooLargeError,
    KurzgefasstError,
    NoArticleError,
    NotGermanError,
    TooShortError,
    UnsafeURLError,
)
from .options import Options
from .pipeline import Summarizer, summarize
from .render import render
from .summary import Bullet, Evidence, Summary

__version__ = "0.1.0"


__all__ = [
    "BinaryInputError",
    "BoxCheck",
    "Bullet",
    "BulletCheck",
    "ConfigurationError",
    "EmptyInputError",
    "Evidence",
    "FetchError",
    "GuardError",
    "InputTooLargeError",
    "KurzgefasstError",
    "NoArticleError",
    "NotGermanError",
    "Options",
    "Summarizer",
    "Summary",
    "TooShortError",
    "UnsafeURLError",
    "__version__",
    "check_box",
    "render",
    "summarize",
]
