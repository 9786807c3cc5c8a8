"""The editor yardstick: automatic stand-ins for what blinded editors reward in a summary box.

ROUGE against a teaser cannot see whether the box carries the article's news, whether a bullet
stands alone, or whether two bullets say the same. These columns can, roughly; they are defined
in docs/evaluation.md and checked on hand-made cases in tests/test_evaluation_editor.py.

- ``news``: some bullet carries the news: at least ``NEWS_SHARE`` of the news words (the
  title's content words when the article has a title with enough of them, else those of the
  first sentence).
- ``news_first``: the first bullet carries it.
- ``context``: a bullet needs earlier text: it starts with a pointer ("Er", "Zudem", "Das ist"),
  names a person only by age or role ("der 27-Jährige", "der SPD-Politiker"), uses a pronoun
  before any name, a pointing adverb ("dort", "damals", "dann"), or is a question or fragment.
- ``redundant``: two bullets of one box share at least ``REDUNDANT_SHARE`` of the shorter
  one's content words.

All four are word-level heuristics: cheap, explainable, and blind to paraphrase. They are a
yardstick for day-to-day changes; the blinded editors of ../shared/judging/ remain the judge.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from ..document import Document, word_key
from ..german import anaphora, tagging
from ..german.quotes import find_quotes

#: Share of the news words a bullet must hold to carry the news. On the 85 hand-made boxes of
#: ../shared/data/boxes the first bullet passes in 59 % of the articles, some bullet in 71 %;
#: Lead-3's first sentence in 48 %, some sentence in 60 % (titles are often hooks).
NEWS_SHARE = 0.3
#: A title with fewer content words ("Warum wir jetzt Demut brauchen") says too little: the
#: first sentence is the news reference then.
MIN_TITLE_WORDS = 3
#: Share of the shorter bullet's content words the other bullet holds: the pair says the same.
REDUNDANT_SHARE = 0.6

_WORD_RE = re.compile(r"[^\W_]+")
# Function words and the words every news text has: they carry no news.
_STOPWORDS = frozenset(
    """aber alle als also auch auf aus bei bis dass das dem den der des die dies diese dieser
    doch durch ein eine einem einen einer eines für gegen hat hatte haben hier ihr ihre im in
    ist ja kann mit nach nicht noch nun nur ob oder ohne sehr sein seine sich sie sind so über
    um und uns unter vom von vor war waren was weil wenn werden wie wird wir wurde wurden zu
    zum zur zwar mehr man sei habe jetzt neue neuen neuer heute sagt sagte""".split()
)
# Adverbs that point to a place, time or cause the article gave before (outside quotes).
_POINTING_ADVERBS = frozenset(
    """dort damals dann daraufhin deshalb deswegen daher trotzdem dennoch demnach zudem
    außerdem ausserdem ebenfalls stattdessen nämlich dorthin ebendort""".split()
)
_PRONOUNS = frozenset({"er", "sie", "ihm", "ihn", "ihnen"})
# "der 27-Jährige", "dem 43-jährigen", with no name after it.
_AGE_RE = re.compile(
    r"\b(?:der|die|dem|den|des)\s+\d+-[Jj]ährige[nr]?\b(?!\s+[A-ZÄÖÜ][a-zäöüß]+\s+[A-ZÄÖÜ])"
)
# "der SPD-Politiker", "die Innenverteidigerin", "des Detailhandelsriesen": a person or company
# by role, when no name follows.
_ROLE_RE = re.compile(
    r"\b(?:[Dd]er|[Dd]ie|[Dd]em|[Dd]en|[Dd]es)\s+(?:[a-zäöüß]+(?:e|en|er)\s+)?"
    r"(?P<noun>[A-ZÄÖÜ][\wäöüß\-]*?(?:[Pp]olitiker|[Tt]rainer|[Ss]pieler|[Vv]erteidiger|"
    r"[Ss]türmer|[Ss]änger|[Ss]chauspieler|[Aa]ngeklagte|[Vv]erdächtige|[Bb]eschuldigte|"
    r"[Tt]äter|[Rr]iese|[Kk]onzern)(?:in|innen|en|n|s)?)\b"
    r"(?!\s+(?:[A-ZÄÖÜ][a-zäöüß]+\s+)?[A-ZÄÖÜ][a-zäöüß]+\s*(?:[,.;:]|$|[a-zäöüß]))"
)


def content_keys(text: str) -> set[str]:
    """Stems of the content words (hyphenated compounds split: "Waymo-Robotertaxis")."""
    return {
        word_key(w)
        for w in _WORD_RE.findall(text)
        if len(w) > 2 and w.lower() not in _STOPWORDS and not w.isdigit()
    }


def news_reference(doc: Document) -> set[str]:
    """The words that say what the article's news is: the title's, else the first sentence's."""
    title = content_keys(doc.title or "")
    if len(title) >= MIN_TITLE_WORDS:
        return title
    return content_keys(doc.sentences[0].text) if doc.sentences else set()


