"""Is this text a cookie or consent wall instead of an article?

Fetched news pages often answer with a consent notice ("Mit Klick auf „Alle akzeptieren“ stimmen
Sie der Verarbeitung Ihrer Daten zu.") until the reader agrees. It is German, has whole
sentences, and would be summarized as if it were the news. A text is a wall when most of its
words are in sentences about cookies, consent, tracking or ad-free subscriptions, it asks the
reader to accept or consent, and it is short (a wall is a few sentences); an article that
merely ends with such a paragraph, or a report on data protection, is not.
"""

from __future__ import annotations

import re

_SENTENCE_RE = re.compile(r"[^.!?]+[.!?]*")
_WORD_RE = re.compile(r"\w+")
_MARKERS = re.compile(
    r"cookie|akzeptier|einwillig|zustimm|datenschutz|verarbeitung ihrer daten|ihre daten"
    r"|ihrem gerät|tracking|drittanbieter|werbefrei|pur-abo|personalisierte werbung"
    r"|datenverarbeitung|widerruf|privacy|consent|tcf|partnern?\b",
    re.IGNORECASE,
)
#: Share of the words in consent sentences from which a text counts as a wall.
WALL_SHARE = 0.5
#: A consent sentence needs this many markers (one "Datenschutz" in a news sentence is news).
MARKERS_PER_SENTENCE = 1


def consent_share(text: str) -> float:
    """Share of the words of ``text`` that stand in sentences about cookies and consent."""
    total = consent = 0
    for sentence in _SENTENCE_RE.findall(text):
        words = len(_WORD_RE.findall(sentence))
        total += words
        if len(_MARKERS.findall(sentence)) >= MARKERS_PER_SENTENCE:
            consent += words
    return consent / total if total else 0.0


#: How a wall speaks to the reader ("Alle akzeptieren", "Ihre Einwilligung", "Wir verwenden
#: Cookies"); a report on data protection speaks about others ("die Einwilligung der Kunden",
#: "Nutzer müssen Cookies akzeptieren"), so "Cookie" or "akzeptieren" alone is no request.
_REQUEST = re.compile(
    r"alle akzeptieren|akzeptieren sie|stimmen sie|willigen sie|ihre (?:einwilligung|zustimmung)"
    r"|ihrer daten|ihrem gerät|wir (?:verwenden|nutzen|setzen) cookies",
    re.IGNORECASE,
)
#: A wall is short; a long text about privacy law is an article.
MAX_WALL_WORDS = 300


def is_consent_wall(text: str) -> bool:
    # Nearly every article has no marker at all: one search decides.
    if _MARKERS.search(text) is None or _REQUEST.search(text) is None:
        return False
    if len(_WORD_RE.findall(text)) > MAX_WALL_WORDS:
        return False
    return consent_share(text) >= WALL_SHARE
