"""The pipeline: input → Article → Document → engine candidates → bullets → guard → Summary."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from .article import split_dateline
from .contracts import Candidate
from .document import Document, build_document
from .engines import Engine, create_engine
from .errors import ConfigurationError, EngineUnavailableError, NoArticleError
from .fetch import fetch_url
from .inputs import load_article
from .memo import DocumentMemo
from .options import DEFAULTS, Options
from .selection import REPLACED_EDIT, Selection, box_stage, in_model_order
from .summary import Bullet, Summary


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + (time.perf_counter() - start) * 1000


class Summarizer:
    """The one entry point: holds loaded engines; create one per process (or worker), reuse it.

    The Python API, the CLI, the service's workers, batch jobs and ``kurzgefasst eval`` all
    summarize through it.
    """

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self._engines: dict[tuple[str, str], Engine] = {}

    def engine(self, options: Options) -> Engine:
        """The engine of ``options``, created once per name and engine settings."""
        return self._engine(options.engine, options.engine_options)

    def _engine(self, name: str, settings: Mapping[str, Any]) -> Engine:
        key = (name, repr(sorted(settings.items())))
        if key not in self._engines:
            self._engines[key] = create_engine(name, settings)
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
        page_url: str | None = None,
        **overrides: Any,
    ) -> Summary:
        """Summarize one article: pasted ``text``, an ``html`` page, or a ``url`` to fetch.

        ``page_url`` is the address ``html`` was fetched from by the caller (the service
        fetches on its own), used as a fetched page's address is.
        """
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
        source_url = page_url if html is not None else None
        if url is not None:
            with _timed(timings, "fetch"):
                page = fetch_url(url, allow_private=allow_private_urls)
            html, source_url = page.html, page.url
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
        """Engine → bullet stage → guard on a Document built once (the evaluation's entry)."""
        timings = timings if timings is not None else {}
        engine = self.engine(options)
        memo = DocumentMemo(doc)
        selection = Selection(memo, options.bullets)
        # Warnings about the input itself (bytes that were not valid UTF-8, …) come first.
        for warning in doc.article.warnings:
            selection.notice("input_repaired", warning)
        with _timed(timings, "engine"):
            candidates, generated = self._candidates(engine, doc, options, memo, selection)
        with _timed(timings, "bullets_and_guard"):
            selection.fill(candidates, options)
        if not selection.chosen:
            raise NoArticleError(
                "no sentence of the article can stand alone as a bullet (a paywall, list or index page?)"
            )
        chosen = selection.chosen
        if generated:
            chosen = in_model_order(chosen, selection.origin, generated)
            if options.rewrite and options.tighten:
                chosen = self._default_fills(chosen, doc, options, engine.name, selection)
        elif options.rewrite and options.tighten and engine.name != "lead":
            # News first, further points after it, each rewritten under the guard (``box``);
            # the lead engine promises the first sentences, so it keeps them.
            with _timed(timings, "box"):
                chosen = box_stage(chosen, candidates, memo, options, selection)
        else:
            # A summary box reads in article order.
            chosen.sort(key=lambda b: b.evidence[0].start if b.evidence else 0)
        # Told after the box stage: a whole sentence instead of a cut that changed the claim
        # may be longer than max_chars too.
        long_ones = [b for b in chosen if len(b.text) > options.max_chars]
        if long_ones:
            selection.notice(
                "long_bullets",
                f"{len(long_ones)} bullet(s) over {options.max_chars} characters: no shorter "
                "form could stand alone without changing the claim",
            )
        n = options.bullets
        if len(chosen) < n:
            selection.notice(
                "few_bullets",
                f"only {len(chosen)} of {n} bullets: the article has too few sentences that can stand alone",
            )
        article = doc.article
        return Summary(
            bullets=chosen,
            engine=engine.name,
            title=article.title,
            warnings=[notice.message for notice in selection.notices],
            notices=selection.notices,
            timings_ms=timings,
            source_text=article.text,
            dateline=article.dateline or _removed_dateline(chosen),
            credit=article.credit,
            removed=[{"kind": r.kind, "text": r.text} for r in article.removed],
            metadata=dict(article.metadata),
            requested_bullets=n,
            rejected=selection.rejected,
        )

    def _default_fills(
        self,
        chosen: list[Bullet],
        doc: Document,
        options: Options,
        name: str,
        selection: Selection,
    ) -> list[Bullet]:
        """A model bullet that failed is replaced by a bullet of the default engine's box (the
        news first, people named, references resolved), not by a bare article sentence: the
        fallback reads like the extractive summary's own bullets. Places keep the model's order;
        a fill never repeats a sentence a kept model bullet rests on."""
        kept = [
            b for b in chosen
            if b.engine == name and not any(e.startswith(REPLACED_EDIT) for e in b.edits)
        ]  # fmt: skip
        if len(kept) == len(chosen) == options.bullets:
            return chosen
        # More bullets than places: the ones resting on a kept model bullet's sentences drop out.
        wider = replace(
            options, engine="extractive", engine_options={}, bullets=2 * options.bullets
        )
        try:
            default = self.summarize_document(doc, wider)
        except NoArticleError:
            return chosen
        used = {e.sentence for b in kept for e in b.evidence}
        spare = [b for b in default.bullets if not used & {e.sentence for e in b.evidence}]
        out: list[Bullet] = []
        for bullet in chosen:
            if bullet not in kept and spare:
                failed = bullet.engine == name  # not a fill for a place the model left empty
                # The default box's bullet on the failed bullet's own sentence keeps the model's
                # choice of fact; otherwise the default box's best spare.
                sources = {e.sentence for e in bullet.evidence}
                same = [
                    i for i, b in enumerate(spare) if sources & {e.sentence for e in b.evidence}
                ]
                bullet = spare.pop(same[0] if same else 0)
                if failed:
                    selection.notice(
                        "default_fill",
                        f"a bullet from {name} that failed the guard was replaced by a bullet of "
                        f"the extractive box: {bullet.text!r}",
                    )
            sentences = {e.sentence for e in bullet.evidence}
            if bullet in kept or not any(sentences & {e.sentence for e in o.evidence} for o in out):
                out.append(bullet)  # a leftover fill that repeats another bullet is dropped
        while len(out) < options.bullets and spare:
            out.append(spare.pop(0))
        return out

    def _candidates(
        self,
        engine: Engine,
        doc: Document,
        options: Options,
        memo: DocumentMemo,
        selection: Selection,
    ) -> tuple[list[Candidate], list[Candidate]]:
        """The engine's candidates; a generative engine's are followed by the extractive
        engine's (its fallback), which replace the rejected ones or all when it gave none.
        Second: the generative engine's own candidates, in its order (the model's box order)."""
        usable = memo.usability(options)
        try:
            candidates = engine.rank(doc, options.bullets, usable)
        except EngineUnavailableError as exc:
            if not engine.needs_fallback:
                raise
            selection.notice(
                "engine_unavailable",
                f"the {engine.name} engine gave no bullets ({exc}); using the extractive engine",
            )
            candidates = []
        generated = list(candidates) if engine.needs_fallback else []
        if engine.needs_fallback:
            fallback = self._engine("extractive", {})
            candidates = candidates + fallback.rank(doc, options.bullets, usable)
        return candidates, generated


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
    bullets: int = DEFAULTS.bullets,
    engine: str = DEFAULTS.engine,
    **options: Any,
) -> Summary:
    """Summarize one German article. See ``Options`` for every keyword (defaults: ``DEFAULTS``)."""
    opts = Options(bullets=bullets, engine=engine, **options)
    return default_summarizer().summarize(text, html=html, url=url, options=opts)
