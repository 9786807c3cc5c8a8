"""One options object instead of loose keyword arguments (the trafilatura lesson)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from .errors import ConfigurationError

InputFormat = Literal["auto", "text", "html"]

MAX_BULLETS = 10
#: Shorter bullets could not hold a sentence with its subject and source.
MIN_CHARS = 60


@dataclass(frozen=True)
class Options:
    """Everything that changes what a summary looks like.

    The same options give the same summary: the service uses ``cache_key()`` of these
    options plus the input's hash as its store key.
    """

    bullets: int = 3
    engine: str = "extractive"
    input_format: InputFormat = "auto"
    #: Bullets longer than this are shortened at a clause boundary or skipped.
    max_chars: int = 200
    #: Article text larger than this (UTF-8 bytes) is refused: pasted text, or the text
    #: extracted from an HTML page.
    max_input_bytes: int = 200_000
    #: HTML pages carry scripts and markup around the article; their raw size limit is higher.
    max_html_bytes: int = 5_000_000
    #: Raise GuardError instead of repairing or replacing a failing bullet.
    strict: bool = False
    #: Tighten bullets (drop asides, trailing "sagte X"); False keeps whole source sentences.
    tighten: bool = True
    #: Arrange and rewrite the box (news first, fusions, names resolved; see ``box``);
    #: False keeps the bullet stage's bullets in article order.
    rewrite: bool = True
    #: Check that the input is German.
    check_language: bool = True
    #: Engine-specific settings (e.g. the LLM server URL); part of the cache key.
    engine_options: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._check_types()
        if not 1 <= self.bullets <= MAX_BULLETS:
            raise ConfigurationError(
                f"bullets must be between 1 and {MAX_BULLETS}, not {self.bullets}"
            )
        if self.input_format not in ("auto", "text", "html"):
            raise ConfigurationError(f"unknown input format {self.input_format!r}")
        if self.max_chars < MIN_CHARS:
            raise ConfigurationError(f"max_chars must be at least {MIN_CHARS}")
        if self.max_input_bytes < 1 or self.max_html_bytes < 1:
            raise ConfigurationError("size limits must be positive")

    @property
    def max_read_bytes(self) -> int:
        """The most bytes worth reading at all: an HTML page may be larger than its text."""
        return max(self.max_input_bytes, self.max_html_bytes)

    def _check_types(self) -> None:
        """A wrong type is a ConfigurationError, not a TypeError from a comparison below."""
        expected = {
            "bullets": int, "max_chars": int, "max_input_bytes": int, "max_html_bytes": int,
            "engine": str, "input_format": str, "strict": bool, "tighten": bool,
            "check_language": bool, "engine_options": dict,
        }  # fmt: skip
        for name, kind in expected.items():
            value = getattr(self, name)
            wrong_bool = kind is int and isinstance(value, bool)
            if not isinstance(value, kind) or wrong_bool:
                raise ConfigurationError(
                    f"{name} must be {kind.__name__}, not {type(value).__name__}"
                )

    def cache_key(self) -> str:
        items = asdict(self)
        return repr(sorted(items.items()))


#: The defaults every face shows (CLI flags, HTTP request fields, ``summarize()``).
DEFAULTS = Options()
