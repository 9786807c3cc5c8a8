"""Claims keep their source: reported speech gets its speaker back ("…, so die Polizei.").

A sentence in reported speech ("Das Programm solle Ende September starten.") continues what
someone said in the sentence before ("…, teilte Ebay mit."). Alone in a box it is a claim
without a source. The speaker the article gives right before is added as "…, so X." — the
nominative phrase of the attribution, unchanged, so no case form is made up. Only the sentence
directly before (or the one before that, when the sentence between is reported speech too)
in the same paragraph may lend the speaker; the guard checks the result with that sentence
as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document
from ..german import tagging
from ..german.quotes import find_quotes, reported_speech

_VERBS = (
    r"sagte|sagt|sagten|erklärte|erklärt|betonte|betont|teilte|teilt|berichtete|berichtet|"
    r"meldete|meldet|warnte|warnt|schrieb|schreibt|bestätigte|bestätigt|kritisierte|kritisiert|"
    r"meinte|meint|ergänzte|ergänzt|argumentierte|versicherte|räumte|forderte|fordert|"
    r"bekräftigte|bekräftigt|begründete|begründet|erläuterte|erläutert|unterstrich|mahnte|"
    r"beklagte|beklagt|verwies|hieß|sprach"
)
#: Speech verbs the guard's attribution list lacks: with them a sentence names its speaker.
MORE_SPEECH_RE = re.compile(
    r"\b(?:bekräftigte|bekräftigt|begründete|begründet|erläuterte|erläutert|unterstrich|"
    r"mahnte|beklagte|beklagt|äußerte|äußert|zeigte sich|hielt fest|stellte klar)\b"
)
_NAME = r"[A-ZÄÖÜ][\wäöüßéèáíóúñç\-]+"
# The subject a speech verb names: "ein Polizeisprecher", "Bundesschulsprecher Maximilian
# Gnesda", "die Wiener Polizei", "Ebay"; it ends where the sentence or the clause ends, or at a
# preposition or a dative ("der APA", "am Montag", "im Interview").
_SPEAKER = (
    r"(?P<speaker>(?:(?:der|die|das|ein|eine)\s+)?(?:[a-zäöüß]+(?:e|er|es)\s+)?"
    + _NAME
    + r"(?:\s+"
    + _NAME
    + r"){0,3})"
)
_STOP = (
    r"(?=\s*(?:[.,;:]|\s(?:mit|am|im|in|der|dem|den|des|gegenüber|auf|bei|vor|nach|zu|zum|zur|über|laut|bereits|schon|"
    r"noch|außerdem|zudem|dazu|für|wegen|zufolge|nun|jetzt|heute|gestern|weiter|dabei|auch|"
    r"ebenfalls)\b))"
)
# "…, sagte X." / "…, teilte X mit." / "…, so X."
_AFTER_RE = re.compile(r",\s*(?:" + _VERBS + r"|so)\s+" + _SPEAKER + _STOP)
# "X sagte, …" / "X erklärte am Montag, …"
_BEFORE_RE = re.compile(r"^" + _SPEAKER + r"\s+(?:" + _VERBS + r")\b[^.;:]*?,")
# "Das teilte die Polizei am Samstag mit."
_THAT_RE = re.compile(r"^(?:Das|Dies)\s+(?:" + _VERBS + r")\s+" + _SPEAKER + _STOP)
# "…, wie das Unternehmen am Freitag mitteilte."
_AS_RE = re.compile(
    r",\s*wie\s+"
    + _SPEAKER
    + r"\s+(?:[\wäöüß.]+\s+){0,4}?(?:mitteilte|sagte|berichtete|erklärte|meldete|betonte|"
    r"bestätigte|schrieb|bekanntgab)\b"
)
# "laut Einsatzleiter Walter Stonig" (no article: the same words in the nominative)
_LAUT_RE = re.compile(r"\b[Ll]aut\s+(?P<speaker>" + _NAME + r"(?:\s+" + _NAME + r"){0,3})" + _STOP)
_DETERMINERS = frozenset({"der", "die", "das", "ein", "eine"})
_PLAIN_WORDS = frozenset({"Das", "Dies", "Es", "Er", "Sie", "Man", "Wir", "Ich"})


#: How many sentences back the speaker of reported speech may be named (quotes and reported
#: speech of the same speaker in between).
LOOK_BACK = 3
# First person or a quote between: the speaker's own words ("Das ist für uns kein Gewinn").
_QUOTE_LIKE_RE = re.compile(r"[„“”\"«»]|\b(?:[Ii]ch|[Ww]ir|uns|unser\w*|mein\w*)\b")


@dataclass(frozen=True)
class Speaker:
    phrase: str
    sentence: int


def _speaker_in(text: str) -> str | None:
    """The speaker an attribution in ``text`` names, outside quotes."""
    quotes = find_quotes(text)
    for pattern in (_AFTER_RE, _BEFORE_RE, _THAT_RE, _AS_RE, _LAUT_RE):
        for match in pattern.finditer(text):
            start = match.start("speaker")
            if any(q.start <= start < q.end for q in quotes):
                continue
            phrase = match.group("speaker")
            words = phrase.split()
            if words[0] in _PLAIN_WORDS or words[-1][:1].islower():
                continue
            tags = tagging.pos_tags(words)
            if words[0].lower() in _DETERMINERS:
                tags = tags[1:]
            # Nouns and names only (an adjective after the article): no "In Richtung …".
            if (
                not tags
                or tags[-1] not in ("NE", "NN")
                or any(t not in ("NE", "NN", "ADJA") for t in tags)
            ):
                continue
            return phrase
    return None


def speaker_before(doc: Document, index: int) -> Speaker | None:
    """Who said what sentence ``index`` reports, when the sentence(s) just before name it."""
    sentences = doc.sentences
    for back in range(1, LOOK_BACK + 1):
        j = index - back
        if j < 0 or sentences[j].paragraph != sentences[index].paragraph:
            return None
        phrase = _speaker_in(sentences[j].text)
        if phrase is not None:
            return Speaker(phrase, j)
        if (
            back == 1
            and not reported_speech(sentences[j].text)
            and not _QUOTE_LIKE_RE.search(sentences[j].text)
        ):
            return None  # plain narrative right before: whose claim it is, is not clear
    return None


def with_speaker(text: str, phrase: str) -> str | None:
    """ "Das Programm solle starten." → "Das Programm solle starten, so Ebay."."""
    text = text.rstrip()
    if phrase.split()[-1] in text:
        return None  # the sentence names its speaker already ("…, begründet Della Vedova.")
    if not text.endswith(".") or text.endswith(("..", "…")) or text[-2:-1] in '“”"»«':
        return None
    return f"{text[:-1]}, so {phrase}."
