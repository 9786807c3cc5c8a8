"""Which sentence is the news: what the headline announces, early in the article.

Newsroom boxes open with what happened, who, when — the headline's news. In the 85
hand-made boxes of ../shared/data/boxes the first bullet comes from the article's first two
sentences in half the articles and shares the most words with the title among the opening
sentences in the rest; a hook ("Eigentlich sollte in Peking der Sport …") is never chosen.
So: among the first sentences of the first paragraphs, the one sharing most content words
with the title, with a small bonus for coming first; without a title the first one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..document import Document
from ..german.keys import content_keys

#: How far into the article the news may sit (sentences), and the head start of the first ones.
WINDOW = 8
POSITION_BONUS = (0.3, 0.2, 0.1)
MIN_TITLE_WORDS = 3
#: Without a title: the sentences that may be the news.
UNTITLED_WINDOW = 3


def news_order(doc: Document) -> list[int]:
    """Sentence indices of the opening, best news candidate first."""
    window = [s for s in doc.sentences[:WINDOW] if s.paragraph <= 3]
    title = content_keys(doc.title or "")
    if len(title) < MIN_TITLE_WORDS:
        # Without a headline only the opening is the news; a sentence further down is no
        # better news than the engine's own first pick.
        return [s.index for s in window[:UNTITLED_WINDOW]]

    def score(position: int) -> float:
        share = len(title_hits(window[position].text, doc.title or "")) / len(title)
        bonus = POSITION_BONUS[position] if position < len(POSITION_BONUS) else 0.0
        return share + bonus

    ranked = sorted(range(len(window)), key=lambda p: (-score(p), p))
    return [window[p].index for p in ranked]


def pick_news(doc: Document, usable: Callable[[int], bool]) -> int | None:
    """The best news sentence that can be a bullet, or None."""
    for index in news_order(doc):
        if usable(index):
            return index
    return None


def heading_like(text: str, title: str | None) -> bool:
    """The headline (or a heading) run into the text: most title words in a sentence hardly
    longer than the title. It repeats the title instead of telling the news."""
    if not title:
        return False
    keys = content_keys(title)
    if len(keys) < MIN_TITLE_WORDS:
        return False
    share = len(content_keys(text) & keys) / len(keys)
    return share >= 0.8 and len(text) < 1.6 * len(title)


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]{4,}", text)}


def title_hits(text: str, title: str) -> set[str]:
    """Title words a sentence carries, compounds included ("Schloss" for "Traumschloss")."""
    keys = content_keys(title)
    words = _words(text)
    hits = content_keys(text) & keys
    for title_word in _words(title):
        key = title_word[:6]
        if (
            key in keys
            and key not in hits
            and any(len(w) >= 5 and (w in title_word or title_word in w) for w in words)
        ):
            hits.add(key)
    return hits


def headline_point(doc: Document, covered: set[str], exclude: set[int]) -> list[int]:
    """Sentences anywhere in the article that carry title words the box does not carry yet
    ("Sturmflut im Norden erwartet" when bullet 1 tells of the storm), best first."""
    title = doc.title or ""
    keys = content_keys(title)
    if len(keys) < MIN_TITLE_WORDS:
        return []
    missing = keys - covered
    scored = []
    for sentence in doc.sentences:
        if sentence.index in exclude:
            continue
        new = title_hits(sentence.text, title) & missing
        if len(new) >= 2 or (len(new) == 1 and len(missing) <= 2):
            scored.append((-len(new), sentence.index))
    return [i for _, i in sorted(scored)]
