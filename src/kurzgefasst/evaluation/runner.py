"""Run every system on every article, interleaved, and keep per-article scores.

Timing: each article's raw text → Article → Document is measured once and added to every
system's own time, so a system's figure is "raw input text → bullets". Each system runs on a
fresh copy of the Document (same sentences and tokens, empty caches), so no system profits
from analyses another system or the scoring left behind. The systems take turns in a
rotating order per article, so machine load and warm caches hit them all alike. Times are CPU
seconds of this single-threaded process (robust against other processes on a shared
machine); wall-clock figures are kept too. Scoring (ROUGE, guard checks) is never timed.
"""

from __future__ import annotations

import os
import resource
import statistics
import time
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import KurzgefasstError
from ..hidden_imports import import_hiding
from ..options import DEFAULTS, Options
from .data import EvalArticle, read_articles
from .editor import EditorCheck, check_box, summarize_checks
from .faithfulness import LONG_BULLET, BulletCheck, check_bullet, squash_input
from .systems import Output, System, SystemSpec, create_system

THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
)
_thread_limit: Any = None


def limit_threads() -> None:
    """One core: set the BLAS/OpenMP thread counts to 1 (call before numpy is imported)."""
    global _thread_limit
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return
    _thread_limit = threadpool_limits(1)  # for libraries that were loaded already


#: What NLTK imports on its own import when it is installed, for functions the evaluation never
#: calls (Fisher's exact test, Gale-Church alignment, a transition parser): SciPy, about 80 MB
#: of every eval process. NLTK imports it inside ``try … except ImportError``.
_NLTK_OPTIONAL = ("scipy",)


def _import_nltk() -> None:
    """nltk (needed by rouge-score and for the German stemmer) with SciPy hidden while it is
    imported; SciPy stays importable afterwards."""
    import_hiding("nltk", _NLTK_OPTIONAL)


def require_eval_extra() -> None:
    """A clear message instead of an ImportError deep inside a run."""
    missing = []
    for module in ("nltk", "rouge_score", "numpy"):
        try:
            if module == "nltk":
                _import_nltk()
            else:
                __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise KurzgefasstError(
            f"kurzgefasst eval needs the [eval] extra (missing: {', '.join(missing)}): "
            "pip install 'kurzgefasst[eval]'"
        )


@dataclass
class SystemResult:
    """One system on one article."""

    scores: dict[str, float]
    bullets: list[str]
    checks: list[BulletCheck]
    #: CPU seconds, raw text → bullets (Document build included); None when not timed.
    seconds: float | None
    wall_seconds: float | None
    #: CPU seconds of the system alone (without the shared Document build).
    system_seconds: float | None
    error: str | None = None
    #: The editor columns of this box (news, context, redundancy).
    editor: EditorCheck | None = None
    #: LLM engine: per bullet "written", "repaired" or "replaced".
    origins: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "bullets": self.bullets,
            **({"origins": self.origins} if self.origins else {}),
            "editor": self.editor.to_dict() if self.editor else None,
            "scores": {k: round(v, 3) for k, v in self.scores.items()},
            "ms": None if self.seconds is None else round(self.seconds * 1000, 3),
            "problems": dict(sum((c.problems for c in self.checks), Counter())),
            "error": self.error,
        }


@dataclass
class EvalRun:
    data: str
    specs: list[SystemSpec]
    bullets: int
    offset: int
    limit: int | None
    article_ids: list[str] = field(default_factory=list)
    #: system name → one result per article in ``article_ids``.
    results: dict[str, list[SystemResult]] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    document_seconds: list[float] = field(default_factory=list)
    peak_rss_mb: float = 0.0
    elapsed_seconds: float = 0.0
    #: Systems that read the reference or whose output is precomputed.
    upper_bounds: set[str] = field(default_factory=set)
    untimed: set[str] = field(default_factory=set)


