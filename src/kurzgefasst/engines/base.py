"""The engine contract: propose ranked bullet candidates from a Document.

Engines never parse text (everything comes from the Document), never import the bullet stage
and never decide what reaches the reader: the pipeline passes every candidate through the
bullet stage and the guard, in the engine's order, until enough bullets pass. An engine that
wants to know what the bullet stage will make of a sentence asks the ``Usability`` the
pipeline hands to ``rank`` (backed by the pipeline's memo, so nothing is drafted twice).

An engine takes only its own settings (``Options.engine_options``) and refuses an unknown key
or a bad value with a ``ConfigurationError``; the pipeline caches engines by name and settings.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar

from ..contracts import Candidate, Usability
from ..document import Document
from ..errors import ConfigurationError

__all__ = ["Candidate", "Engine", "Usability"]


class Engine(ABC):
    name: ClassVar[str]
    #: Generative engines need a fallback engine whose candidates replace rejected bullets.
    needs_fallback: ClassVar[bool] = False

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        """An engine without settings of its own refuses any."""
        if settings:
            raise ConfigurationError(
                f"the {self.name} engine takes no settings (got {', '.join(sorted(settings))})"
            )

    @abstractmethod
    def rank(self, doc: Document, n: int, usable: Usability) -> list[Candidate]:
        """Candidates in order of preference; more than ``n`` so rejected ones can be replaced."""
