"""Clean-up: what a summary box never shows, removed step by step in a fixed order.

``clean`` removes what is always noise (agency tags, leading dashes, hashtag marks); ``STEPS``
are the edits that change the sentence (a dateline, a run-in heading, an aside, "wie
berichtet", the weekday of "sagte X am Mittwoch"). Each step is kept only when the guard still
passes (``Builder.step``), and is listed in the bullet's edits under its name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ..furniture import (
    AGENCY_TAG_RE,
    BUTTON_LEFTOVER_RE,
    MEDIA_ASIDE_RE,
    SENTENCE_DATELINE_RE,
    SENTENCE_NOT_PLACES,
)
from ..german import names
from ..german.quotes import find_quotes, has_source, reported_speech
from .eligibility import SOURCE_LABEL_RE
from .shortening import PROTECTED_RE
from .syntax import FINITE, Tok, analyse_text, front, inside_quote, may_be_verb

_LEADING_JUNK_RE = re.compile(r"^[\s•▪●·*\-–—>]+")
_HASHTAG_RE = re.compile(r"#(?=[\wÄÖÜäöüß])")
_SPACES_RE = re.compile(r"\s+")

_ASIDE_RE = re.compile(r"\s*\((?P<inner>[^()]{1,160})\)")
_WEEKDAY = (
    r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag)"
    r"(?:abend|morgen|mittag|nachmittag|vormittag|nacht)?"
)
_WEEKDAY_RE = re.compile(r"\s+(?:am|vom)\s+" + _WEEKDAY + r"\b")
_SAY_START_RE = re.compile(
    r"^\s*(?:so|sagte|sagten|sagt|erklärte|erklärten|erklärt|betonte|betonten|betont|teilte|"
    r"teilten|teilt|schrieb|schrieben|schreibt|hieß es|heißt es|hiess es|heisst es|meldete|"
    r"meldet|berichtete|berichtet|ergänzte|fügte|warnte|kritisierte|bestätigte|twitterte|"
    r"wie\s.+?\s(?:mitteilte|mitteilten|berichtete|berichteten|meldete|sagte|bekanntgab|"
    r"erklärte|schrieb|bestätigte))\b"
)
#: "Wie berichtet, …" at the start of a sentence (the outlet's own earlier reporting).
WIE_BERICHTET_START_RE = re.compile(
    r"^Wie (?:bereits |schon |mehrfach |zuletzt |gestern |kürzlich )?(?:berichtet|gemeldet)\s*,\s*"
)
_WIE_BERICHTET_INNER_RE = re.compile(
    r",\s*wie (?:bereits |schon |mehrfach )?(?:berichtet|gemeldet)\s*,"
)
# "Demonstration im Zentrum von Bratislava: Am 30. Jahrestag …": a caption or heading run into
# the sentence. Removed when the part before the colon has no verb and is no source.
_RUN_IN_RE = re.compile(r"^(?P<head>[^:„\"«»()]{8,80}?):\s+(?=[A-ZÄÖÜ„\"«»])")

Analyse = Callable[[str], Sequence[Tok]]


def finish(text: str) -> str:
    """Spaces and final punctuation of an edited text: one space, no space before a mark, a
    full stop at the end."""
    text = _SPACES_RE.sub(" ", text).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    if text and text[-1] not in ".!?…" and not (text[-1] in '“”"«»' and text[-2:-1] in ".!?"):
        text = text.rstrip(",;:– -") + "."
    return text


def clean(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove leftovers a summary box never shows; report what was changed."""
    edits: list[str] = []
    cleaned = AGENCY_TAG_RE.sub("", text)
    if cleaned != text:
        edits.append("agency tag removed")
    stripped = _LEADING_JUNK_RE.sub("", cleaned)
    if stripped != cleaned:
        edits.append("leading dash removed")
    cleaned = _HASHTAG_RE.sub("", stripped)
    if cleaned != stripped:
        edits.append("hashtag marks removed")
    cleaned = _SPACES_RE.sub(" ", cleaned).strip()
    if (
        cleaned
        and cleaned[-1] not in ".!?…"
        and not (cleaned[-1] in '“”"«»' and cleaned[-2:-1] in ".!?")
    ):
        cleaned += "."
    return cleaned, tuple(edits)


def ui_leftovers(text: str, analyse: Analyse | None = None) -> str | None:
    return BUTTON_LEFTOVER_RE.sub("", text)