def fresh_copy(doc: Document) -> Document:
    """The same sentences (tokens shared) without any cached analysis."""
    return replace(doc, sentences=[replace(s) for s in doc.sentences])


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def evaluate(
    data: str | Path,
    specs: Sequence[SystemSpec],
    *,
    bullets: int = DEFAULTS.bullets,
    offset: int = 0,
    limit: int | None = None,
    options: Options | None = None,
    on_start: Callable[[int], None] | None = None,
    on_article: Callable[[int], None] | None = None,
) -> EvalRun:
    """Score ``specs`` on records ``offset`` … ``offset + limit`` of ``data``."""
    from ..document import build_document
    from ..inputs import load_article
    from .rouge import rouge

    require_eval_extra()
    base = replace(options or Options(), bullets=bullets)
    systems: list[System] = [create_system(spec, base) for spec in specs]
    for system in systems:
        system.prepare()
    _warm_up(systems, base, load_article, build_document)
    items: list[EvalArticle] = list(read_articles(data, offset=offset, limit=limit))
    run = EvalRun(str(data), list(specs), bullets, offset, limit)
    run.results = {s.name: [] for s in systems}
    run.upper_bounds = {s.name for s in systems if s.uses_reference}
    run.untimed = {s.name for s in systems if not s.timed}
    if on_start:
        on_start(len(items))
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sumy's LSA warns on short articles
        for number, item in enumerate(items):
            if not item.reference:
                run.skipped.append((item.id, "no reference summary"))
            else:
                _evaluate_article(
                    run, systems, item, number, base, load_article, build_document, rouge
                )
            if on_article:
                on_article(number + 1)
    run.elapsed_seconds = time.perf_counter() - started
    run.peak_rss_mb = _peak_rss_mb()
    return run


_WARM_UP = EvalArticle(
    id="warm-up",
    title="Stadtwerke bestellen Elektrobusse",
    text=(
        "Kassel – Die Stadtwerke Kassel haben am Montag 120 neue Elektrobusse bestellt. "
        "Die Fahrzeuge kosten nach Angaben des Unternehmens rund 60 Millionen Euro. "
        "„Wir fahren bald elektrisch“, sagte Geschäftsführerin Anna Weber bei der Vorstellung.\n\n"
        "Die ersten Busse sollen im Frühjahr 2026 auf den Linien 4 und 7 fahren. "
        "Bis Ende 2028 will die Stadt alle Dieselbusse ersetzt haben. "
        "Der Fahrgastverband begrüßte die Entscheidung, forderte aber dichtere Takte."
    ),
    reference=["Kassel bestellt 120 Elektrobusse für 60 Millionen Euro."],
)


def _warm_up(
    systems: list[System],
    base: Options,
    load_article: Callable[..., Any],
    build_document: Callable[..., Document],
) -> None:
    """Load models and lexicons (SoMaJo, wordfreq, HanTa …) before the clock starts."""
    doc = build_document(load_article(_WARM_UP.text, base, title=_WARM_UP.title))
    for system in systems:
        try:
            output = system.run(fresh_copy(doc), _WARM_UP)
        except KurzgefasstError:
            continue
        for text, evidence in zip(output.bullets, output.evidence, strict=False):
            check_bullet(text, doc, evidence, (), "")


def _evaluate_article(
    run: EvalRun,
    systems: list[System],
    item: EvalArticle,
    number: int,
    base: Options,
    load_article: Callable[..., Any],
    build_document: Callable[..., Document],
    rouge: Callable[..., dict[str, float]],
) -> None:
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        doc = build_document(load_article(item.text, base, title=item.title))
    except KurzgefasstError as exc:
        run.skipped.append((item.id, str(exc)))
        return
    doc_cpu, doc_wall = time.process_time() - cpu, time.perf_counter() - wall
    run.document_seconds.append(doc_cpu)
    run.article_ids.append(item.id)
    shift = number % len(systems)
    outputs: dict[str, tuple[Output, float, float]] = {}
    for system in systems[shift:] + systems[:shift]:
        copy = fresh_copy(doc)
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            output = system.run(copy, item)
        except KurzgefasstError as exc:
            output = Output(error=str(exc))
        outputs[system.name] = (output, time.process_time() - cpu, time.perf_counter() - wall)
    raw = squash_input(item.text, item.title)
    for system in systems:
        output, seconds, wall_seconds = outputs[system.name]
        checks = [
            check_bullet(text, doc, evidence, evidence_texts, raw)
            for text, evidence, evidence_texts in zip(
                output.bullets, output.evidence, output.evidence_texts, strict=True
            )
        ]
        run.results[system.name].append(
            SystemResult(
                scores=rouge(output.bullets, item.reference),
                bullets=output.bullets,
                checks=checks,
                seconds=seconds + doc_cpu if system.timed else None,
                wall_seconds=wall_seconds + doc_wall if system.timed else None,
                system_seconds=seconds if system.timed else None,
                error=output.error,
                editor=check_box(output.bullets, doc),
                origins=output.origins,
            )
        )


