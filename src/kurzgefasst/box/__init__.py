"""The box: the engine's bullets arranged and rewritten as a newsroom writes its summary box.

1. Bullet 1 is the news: the opening sentence that says what the headline announces
   (``news``), moved to the front.
2. Bullets 2 and 3 are the engine's best further points that stand alone (``standalone``),
   are no page text (``german.page_text``) and do not repeat a bullet already in the box.
3. Every bullet is rewritten under the guard (``rewrite``): a following sentence that leans on
   it is fused into it ("…; zudem seien …", "…, teilte der Zivilschutz mit."), a sentence that
   leans on the one before is fused after that one, a person by age gets the article's name
   ("dem 27-jährigen Juan Izquierdo"), a surname alone its first name. Each change is a
   recorded edit with its evidence sentences and kept only when the guard passes; otherwise
   the bullet stays as it was.
4. No bullet may cut what changes a claim (``meaning``: "zwar" without "aber", a dropped
   negation, condition or caveat): such a bullet falls back to its sentence, or is replaced;
   with ``strict`` it is an error.

The stage only arranges and rewrites; which sentences are worth a bullet stays the engine's
job, and what a single sentence may become the bullet stage's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .. import guard
from ..document import Document
from ..errors import GuardError
from ..german.page_text import page_text_reason, strip_page_text
from ..german.quotes import find_quotes, has_source, unbalanced_quotes
from ..options import Options
from ..summary import Bullet, Evidence
from .attribution import speaker_before, with_speaker
from .fuse import drop_linking, fuse, leans_on_previous, says_who
from .meaning import meaning_cut
from .news import heading_like, headline_point, pick_news, title_hits
from .resolve import expand_surname, resolve_age, resolve_role
from .standalone import POINTER_HEAD_RE_TEXT, context_reason, redundant

_POINTER_HEAD = re.compile(POINTER_HEAD_RE_TEXT)

#: Sentences tried for the part of the headline bullet 1 does not carry.
HEADLINE_TRIES = 4
#: A leaning next sentence is fused only when the engine ranks it among its best
#: ``bullets + FUSE_RANK`` candidates (or it only says who said the bullet): a second fact
#: the engine does not value only makes the bullet longer.
FUSE_RANK = 3
#: The statement before a colon must be this long to stand for its sentence.
MIN_HEAD_CHARS = 40
#: Sentences from the top the box tries when the engine's candidates run out.
MORE_SENTENCES = 15
#: A bullet made of one article sentence by the bullet stage and the guard, or None.
Propose = Callable[[int], Bullet | None]


@dataclass
class _Box:
    doc: Document
    options: Options
    propose: Propose
    bullets: list[Bullet] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    named: set[str] = field(default_factory=set)
    #: Sentences that only lend a bullet a name: evidence, but free for another bullet.
    context: set[int] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    #: Sentences the engine ranks high enough that a bullet may carry them as a second fact.
    worth: set[int] = field(default_factory=set)
    _cache: dict[int, Bullet | None] = field(default_factory=dict)

    def single(self, index: int) -> Bullet | None:
        if index not in self._cache:
            self._cache[index] = self.propose(index) or self.head(index)
        return self._cache[index]

    def head(self, index: int) -> Bullet | None:
        """A sentence the bullet stage refuses (too long), as the statement before its colon:
        "Die Energie AG investiert 58 Millionen Euro in einen Windpark: Auf der Alm sollen …"
        → "Die Energie AG investiert 58 Millionen Euro in einen Windpark." The colon's tail
        only details the head; the guard and the meaning check see the whole sentence."""
        source = self.doc.sentences[index].text
        colon = source.find(": ")
        if colon < MIN_HEAD_CHARS or colon > self.options.max_chars or find_quotes(source[:colon]):
            return None
        text = source[:colon].rstrip() + "."
        if re.search(r"[.!?)]\s+\S", text[:-1]):
            return None  # two sentences run together ("… 1983/84. (APA; 14.12.2015) …")
        if unbalanced_quotes(text) or text.count("(") != text.count(")"):
            return None
        if context_reason(text) is not None or page_text_reason(text) is not None:
            return None
        if meaning_cut(text, [source]) is not None or not self.passes(text, [index]):
            return None
        edit = "kept what precedes the colon"
        return Bullet(text, self.evidence([index]), self.options.engine, (edit,))

    def evidence(self, ids: Sequence[int]) -> tuple[Evidence, ...]:
        sentences, text = self.doc.sentences, self.doc.article.text
        return tuple(
            # The source slice itself, as the pipeline gives it.
            Evidence(
                text[sentences[i].start : sentences[i].end], sentences[i].start, sentences[i].end, i
            )
            for i in dict.fromkeys(ids)
        )

    def passes(self, text: str, ids: Sequence[int]) -> bool:
        return guard.check(text, self.doc, tuple(dict.fromkeys(ids))).ok

    def ids(self, bullet: Bullet) -> list[int]:
        return [e.sentence for e in bullet.evidence]


def _with(box: _Box, bullet: Bullet, text: str, ids: Sequence[int], edit: str) -> Bullet | None:
    """The bullet rewritten to ``text`` on evidence ``ids``, if the guard passes it."""
    if text == bullet.text or not box.passes(text, ids):
        return None
    return Bullet(text, box.evidence(ids), bullet.engine, (*bullet.edits, edit))


def rewrite(box: _Box, bullet: Bullet) -> Bullet:
    """Fuse, resolve and clean one bullet; every step guarded, every step recorded."""
    doc = box.doc
    ids = box.ids(bullet)
    stripped = strip_page_text(bullet.text)
    if stripped != bullet.text:
        bullet = _with(box, bullet, stripped, ids, "site tag or link removed") or bullet
    tail = _pointing_head_cut(bullet.text)
    if tail is not None:
        # "Das will Aldi nun ändern: Ab Donnerstag verkauft …" → what follows the colon.
        bullet = _with(box, bullet, tail, ids, "pointer before the colon dropped") or bullet
    unlinked = drop_linking(bullet.text)
    if unlinked != bullet.text:
        bullet = _with(box, bullet, unlinked, ids, "linking word dropped") or bullet
    last = max(ids)
    nxt = last + 1
    if (
        nxt < len(doc.sentences)
        and nxt not in box.used
        and doc.sentences[nxt].paragraph == doc.sentences[last].paragraph
        and leans_on_previous(doc.sentences[nxt].text)
        and page_text_reason(doc.sentences[nxt].text) is None
        and (nxt in box.worth or says_who(doc.sentences[nxt].text))
    ):
        fused = fuse(bullet.text, doc.sentences[nxt].text)
        if fused and context_reason(fused) is None:
            better = _with(box, bullet, fused, [*ids, nxt], "fused with the next sentence")
            if better is not None:
                bullet, ids = better, [*ids, nxt]
    first = min(ids)
    if context_reason(bullet.text) and first > 0 and first - 1 not in box.used:
        before = box.single(first - 1)
        if before is not None and len(before.evidence) == 1:
            fused = fuse(before.text, doc.sentences[first].text)
            if fused and context_reason(fused) is None:
                joined = [first - 1, *ids]
                better = _with(box, bullet, fused, joined, "fused after the sentence it leans on")
                if better is not None:
                    bullet, ids = better, joined
    reason = context_reason(bullet.text) or ""
    if reason.startswith("reported speech") or reason == "points back with 'demnach'":
        # "Das Programm solle im September starten." → "…, so Ebay." (the speaker just before);
        # "Insgesamt fehlt demnach …" → "Insgesamt fehlt …, so das UNHCR.".
        who = speaker_before(doc, min(ids))
        text = re.sub(r" demnach\b", "", bullet.text, count=1)
        attributed = with_speaker(text, who.phrase) if who is not None else None
        if who is not None and attributed is not None:
            edit = f"speaker added from the sentence before: 'so {who.phrase}'"
            better = _with(box, bullet, attributed, [*ids, who.sentence], edit)
            if better is not None:
                if who.sentence not in ids:
                    box.context.add(who.sentence)
                bullet, ids = better, [*ids, who.sentence]
    for resolve in (resolve_age, resolve_role):
        named = resolve(bullet.text, doc, min(ids))
        if named is None or len(named.text) > max(box.options.max_chars, len(bullet.text)):
            continue
        better = _with(box, bullet, named.text, [*ids, named.evidence], named.edit)
        if better is not None:
            if named.evidence not in ids:
                box.context.add(named.evidence)
            bullet, ids = better, [*ids, named.evidence]
    for _ in range(3):
        full = expand_surname(bullet.text, doc, box.named)
        if full is None or len(full.text) > max(box.options.max_chars, len(bullet.text)):
            break
        better = _with(box, bullet, full.text, [*ids, full.evidence], full.edit)
        if better is None:
            box.named.add(full.edit.split("'")[3])  # do not try this name again
            continue
        if full.evidence not in ids:
            box.context.add(full.evidence)
        bullet, ids = better, [*ids, full.evidence]
    return bullet


def _pointing_head_cut(text: str) -> str | None:
    """What follows the colon, when only the part before it needs the article."""
    head = _POINTER_HEAD.match(text)
    if head:
        return text[head.end() :]
    colon = text.find(": ")
    if colon < 8 or colon > 120:
        return None
    before, after = text[:colon], text[colon + 2 :]
    if before.count("(") != before.count(")") or after.count("(") != after.count(")"):
        return None  # "… (Motto: Niemand bleibt draußen) bittet …": the colon is inside brackets
    if not after[:1].isupper() or has_source(before) or find_quotes(after) or find_quotes(before):
        return None
    if context_reason(before + ".") is None or context_reason(after) is not None:
        return None
    return after


def _misleading(box: _Box, bullet: Bullet, lenders: set[int] | None = None) -> Bullet | None:
    """A bullet whose cut changes a claim: its whole sentence instead, or None.

    ``lenders`` only lent the bullet a name: what they say is not the bullet's claim."""
    sources = [e.text for e in bullet.evidence if e.sentence not in (lenders or set())]
    if {"pointer before the colon dropped", "kept what follows the colon"} & set(bullet.edits):
        # The dropped head only pointed back; what the bullet claims is what follows the colon.
        sources = [t.split(": ", 1)[1] if ": " in t else t for t in sources]
    problem = meaning_cut(bullet.text, sources)
    if problem is None:
        return bullet
    if box.options.strict:
        raise GuardError(f"a bullet cuts what changes the claim ({problem}): {bullet.text!r}")
    box.warnings.append(f"a bullet cut what changes the claim ({problem}); used the sentence")
    if len(bullet.evidence) == 1:
        sentence = bullet.evidence[0].text
        limit = box.options.max_chars * 1.5
        if len(sentence) <= limit and box.passes(sentence, [bullet.evidence[0].sentence]):
            whole = Bullet(
                sentence, bullet.evidence, bullet.engine, ("whole sentence: " + problem,)
            )
            if context_reason(whole.text) is None:
                return whole
    return None


