"""The pipeline: input → Article → Document → engine candidates → bullets → guard → Summary."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from . import bullets, guard
from .article import split_dateline
from .document import Document, build_document
from .engines import Candidate, Engine, create_engine
from .errors import ConfigurationError, EngineUnavailableError, GuardError, NoArticleError
from .fetch import fetch_url
from .inputs import load_article
from .options import Options
from .summary import Bullet, Evidence, Rejection, Summary


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + (time.perf_counter() - start) * 1000


class Summarizer:
    """Holds loaded engines; create one per process (or worker) and reuse it."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self._engines: dict[tuple[str, str], Engine] = {}

    def engine(self, options: Options) -> Engine:
        # Engines filter their pool with the bullet stage's rules, which depend on these options.
        key = (
            options.engine,
            repr(sorted(options.engine_options.items())),
            options.tighten,
            options.max_chars,
        )
        if key not in self._engines:
            self._engines[key] = create_engine(options.engine, options)
        return self._engines[key]

    def summarize(
        self,
        text: str | bytes | None = None,
        *,
        html: str | bytes | None = None,
        url: str | None = None,
        title: str | None = None,
        options: Options | None = None,
        allow_private_urls: bool = False,
        **overrides: Any,
    ) -> Summary:
        options = (
            replace(options or self.options, **overrides)
            if overrides
            else (options or self.options)
        )
        given = [x is not None for x in (text, html, url)]
        if sum(given) != 1:
            raise ConfigurationError("give exactly one of text, html or url")
        self.engine(options)  # fail fast on an unknown engine, before any parsing
        timings: dict[str, float] = {}
        total_start = time.perf_counter()
        if url is not None:
            with _timed(timings, "fetch"):
                page = fetch_url(url, allow_private=allow_private_urls)
            html, source_url = page.html, page.url
        else:
            source_url = None
        if html is not None:
            options = replace(options, input_format="html")
        with _timed(timings, "article"):
            article = load_article(
                text if text is not None else html or "", options, url=source_url, title=title
            )
        with _timed(timings, "document"):
            doc = build_document(article)
        summary = self.summarize_document(doc, options, timings)
        summary.timings_ms["total"] = (time.perf_counter() - total_start) * 1000
        return summary

    def summarize_document(
        self, doc: Document, options: Options, timings: dict[str, float] | None = None
    ) -> Summary:
        timings = timings if timings is not None else {}
        n = options.bullets
        engine = self.engine(options)
        # Warnings about the input itself (bytes that were not valid UTF-8, …) come first.
        warnings: list[str] = list(doc.article.warnings)
        rejected: list[Rejection] = []
        with _timed(timings, "engine"):
            try:
                candidates = engine.rank(doc, n)
            except EngineUnavailableError as exc:
                if not engine.needs_fallback:
                    raise
                warnings.append(
                    f"the {engine.name} engine gave no bullets ({exc}); using the extractive engine"
                )
                candidates = []
        #: The generative engine's own candidates, in its order (the model's box order).
        generated = list(candidates) if engine.needs_fallback else []
        if engine.needs_fallback:
            fallback = self.engine(replace(options, engine="extractive"))
            candidates = candidates + fallback.rank(doc, n)
        chosen: list[Bullet] = []
        origin: dict[int, Candidate] = {}  # id of a chosen bullet → the candidate it came from
        used: set[int] = set()
        with _timed(timings, "bullets_and_guard"):
            for candidate in candidates:
                if len(chosen) == n:
                    break
                if used & set(candidate.sentence_ids):
                    continue
                bullet = self._bullet(candidate, doc, options, used, warnings, rejected)
                if bullet is not None:
                    chosen.append(bullet)
                    origin[id(bullet)] = candidate
        if len(chosen) < n and options.tighten:
            # Better a long bullet than a missing one: sentences that only failed for their
            # length may be up to 1.5 × max_chars, as in the first version.
            roomy = replace(options, max_chars=int(options.max_chars * 1.5))
            for candidate in candidates:
                if len(chosen) == n:
                    break
                if used & set(candidate.sentence_ids):
                    continue
                if bullets.draft(candidate, doc, options) != "too long":
                    continue
                rejected[:] = [r for r in rejected if r.text != candidate.text]  # a second try
                bullet = self._bullet(candidate, doc, roomy, used, warnings, rejected)
                if bullet is not None:
                    chosen.append(bullet)
                    origin[id(bullet)] = candidate
            long_ones = [b for b in chosen if len(b.text) > options.max_chars]
            if long_ones:
                warnings.append(
                    f"{len(long_ones)} bullet(s) over {options.max_chars} characters: no shorter "
                    "sentence could stand alone and none could be shortened"
                )
        if not chosen:
            raise NoArticleError(
                "no sentence of the article can stand alone as a bullet (a paywall, list or index page?)"
            )
        if generated:
            chosen = _in_model_order(chosen, origin, generated)
        else:
            # A summary box reads in article order.
            chosen.sort(key=lambda b: b.evidence[0].start if b.evidence else 0)
        if len(chosen) < n:
            warnings.append(
                f"only {len(chosen)} of {n} bullets: the article has too few sentences that can stand alone"
            )
        article = doc.article
        return Summary(
            bullets=chosen,
            engine=engine.name,
            title=article.title,
            warnings=warnings,
            timings_ms=timings,
            source_text=article.text,
            dateline=article.dateline or _removed_dateline(chosen),
            credit=article.credit,
            removed=[{"kind": r.kind, "text": r.text} for r in article.removed],
            metadata=dict(article.metadata),
            requested_bullets=n,
            rejected=rejected,
        )

    @staticmethod
    def _bullet(
        candidate: Candidate,
        doc: Document,
        options: Options,
        used: set[int],
        warnings: list[str],
        rejected: list[Rejection],
    ) -> Bullet | None:
        """Candidate → bullet → guard; repair a failing bullet from its source sentence or drop it.

        Every repair or drop is a warning with the guard's reasons; ``strict`` raises instead.
        ``rejected`` records every generated bullet the reader does not see (and every dropped
        one), with the guard's reasons.
        """
        generated = not candidate.sentence_ids
        draft = bullets.draft(candidate, doc, options)
        if isinstance(draft, str):
            # An extractive engine proposes more sentences than it needs: skipping one is normal.
            # A generated bullet the reader will not see deserves a word.
            if generated:
                warnings.append(f"skipped a bullet from {candidate.engine} ({draft})")
                rejected.append(Rejection(candidate.text, candidate.engine, (f"bullet: {draft}",)))
            return None
        verdict = guard.check(draft.text, doc, draft.evidence_ids)
        # What the engine already did to the candidate (the LLM's repair round) comes first.
        edits = (*getattr(candidate, "edits", ()), *draft.edits)
        if not verdict.ok:
            reasons = "; ".join(str(p) for p in verdict.problems)
            rejected.append(
                Rejection(draft.text, candidate.engine, tuple(map(str, verdict.problems)))
            )
            if options.strict:
                raise GuardError(f"a bullet from {candidate.engine} failed the guard: {reasons}")
            repaired = None
            for index in verdict.evidence[:1]:
                if index in used:
                    continue
                attempt = bullets.from_sentence(index, doc, options, candidate.engine)
                if isinstance(attempt, bullets.Draft) and attempt.text != draft.text:
                    attempt_verdict = guard.check(attempt.text, doc, attempt.evidence_ids)
                    if attempt_verdict.ok:
                        repaired, verdict = attempt, attempt_verdict
            if repaired is None:
                warnings.append(
                    f"dropped a bullet from {candidate.engine} ({reasons}); took the next candidate"
                )
                return None
            warnings.append(
                f"repaired a bullet from {candidate.engine} ({reasons}) with its source sentence"
            )
            draft = repaired
            edits = (
                "replaced by its source sentence (the guard rejected the bullet)",
                *repaired.edits,
            )
        own = set(draft.sentence_ids) or set(verdict.evidence)
        # Two generated bullets may draw on one sentence (two facts of it, or one fused with
        # another sentence's); a bullet made from article sentences must not repeat them.
        if used & own and draft.sentence_ids:
            warnings.append("dropped a bullet that repeats the evidence of another bullet")
            if generated:
                reason = "repeats: rests on the same sentences as another bullet"
                rejected.append(Rejection(draft.text, candidate.engine, (reason,)))
            return None
        used |= own
        return Bullet(
            text=draft.text,
            evidence=tuple(
                # The source slice itself: Sentence.text has its line breaks made spaces.
                Evidence(doc.article.text[s.start : s.end], s.start, s.end, i)
                for i in (draft.evidence_ids if draft.sentence_ids else verdict.evidence)
                for s in (doc.sentences[i],)
            ),
            engine=candidate.engine,
            edits=edits,
        )


