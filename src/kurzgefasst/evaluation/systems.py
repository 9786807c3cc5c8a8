"""The systems ``kurzgefasst eval`` compares, each behind one small contract (the sumy lesson).

A system gets the Document of an article (built once, from ``text`` and ``title`` through
``load_article``) and returns bullets with the sentence ids they rest on. Product engines run
through ``Summarizer.summarize_document``, bullets and guard included; baselines pick whole
Document sentences, so every system sees the same body (credits and boxes removed).

A system spec may carry option overrides, so one run can compare old and new behaviour:
``extractive[tighten=false,max_chars=250]``, ``llm[engine.url=http://127.0.0.1:8080]``.
"""

from __future__ import annotations

import random
import re
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields, replace
from itertools import pairwise
from typing import Any, ClassVar

from ..document import Document
from ..engines import ENGINES
from ..errors import ConfigurationError
from ..options import Options
from . import DEFAULT_SYSTEMS  # noqa: F401  (re-exported)
from .data import EvalArticle

#: Baselines; every other name in ``engines.ENGINES`` is a product engine.
BASELINES = ("lead", "lexrank", "textrank", "lsa", "luhn", "random", "oracle", "det5")

#: Data field that carries the deT5 predictions of the 20 Minuten examples.
DET5_FIELD = "baseline_pred_det5_base_summary"
#: Options that shape the input; the Document is built once per article, so a system cannot
#: change them.
_INPUT_FIELDS = frozenset({"input_format", "max_input_bytes", "check_language"})


@dataclass(frozen=True)
class SystemSpec:
    #: The spec as written, used as the system's name in every report.
    name: str
    kind: str
    overrides: dict[str, Any] = field(default_factory=dict)
    engine_options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Output:
    bullets: list[str] = field(default_factory=list)
    #: Sentence ids each bullet rests on, as the system declared them (empty for generative).
    evidence: list[tuple[int, ...]] = field(default_factory=list)
    #: Evidence texts the reader is shown for each bullet.
    evidence_texts: list[tuple[str, ...]] = field(default_factory=list)
    error: str | None = None
    #: LLM engine only: per bullet "written", "repaired" or "replaced" (``bullet_origin``).
    origins: list[str] = field(default_factory=list)