def news_share(bullet: str, reference: set[str]) -> float:
    if not reference:
        return 0.0
    return len(content_keys(bullet) & reference) / len(reference)


def _outside_quotes(text: str) -> str:
    """The text with quoted words blanked out (a pronoun in a quote is the speaker's)."""
    chars = list(text)
    for quote in find_quotes(text):
        for i in range(quote.start, min(quote.end, len(chars))):
            chars[i] = " "
    return "".join(chars)


def context_reason(bullet: str) -> str | None:
    """Why a bullet needs earlier text to be understood, or None when it stands alone."""
    text = bullet.strip()
    if not text:
        return "empty"
    if text.rstrip("“”\"«»' ").endswith("?"):
        return "question"
    if text.endswith(("…", "...", ":", ",")) or not re.search(r"[.!“”\"«»)]$", text):
        return "fragment"
    # A pointer inside a quote at the start is the speaker's ("„Er war …“, sagte X über Y").
    pointer = None if text[:1] in "„“\"»«‚'" else anaphora.dangling_start(text)
    if pointer:
        return f"starts with '{pointer}'"
    plain = _outside_quotes(text)
    age = _AGE_RE.search(plain)
    if age:
        return f"person by age: '{age.group(0)}'"
    role = _ROLE_RE.search(plain)
    if role:
        return f"named by role: '{role.group(0)}'"
    # After a semicolon a pointer refers to the bullet's own first part ("…; zudem seien …").
    words = [m.group(0) for m in _WORD_RE.finditer(plain.split(";")[0])]
    adverb = next((w for w in words if w.lower() in _POINTING_ADVERBS), None)
    if adverb and not (adverb.lower() == "dann" and re.search(r"\b(?:wenn|falls)\b", plain, re.I)):
        return f"points back with '{adverb}'"
    tokens = _WORD_RE.findall(text)
    tags = tagging.tag(tokens)
    if not any(tag.startswith("V") and "FIN" in tag for _, tag in tags):
        return "fragment: no finite verb"
    quoted = {w for q in find_quotes(text) for w in _WORD_RE.findall(q.text)}
    for word, (_, tag) in zip(tokens, tags, strict=True):
        if tag in ("NE", "NN") and word not in quoted:
            break  # a name or noun first: a later pronoun can point to it
        if word.lower() in _PRONOUNS and word not in quoted and tag == "PPER":
            return f"pronoun '{word}' before any name"
    return None


def redundant(a: str, b: str) -> bool:
    ka, kb = content_keys(a), content_keys(b)
    shorter = min(len(ka), len(kb))
    return bool(shorter) and len(ka & kb) / shorter >= REDUNDANT_SHARE


@dataclass
class EditorCheck:
    """The editor columns of one box."""

    news: bool
    news_first: bool
    #: Per bullet: why it needs context, or None.
    context: list[str | None] = field(default_factory=list)
    redundant_pairs: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "news": self.news,
            "news_first": self.news_first,
            "context": self.context,
            "redundant_pairs": self.redundant_pairs,
        }


def check_box(bullets: list[str], doc: Document) -> EditorCheck:
    reference = news_reference(doc)
    shares = [news_share(b, reference) for b in bullets]
    return EditorCheck(
        news=any(s >= NEWS_SHARE for s in shares),
        news_first=bool(shares) and shares[0] >= NEWS_SHARE,
        context=[context_reason(b) for b in bullets],
        redundant_pairs=sum(1 for a, b in itertools.combinations(bullets, 2) if redundant(a, b)),
    )


def summarize_checks(checks: list[EditorCheck]) -> dict[str, float]:
    """Report columns: shares of boxes (news, news_first, redundant) and of bullets (context)."""
    boxes = [c for c in checks if c.context]
    bullets = [reason for c in boxes for reason in c.context]
    if not boxes:
        return {"news": 0.0, "news_first": 0.0, "context": 0.0, "redundant": 0.0}
    return {
        "news": round(sum(c.news for c in boxes) / len(boxes), 4),
        "news_first": round(sum(c.news_first for c in boxes) / len(boxes), 4),
        "context": round(sum(r is not None for r in bullets) / len(bullets), 4),
        "redundant": round(sum(c.redundant_pairs > 0 for c in boxes) / len(boxes), 4),
    }
