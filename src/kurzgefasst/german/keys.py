"""Content-word keys: the words that say what a sentence is about, stemmed crudely.

Shared by the box stage (which sentence is the headline's news) and the evaluation's editor
columns (does the box carry it), so both mean the same by "the same words".
"""

from __future__ import annotations

import re

_WORD_RE = re.compile(r"[^\W_]+")
# Function words and words every news text has: they say nothing about the news.
STOPWORDS = frozenset(
    """aber alle als also auch auf aus bei bis dass das dem den der des die dies diese dieser
    doch durch ein eine einem einen einer eines für gegen hat hatte haben hier ihr ihre im in
    ist ja kann mit nach nicht noch nun nur ob oder ohne sehr sein seine sich sie sind so über
    um und uns unter vom von vor war waren was weil wenn werden wie wird wir wurde wurden zu
    zum zur zwar mehr man sei habe jetzt neue neuen neuer heute sagt sagte""".split()
)


def content_keys(text: str) -> set[str]:
    """Lowercased six-letter stems of the content words (hyphenated compounds split)."""
    return {
        w.lower()[:6]
        for w in _WORD_RE.findall(text)
        if len(w) > 2 and w.lower() not in STOPWORDS and not w.isdigit()
    }