def split_specs(text: str) -> list[str]:
    """Split ``a,b[x=1,y=2],c`` on the commas outside brackets."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def _literal(value: str) -> Any:
    lowered = value.lower()
    if lowered in ("true", "yes", "on"):
        return True
    if lowered in ("false", "no", "off"):
        return False
    for cast in (int, float):
        try:
            return cast(value)
        except ValueError:
            pass
    return value


_SPEC_RE = re.compile(r"^(?P<kind>[\w\-]+)(?:\[(?P<args>.*)\])?$")


def parse_spec(text: str) -> SystemSpec:
    match = _SPEC_RE.match(text.strip())
    if not match:
        raise ConfigurationError(f"bad system {text!r}: write NAME or NAME[key=value,...]")
    kind = match.group("kind")
    known = set(BASELINES) | set(ENGINES)
    if kind not in known:
        raise ConfigurationError(f"unknown system {kind!r}; choose from {', '.join(sorted(known))}")
    defaults = {f.name: f.default for f in fields(Options) if f.default is not MISSING}
    overrides: dict[str, Any] = {}
    engine_options: dict[str, Any] = {}
    for item in split_specs(match.group("args") or ""):
        key, sep, raw = item.partition("=")
        key, raw = key.strip(), raw.strip()
        if not sep or not key:
            raise ConfigurationError(f"bad option {item!r} in {text!r}: write key=value")
        value = _literal(raw)
        if key.startswith("engine."):
            engine_options[key.removeprefix("engine.")] = value
            continue
        if key == "engine":
            raise ConfigurationError(f"{text}: the system's name is the engine (extractive, llm …)")
        if key in _INPUT_FIELDS:
            raise ConfigurationError(
                f"{text}: {key} cannot change per system (one Document per article)"
            )
        if key not in defaults:
            raise ConfigurationError(
                f"{text}: unknown option {key!r}; use one of "
                f"{', '.join(sorted(set(defaults) - _INPUT_FIELDS - {'engine'}))} or engine.NAME"
            )
        expected = type(defaults[key])
        if expected is bool and not isinstance(value, bool):
            raise ConfigurationError(f"{text}: {key} must be true or false, not {raw!r}")
        if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise ConfigurationError(f"{text}: {key} must be a whole number, not {raw!r}")
        overrides[key] = value
    if kind in BASELINES and (set(overrides) - {"bullets"} or engine_options):
        raise ConfigurationError(f"{text}: baselines take only the bullets option")
    return SystemSpec(text.strip(), kind, overrides, engine_options)


class System(ABC):
    #: False for systems whose output is precomputed (det5): no speed is reported.
    timed: ClassVar[bool] = True
    #: True when the system reads the reference (oracle): an upper bound, not a competitor.
    uses_reference: ClassVar[bool] = False

    def __init__(self, spec: SystemSpec, options: Options) -> None:
        self.spec = spec
        self.options = options
        self.name = spec.name

    def prepare(self) -> None:  # noqa: B027  (most systems load nothing)
        """Load models and libraries before the clock starts."""

    @abstractmethod
    def run(self, doc: Document, item: EvalArticle) -> Output: ...


def _sentences_output(doc: Document, ids: list[int]) -> Output:
    ids = sorted(ids)
    return Output(
        bullets=[doc.sentences[i].text for i in ids],
        evidence=[(i,) for i in ids],
        evidence_texts=[(doc.sentences[i].text,) for i in ids],
    )


class ProductSystem(System):
    """A product engine through the real pipeline: bullet stage and guard included."""

    def prepare(self) -> None:
        from ..pipeline import Summarizer

        self.summarizer = Summarizer(self.options)
        self.summarizer.engine(self.options)  # raises ConfigurationError before the run

    def run(self, doc: Document, item: EvalArticle) -> Output:
        summary = self.summarizer.summarize_document(doc, self.options)
        origins: list[str] = []
        if summary.engine == "llm":
            from ..engines.llm import bullet_origin

            origins = [bullet_origin(b.engine, b.edits) for b in summary.bullets]
        return Output(
            bullets=[b.text for b in summary.bullets],
            evidence=[tuple(e.sentence for e in b.evidence) for b in summary.bullets],
            evidence_texts=[tuple(e.text for e in b.evidence) for b in summary.bullets],
            origins=origins,
        )


class LeadBaseline(System):
    """Standard Lead-N: the first N sentences of the Document, unfiltered."""

    def run(self, doc: Document, item: EvalArticle) -> Output:
        return _sentences_output(doc, list(range(min(self.options.bullets, len(doc.sentences)))))


class SumyBaseline(System):
    def prepare(self) -> None:
        from .sumy_baselines import create_summarizer

        self.summarizer = create_summarizer(self.spec.kind)

    def run(self, doc: Document, item: EvalArticle) -> Output:
        from .sumy_baselines import select

        paragraphs: list[list[str]] = []
        for sentence in doc.sentences:
            if not paragraphs or sentence.position == 0:
                paragraphs.append([])
            paragraphs[-1].append(sentence.text)
        return _sentences_output(doc, select(self.summarizer, paragraphs, self.options.bullets))


class RandomBaseline(System):
    """N random sentences in article order; the seed is per article, so results do not depend
    on --offset or on which other systems run."""

    SEED = 0

    def run(self, doc: Document, item: EvalArticle) -> Output:
        rng = random.Random(f"{self.SEED}:{item.id}")
        count = min(self.options.bullets, len(doc.sentences))
        return _sentences_output(doc, rng.sample(range(len(doc.sentences)), count))


class OracleSystem(System):
    """Greedy best N sentences by ROUGE-1 + ROUGE-2 F1 against the reference (upper bound)."""

    uses_reference = True

    def run(self, doc: Document, item: EvalArticle) -> Output:
        ids = oracle_select([s.text for s in doc.sentences], item.reference, self.options.bullets)
        return _sentences_output(doc, ids)


def _f1(overlap: int, predicted: int, reference: int) -> float:
    if not overlap:
        return 0.0
    precision, recall = overlap / predicted, overlap / reference
    return 2 * precision * recall / (precision + recall)


def oracle_select(sentences: list[str], reference: list[str], n: int) -> list[int]:
    """Add the sentence that raises R1 + R2 F1 most until N are chosen or none helps.

    Scored with the evaluation's own tokenizer (stemmed), bigrams over the sentences joined in
    article order, exactly as ``rouge`` scores the final output.
    """
    from .rouge import GermanTokenizer

    tokenizer = GermanTokenizer(stem=True)
    ref = [t for line in reference for t in tokenizer.tokenize(line)]
    if not ref:
        return []
    ref1, ref2 = Counter(ref), Counter(pairwise(ref))
    tokens = [tokenizer.tokenize(s) for s in sentences]

    def score(ids: list[int]) -> float:
        seq = [t for i in sorted(ids) for t in tokens[i]]
        if not seq:
            return 0.0
        uni, bi = Counter(seq), Counter(pairwise(seq))
        r1 = _f1(sum((uni & ref1).values()), len(seq), len(ref))
        r2 = _f1(sum((bi & ref2).values()), max(len(seq) - 1, 1), max(len(ref) - 1, 1))
        return r1 + r2

    chosen: list[int] = []
    best = 0.0
    while len(chosen) < n:
        candidates = [(score([*chosen, i]), -i) for i in range(len(sentences)) if i not in chosen]
        if not candidates:
            break
        value, neg_index = max(candidates)
        if value <= best:
            break
        chosen.append(-neg_index)
        best = value
    return sorted(chosen)


class FieldSystem(System):
    """Predictions stored in the data file (the 20 Minuten deT5 output), scored as given."""

    timed = False

    def run(self, doc: Document, item: EvalArticle) -> Output:
        value = item.extra.get(DET5_FIELD)
        if not value:
            return Output(error=f"no {DET5_FIELD} in this record")
        lines = value if isinstance(value, list) else re.split(r"\s*[•\n]\s*", str(value))
        bullets = [line.strip() for line in lines if line.strip()]
        return Output(
            bullets=bullets, evidence=[() for _ in bullets], evidence_texts=[() for _ in bullets]
        )


_SUMY = frozenset({"lexrank", "textrank", "lsa", "luhn"})


def create_system(spec: SystemSpec, base: Options) -> System:
    options = replace(base, **spec.overrides)
    if spec.kind in ENGINES and spec.kind not in BASELINES:
        options = replace(
            options,
            engine=spec.kind,
            engine_options={**options.engine_options, **spec.engine_options},
        )
        return ProductSystem(spec, options)
    classes: dict[str, Callable[[SystemSpec, Options], System]] = {
        "lead": LeadBaseline,
        "random": RandomBaseline,
        "oracle": OracleSystem,
        "det5": FieldSystem,
    }
    cls = classes.get(spec.kind, SumyBaseline)
    if cls is SumyBaseline and spec.kind not in _SUMY:
        raise ConfigurationError(f"unknown system {spec.kind!r}")
    return cls(spec, options)