def _admit(box: _Box, bullet: Bullet | None) -> bool:
    """Rewrite a bullet and add it to the box when it stands alone and says something new."""
    if bullet is None:
        return False
    ids = box.ids(bullet)
    if box.used & set(ids):
        return False
    if any(page_text_reason(box.doc.sentences[i].text) for i in ids[:1]):
        return False
    lent = set(box.context)
    bullet = rewrite(box, bullet)
    # What this rewrite borrowed a name from is context; what the bullet says is its own.
    borrowed = box.context - lent
    box.context = lent
    ids = [i for i in box.ids(bullet) if i not in borrowed]
    if box.used & set(ids) or context_reason(bullet.text) is not None:
        return False
    if any(redundant(bullet.text, other.text) for other in box.bullets):
        return False
    checked = _misleading(box, bullet, borrowed)
    if checked is None:
        return False
    box.bullets.append(checked)
    box.used |= set(i for i in box.ids(checked) if i not in borrowed)
    box.named |= {name for name in _full_names(checked.text, box)}
    return True


def _full_names(text: str, box: _Box) -> set[str]:
    from .resolve import people_before

    return {full for full, _, _ in people_before(box.doc, len(box.doc.sentences)) if full in text}


def compose(
    bullets: Sequence[Bullet],
    ranked: Sequence[int],
    doc: Document,
    options: Options,
    propose: Propose,
) -> tuple[list[Bullet], list[str]]:
    """The box of ``options.bullets`` bullets: news first, then the best further points.

    ``bullets`` are what the pipeline chose (guarded), ``ranked`` the engine's sentence ids in
    its order of preference; ``propose`` makes a guarded bullet of one more sentence.
    """
    box = _Box(doc, options, propose)
    box.worth = set(ranked[: options.bullets + FUSE_RANK])
    by_sentence = {b.evidence[0].sentence: b for b in bullets if b.evidence}
    for index, bullet in by_sentence.items():
        box._cache[index] = bullet

    def news_usable(index: int) -> bool:
        if heading_like(doc.sentences[index].text, doc.title):
            return False
        candidate = box.single(index)
        if candidate is None or page_text_reason(doc.sentences[index].text):
            return False
        lent = set(box.context)
        ok = context_reason(rewrite(box, candidate).text) is None
        box.context = lent  # a trial: what it borrowed is not the box's yet
        return ok

    news = pick_news(doc, news_usable)
    if news is not None:
        _admit(box, box.single(news))
    if doc.title and (box.bullets or news is None):
        # The headline's other half ("… Sturmflut im Norden erwartet") when bullet 1 lacks it.
        covered = set().union(*(title_hits(b.text, doc.title) for b in box.bullets))
        for index in headline_point(doc, covered, box.used)[:HEADLINE_TRIES]:
            if index in box.used or heading_like(doc.sentences[index].text, doc.title):
                continue
            if _admit(box, box.single(index)):
                if news is None:
                    news = index  # no news in the opening: the headline's sentence leads
                break
    for bullet in bullets:
        if len(box.bullets) >= options.bullets:
            break
        _admit(box, bullet)
    for index in ranked:
        if len(box.bullets) >= options.bullets:
            break
        if index in box.used:
            continue
        _admit(box, box.single(index))
    for index in range(min(len(doc.sentences), MORE_SENTENCES)):
        if len(box.bullets) >= options.bullets:
            break
        if index not in box.used and index not in ranked:
            _admit(box, box.single(index))
    for bullet in bullets:
        # Better the bullet stage's bullet than a missing one.
        if len(box.bullets) >= options.bullets:
            break
        ids = box.ids(bullet)
        if (
            not box.used & set(ids)
            and context_reason(bullet.text) is None
            and page_text_reason(doc.sentences[ids[0]].text) is None
        ):
            box.bullets.append(bullet)
            box.used |= set(box.ids(bullet))
    if not box.bullets:
        return list(bullets), box.warnings
    # The news leads; the further points follow in article order.
    head, rest = box.bullets[:1], box.bullets[1:]
    if news is None:
        head, rest = [], box.bullets
    rest.sort(key=lambda b: b.evidence[0].start if b.evidence else 0)
    return head + rest, box.warnings
