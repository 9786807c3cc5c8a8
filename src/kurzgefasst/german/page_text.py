"""Sentences that are on the page but are not the article's statements.

HTML extraction keeps more than the article: "Du kannst jetzt dein neues Passwort festlegen.",
"Mit nur zwei Klicks melden Sie den Fehler der Redaktion.", "Die folgenden Angebote sind mit
Affiliate-Links versehen.", "06.11.23 - Sensation in …!", teasers of other articles ending in
"…" or "(Das passiert noch beim SK Rapid >>>)", and in interviews the interviewer's questions
("Herr Vilanek, in Deutschland gibt es …", "Für den Erwerb mussten Sie tief in die Tasche
greifen."). None of them may become a bullet; ``page_text_reason`` says why.

What can simply be cut from a sentence (a leading "(Motorsport-Total.com) - " source tag, a
link aside "(… >>>)") is cut by ``strip_page_text``, so the statement itself stays usable.
"""

from __future__ import annotations

import re

from .quotes import find_quotes

# The reader addressed: "du", "dein", "euch" anywhere, formal "Sie"/"Ihnen"/"Ihr" inside the
# sentence (capitalised there, so never the plural "sie"). Outside quotes only.
_INFORMAL_RE = re.compile(
    r"\b(?:du|dich|dir|dein|deine|deinen|deinem|deiner|euch|euer|eure|euren|Euch|Euer|Eure|"
    r"Euren|Dich|Dir|Dein|Deine|Deinen|werdet|könnt|habt|seid|müsst|solltet|wollt|dürft)\b"
)
_FORMAL_RE = re.compile(r"(?<=[a-zäöüß,]\s)(?:Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer)\b")
# "Herr Vilanek, …", "Frau Ministerin, …", "Herr Professor Borasio, …": an interviewer's turn.
_VOCATIVE_RE = re.compile(r"^(?:Herr|Frau)\s+(?:[A-ZÄÖÜ][\w.\-]*\s+){0,2}[A-ZÄÖÜ][\w\-]*\s*,")
# "06.11.23 - ", "31.10.2023 – ": a date stamp run into the text.
_DATE_STAMP_RE = re.compile(r"^\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})\b\s*(?:[-–—:|]|\d{1,2}[:.]\d{2})")
_DISCLAIMER_RE = re.compile(
    r"\b(?:Affiliate|Partnerlinks?|Provisionslinks?|gesponsert|Werbeblocker|Adblocker|"
    r"Javascript|Cookies?|Passwort|einloggen|Registrierung)\b|©|\bFoto:\s",
    re.I,
)
# A form's or player's message standing alone as a sentence (no reader address to catch it).
_UI_MESSAGE_RE = re.compile(
    r"^(?:Ein (?:unbekannter |technischer |unerwarteter )?Fehler ist aufgetreten|"
    r"Vielen Dank(?: für Ihr Interesse)?|Wird geladen|Inhalt wird geladen|Seite nicht gefunden)"
    r"\s*[.!]*$",
    re.I,
)
# A teaser of another article: "… (Das passiert noch beim SK Rapid >>>)".
_LINK_ASIDE_RE = re.compile(r"\s*\([^()]{0,120}(?:>>>?|»»|→)\s*\)")
_LINK_MARK_RE = re.compile(r">>>?|»»")
# "(Motorsport-Total.com) - ", "(ots) - ": the site or service as a dateline.
_SOURCE_TAG_RE = re.compile(
    r"^\((?:[\w.\-]+\.(?:com|de|at|ch|net|org)|ots|red|sid)\)\s*[-–—:]\s+", re.I
)


def _outside_quotes(text: str) -> str:
    chars = list(text)
    for quote in find_quotes(text):
        for i in range(quote.start, min(quote.end, len(chars))):
            chars[i] = " "
    return "".join(chars)


def strip_page_text(text: str) -> str:
    """The sentence without a leading site tag or link asides; unchanged when it has none."""
    text = _SOURCE_TAG_RE.sub("", text)
    return _LINK_ASIDE_RE.sub("", text)


def page_text_reason(text: str) -> str | None:
    """Why a sentence is page text (UI, ads, date stamp, teaser, interview question), or None."""
    stripped = text.strip()
    plain = _outside_quotes(stripped)
    if _DATE_STAMP_RE.match(stripped):
        return "a date stamp: page text, not a statement"
    if _VOCATIVE_RE.match(stripped):
        return "an interviewer's question"
    if _INFORMAL_RE.search(plain) or _FORMAL_RE.search(plain):
        return "addresses the reader or the interviewee: page text or a question"
    if _UI_MESSAGE_RE.match(stripped):
        return "page text (a form's or player's message)"
    if _DISCLAIMER_RE.search(plain):
        return "page text (ads, login, consent)"
    if _LINK_MARK_RE.search(strip_page_text(stripped)):
        return "a link to another article"
    if plain.rstrip().endswith(("…", "...")):
        return "a teaser that breaks off"
    return None
