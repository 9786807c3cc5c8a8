"""One candidate on its way to a bullet: each edit is kept only if the guard still passes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..contracts import Candidate, Draft
from ..document import Document, Sentence
from ..german.quotes import unbalanced_quotes
from ..guard import Verdict
from ..options import Options
from .cleanup import finish
from .eligibility import MIN_WORDS
from .syntax import Analyser

#: The guard as the bullet stage asks it: (bullet text, evidence sentence ids) → verdict. The
#: pipeline passes its memo's check, so a text the stage checked is not checked again.
Check = Callable[[str, tuple[int, ...]], Verdict]


class Builder:
    """The text of a draft, its edits and the sentences it rests on, while the stages work."""

    def __init__(
        self,
        text: str,
        candidate: Candidate,
        doc: Document,
        options: Options,
        check: Check,
        units: Sequence[Sentence] = (),
        edits: Sequence[str] = (),
    ) -> None:
        self.text = text
        self.candidate = candidate
        self.ids = candidate.sentence_ids
        self.context: tuple[int, ...] = ()
        self.doc = doc
        self.options = options
        self.units = tuple(units)
        self.edits: list[str] = list(edits)
        #: Tags for the text and its edited versions (replaced when a pronoun is put in).
        self.analyse = Analyser(candidate.text)
        #: "Der 42-Jährige" read as a pronoun, when the text started with one.
        self.described: str | None = None
        self._check = check
        self._baseline = self._rules(text)

    @property
    def failing_rules(self) -> set[str]:
        """The guard's rules the starting text already fails."""
        return self._baseline

    def _rules(self, text: str) -> set[str]:
        return self._check(text, self.ids + self.context).rules()

    def accepts(self, text: str, context: tuple[int, ...] = ()) -> bool:
        if (
            len(text.split()) < MIN_WORDS
            or unbalanced_quotes(text)
            or text.count("(") != text.count(")")
        ):
            return False
        before = self.context
        self.context = before + context
        ok = self._rules(text) <= self._baseline
        self.context = before
        return ok

    def apply(self, text: str, edit: str, context: tuple[int, ...] = ()) -> bool:
        text = finish(text)
        if text == self.text or not self.accepts(text, context):
            return False
        self.text = text
        self.context += context
        self.edits.append(edit)
        return True

    def step(self, transform: Callable[[str], str | None], edit: str) -> None:
        result = transform(self.text)
        if result is not None and result != self.text:
            self.apply(result, edit)

    def result(self) -> Draft:
        return Draft(
            self.text,
            self.candidate.sentence_ids,
            self.candidate.engine,
            tuple(self.edits),
            self.context,
        )