def run_in_heading(text: str, analyse: Analyse | None = None) -> str | None:
    match = _RUN_IN_RE.match(text)
    if not match or len(match.group("head").split()) < 3 or has_source(match.group("head")):
        return None
    head, rest = match.group("head"), text[match.end() :]
    if "," in head or SOURCE_LABEL_RE.search(head):
        return None  # "FC Bayern, Coutinho: Der Brasilianer …", "Fazit der Stiftung: …" name who
    if find_quotes(rest) or reported_speech(rest):
        return None  # a quote or reported speech after it: the head may be its speaker
    if any(may_be_verb(w) for w in names.words(match.group("head"))):
        return None  # "Kritik kam von der Opposition: …" is a sentence, not a heading
    return text[match.end() :]


def dateline(text: str, analyse: Analyse | None = None) -> str | None:
    match = SENTENCE_DATELINE_RE.match(text)
    if not match:
        return None
    words = re.split(r"[ /]", match.group("place"))
    if any(not w[:1].isupper() or w in SENTENCE_NOT_PLACES for w in words):
        return None
    rest = text[match.end() :]
    return rest if rest[:1].isupper() or rest[:1] in '„"«»' else None


def remove_asides(text: str, analyse: Analyse | None = None) -> str | None:
    """Drop parenthetical asides that hold no number, negation, qualifier or source."""
    pieces: list[str] = []
    last = 0
    for match in _ASIDE_RE.finditer(text):
        inner = match.group("inner").strip()
        media = bool(MEDIA_ASIDE_RE.match(inner))
        keep = (
            re.search(r"\d", inner)
            or PROTECTED_RE.search(inner)
            or (has_source(inner) and not media)
            or (len(inner.split()) < 2 and not media)  # "(SPD)", "(IS)": a label, not an aside
            or inside_quote(text, match.start())
        )
        if keep:
            continue
        pieces.append(text[last : match.start()])
        last = match.end()
    if last == 0:
        return None
    pieces.append(text[last:])
    return "".join(pieces)


def _trailing_attribution(text: str) -> tuple[int, str] | None:
    """Start and text of a final ", sagte X am Mittwoch." clause, outside quotes."""
    depth_ok = [i for i, c in enumerate(text) if c == "," and not inside_quote(text, i)]
    if not depth_ok:
        return None
    cut = depth_ok[-1]
    clause = text[cut + 1 :]
    if not _SAY_START_RE.match(clause):
        return None
    return cut, clause


def tighten_attribution(text: str, analyse: Analyse | None = None) -> str | None:
    """Shorten how a claim is attributed, never whose claim it is.

    A trailing "…, sagte X am Mittwoch." loses its weekday; it goes entirely when the bullet
    already names its source before it ("Laut X …", "X: …").
    """
    trailing = _trailing_attribution(text)
    if trailing is not None:
        cut, clause = trailing
        head = text[:cut]
        speaker = [
            w for w in names.words(clause) if w[:1].isupper() and not re.fullmatch(_WEEKDAY, w)
        ]
        head_words = set(names.words(head))
        if has_source(head) or (speaker and all(w in head_words for w in speaker)):
            return head.rstrip() + "."
        shortened = _WEEKDAY_RE.sub("", clause, count=1)
        if shortened != clause:
            return head + "," + shortened
    match = re.match(r"^(Wie\s[^,]{3,80}?),", text)
    if match and _SAY_START_RE.match("w" + match.group(1)[1:]):
        shortened = _WEEKDAY_RE.sub("", match.group(1), count=1)
        if shortened != match.group(1):
            return shortened + text[match.end(1) :]
    return None


def wie_berichtet(text: str, analyse: Analyse | None = None) -> str | None:
    """'Wie berichtet, hat X …' → 'X hat …' (the outlet's own earlier reporting is no source)."""
    text = _WIE_BERICHTET_INNER_RE.sub(",", text)
    match = WIE_BERICHTET_START_RE.match(text)
    if not match:
        return text
    rest = text[match.end() :]
    toks = (analyse or analyse_text)(rest)
    if not toks or toks[0].tag not in FINITE:
        return None
    return front(rest, toks, 0)


class Step(NamedTuple):
    """One clean-up edit: its name in ``Draft.edits`` and the function that makes it (the
    edited text, or None when it does not apply)."""

    edit: str
    apply: Callable[[str, Analyse], str | None]


#: The clean-up edits in the order they are tried.
STEPS: tuple[Step, ...] = (
    Step("page leftovers removed", ui_leftovers),
    Step("dateline removed", dateline),
    Step("run-in heading removed", run_in_heading),
    Step("aside removed", remove_asides),
    Step("'wie berichtet' removed", wie_berichtet),
    Step("attribution shortened", tighten_attribution),
)