# --- aggregation --------------------------------------------------------------------------


def _rate(count: float, total: float) -> float:
    return round(count / total, 4) if total else 0.0


def summarize_system(results: Sequence[SystemResult]) -> dict[str, Any]:
    """The report row of one system (the JSON schema of docs/evaluation.md)."""
    n = len(results)
    checks = [c for r in results for c in r.checks]
    bullets = len(checks)
    problems: Counter[str] = Counter()
    for check in checks:
        problems.update(check.problems)
    chars = [c.chars for c in checks]
    timed = [r for r in results if r.seconds is not None]
    cpu = sum(r.seconds or 0.0 for r in timed)
    wall = sum(r.wall_seconds or 0.0 for r in timed)
    row: dict[str, Any] = {"n": n}
    for metric in ("rouge1", "rouge2", "rougeLsum"):
        row[metric] = round(statistics.fmean(r.scores[metric] for r in results), 2) if n else 0.0
    row["articles_per_second"] = round(len(timed) / cpu, 2) if timed and cpu else None
    row["articles_per_second_wall"] = round(len(timed) / wall, 2) if timed and wall else None
    row["ms_per_article_median"] = (
        round(statistics.median(r.seconds or 0.0 for r in timed) * 1000, 2) if timed else None
    )
    row["system_ms_per_article_median"] = (
        round(statistics.median(r.system_seconds or 0.0 for r in timed) * 1000, 3)
        if timed
        else None
    )
    for rule in ("numbers", "names", "quotes"):
        row[f"unsupported_{rule}"] = problems[rule]
        row[f"unsupported_{rule}_per_bullet"] = _rate(problems[rule], bullets)
    row["problems"] = dict(sorted(problems.items()))
    row["bullets_with_problems"] = _rate(sum(1 for c in checks if c.problems), bullets)
    row["evidence_verbatim"] = _rate(sum(c.evidence_verbatim for c in checks), bullets)
    row["verbatim_bullets"] = _rate(sum(c.verbatim for c in checks), bullets)
    row["dangling_starts"] = sum(1 for c in checks if c.dangling)
    row["dangling_starts_per_bullet"] = _rate(row["dangling_starts"], bullets)
    row["bullets_per_article"] = round(bullets / n, 3) if n else 0.0
    row["chars_per_bullet"] = statistics.median(chars) if chars else 0
    row["long_bullets"] = _rate(sum(1 for c in chars if c > LONG_BULLET), bullets)
    row.update(summarize_checks([r.editor for r in results if r.editor is not None]))
    origins = Counter(o for r in results for o in r.origins)
    if origins:  # the LLM engine: what became of the model's bullets
        row["llm_bullets"] = {k: origins[k] for k in ("written", "repaired", "replaced")}
        row["llm_written_or_repaired"] = _rate(
            origins["written"] + origins["repaired"], sum(origins.values())
        )
    row["empty_summaries"] = sum(1 for r in results if not r.bullets)
    row["errors"] = sum(1 for r in results if r.error)
    return row


def subset(run: EvalRun, count: int) -> EvalRun:
    """The first ``count`` scored articles of a run (e.g. the first 300 of a 1,000 run)."""
    return replace(
        run,
        article_ids=run.article_ids[:count],
        results={name: rows[:count] for name, rows in run.results.items()},
        document_seconds=run.document_seconds[:count],
        limit=count,
    )
