"""The bullets a summary is made of, chosen one candidate at a time: draft, guard, repair or
drop (``Selection``); the box stage on the chosen ones; a generative engine's order kept."""

from __future__ import annotations

from dataclasses import replace

from . import box
from .contracts import Candidate, Draft, Notice, Refusal
from .errors import GuardError
from .memo import DocumentMemo
from .options import Options
from .summary import Bullet, Evidence, Rejection


class Selection:
    """The bullets chosen so far, the sentences they rest on, and what the reader is told.

    Candidates are taken in the engine's order: each is drafted, guarded, repaired from its
    source sentence or dropped (a notice with the guard's reasons; ``strict`` raises instead).
    ``rejected`` records every generated bullet the reader does not see (and every dropped
    one), with the reasons.
    """

    def __init__(self, memo: DocumentMemo, n: int) -> None:
        self.memo = memo
        self.n = n
        self.chosen: list[Bullet] = []
        self.used: set[int] = set()
        self.notices: list[Notice] = []
        self.rejected: list[Rejection] = []
        #: id of a chosen bullet → the candidate it came from.
        self.origin: dict[int, Candidate] = {}

    def notice(self, code: str, message: str) -> None:
        self.notices.append(Notice(code, message))

    def fill(self, candidates: list[Candidate], options: Options) -> None:
        self._take(candidates, options)
        if len(self.chosen) < self.n and options.tighten:
            # Better a long bullet than a missing one: sentences that only failed for their
            # length may be up to 1.5 × max_chars, as in the first version.
            roomy = replace(options, max_chars=int(options.max_chars * 1.5))
            self._take(candidates, roomy, retry=options)

    def _take(
        self, candidates: list[Candidate], options: Options, retry: Options | None = None
    ) -> None:
        """Offer candidates until ``n`` bullets are chosen; with ``retry``, only those that were
        refused as too long under those options (a second try)."""
        for candidate in candidates:
            if len(self.chosen) == self.n:
                break
            if self.used & set(candidate.sentence_ids):
                continue
            if retry is not None:
                first = self.memo.draft(candidate, retry)
                if not (isinstance(first, Refusal) and first.kind == "too_long"):
                    continue
                self.rejected[:] = [r for r in self.rejected if r.text != candidate.text]
            bullet = self._bullet(candidate, options)
            if bullet is not None:
                self.chosen.append(bullet)
                self.origin[id(bullet)] = candidate

    def _bullet(self, candidate: Candidate, options: Options) -> Bullet | None:
        """Candidate → draft → guard; a failing draft is repaired from its source sentence or
        dropped."""
        memo, doc = self.memo, self.memo.doc
        generated = not candidate.sentence_ids
        draft = memo.draft(candidate, options)
        if isinstance(draft, Refusal):
            # An extractive engine proposes more sentences than it needs: skipping one is normal.
            # A generated bullet the reader will not see deserves a word.
            if generated:
                self.notice(
                    "generated_skipped", f"skipped a bullet from {candidate.engine} ({draft})"
                )
                self.rejected.append(
                    Rejection(candidate.text, candidate.engine, (f"bullet: {draft}",))
                )
            return None
        verdict = memo.verdict(draft.text, draft.evidence_ids)
        # What the engine already did to the candidate (the LLM's repair round) comes first.
        edits = (*candidate.edits, *draft.edits)
        if not verdict.ok:
            reasons = "; ".join(str(p) for p in verdict.problems)
            self.rejected.append(
                Rejection(draft.text, candidate.engine, tuple(map(str, verdict.problems)))
            )
            if options.strict:
                raise GuardError(f"a bullet from {candidate.engine} failed the guard: {reasons}")
            repaired = None
            for index in verdict.evidence[:1]:
                if index in self.used:
                    continue
                attempt = memo.from_sentence(index, options, candidate.engine)
                if isinstance(attempt, Draft) and attempt.text != draft.text:
                    attempt_verdict = memo.verdict(attempt.text, attempt.evidence_ids)
                    if attempt_verdict.ok:
                        repaired, verdict = attempt, attempt_verdict
            if repaired is None:
                self.notice(
                    "guard_dropped",
                    f"dropped a bullet from {candidate.engine} ({reasons}); took the next candidate",
                )
                return None
            self.notice(
                "guard_repaired",
                f"repaired a bullet from {candidate.engine} ({reasons}) with its source sentence",
            )
            draft = repaired
            edits = (
                REPLACED_EDIT,
                *repaired.edits,
            )
        own = set(draft.sentence_ids) or set(verdict.evidence)
        # Two generated bullets may draw on one sentence (two facts of it, or one fused with
        # another sentence's); a bullet made from article sentences must not repeat them.
        if self.used & own and draft.sentence_ids:
            self.notice(
                "repeated_evidence", "dropped a bullet that repeats the evidence of another bullet"
            )
            if generated:
                reason = "repeats: rests on the same sentences as another bullet"
                self.rejected.append(Rejection(draft.text, candidate.engine, (reason,)))
            return None
        self.used |= own
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


def box_stage(
    chosen: list[Bullet],
    candidates: list[Candidate],
    memo: DocumentMemo,
    options: Options,
    selection: Selection,
) -> list[Bullet]:
    """The box stage on the chosen bullets; more single-sentence bullets on demand."""
    doc = memo.doc
    ranked = [c.sentence_ids[0] for c in candidates if len(c.sentence_ids) == 1]
    engine = chosen[0].engine if chosen else options.engine

    def propose(index: int) -> Bullet | None:
        # A fresh selection: whether a sentence makes a bullet, not whether it is taken yet.
        trial = Selection(memo, 1)
        candidate = Candidate(doc.sentences[index].text, (index,), 0.0, engine)
        return trial._bullet(candidate, options)

    arranged, notes = box.compose(chosen, ranked, doc, options, propose)
    for note in notes:
        selection.notice("meaning_cut", note)
    return arranged


#: The edit of a generated bullet whose place its source sentence took.
REPLACED_EDIT = "replaced by its source sentence (the guard rejected the bullet)"


def in_model_order(
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