def _in_model_order(
    chosen: list[Bullet], origin: dict[int, Candidate], generated: list[Candidate]
) -> list[Bullet]:
    """A generative engine's box keeps the model's order (bullet 1 is its news); a bullet of
    the fallback engine takes the place of the model's bullet that failed, earliest first, so
    the box still opens with the news."""
    slot = {id(c): i for i, c in enumerate(generated)}
    slots: list[Bullet | None] = [None] * len(generated)
    fills: list[Bullet] = []
    for bullet in chosen:
        position = slot.get(id(origin[id(bullet)]))
        if position is None:
            fills.append(bullet)
        else:
            slots[position] = bullet
    fills.sort(key=lambda b: b.evidence[0].start if b.evidence else 0)
    ordered = [b if b is not None else (fills.pop(0) if fills else None) for b in slots]
    return [b for b in ordered if b is not None] + fills


def _removed_dateline(chosen: list[Bullet]) -> str | None:
    """The dateline the bullet stage cut from a later paragraph ("Hamburg (dpa) - "), so that
    ``Summary.dateline`` is not empty while a bullet's edits say "dateline removed"."""
    for bullet in chosen:
        if "dateline removed" not in bullet.edits or not bullet.evidence:
            continue
        source = bullet.evidence[0].text
        dateline, _ = split_dateline(source)
        if dateline:
            return dateline
        start = source.find(" ".join(bullet.text.split()[:3]))
        if start > 0:
            return source[:start].strip(" -–—:") or None
    return None


_default: Summarizer | None = None


def default_summarizer() -> Summarizer:
    global _default
    if _default is None:
        _default = Summarizer()
    return _default


def summarize(
    text: str | bytes | None = None,
    *,
    html: str | bytes | None = None,
    url: str | None = None,
    bullets: int = 3,
    engine: str = "extractive",
    **options: Any,
) -> Summary:
    """Summarize one German article. See ``Options`` for every keyword."""
    opts = Options(bullets=bullets, engine=engine, **options)
    return default_summarizer().summarize(text, html=html, url=url, options=opts)
