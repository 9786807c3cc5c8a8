"""Candidate → bullet text: one complete, self-contained, tight German sentence.

What a summary box never shows is removed (agency tags, datelines, hashtag marks, picture
credits, parenthetical asides, "Wie berichtet,", the weekday of a "sagte X am Mittwoch");
what a bullet cannot do without is never removed (a source, a negation, a number, a qualifier).
A sentence that points elsewhere ("Er sagte …", "Zudem sei …") is repaired when that is safe
(the pronoun replaced by the one name it can mean, the connective dropped with the word order
fixed) and skipped otherwise. Every edit is checked by the guard before it is kept, and listed
in ``Draft.edits``.

``Options(tighten=False)`` keeps the first version's behaviour: whole cleaned source sentences.

This module decides what can be a bullet and drafts it; ``pronouns`` resolves "Er"/"Sie",
``clauses`` shortens long sentences, ``syntax`` holds the tokens, tags and phrase moves they
share.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .. import guard
from ..document import Document, Sentence
from ..engines.base import Candidate
from ..german import anaphora, names
from ..german.quotes import (
    find_quotes,
    has_source,
    has_unbalanced_quotes,
    reported_speech,
    unbalanced_quotes,
)
from ..german.sentences import glued_heading_end
from ..options import Options
from .clauses import _PROTECTED_RE, _may_shorten, _segments, remove_appositions, shorten
from .pronouns import _first_person, _pronoun_hint, _subject_pronoun, resolve_pronoun
from .syntax import (
    _CONJUNCTIONS,
    _FINITE,
    _PHRASE_START_TAGS,
    Analyser,
    _analyse,
    _capitalise,
    _front,
    _inside_quote,
    _may_be_verb,
    _shift,
    _Tok,
    _verbless,
)

#: Fewer words make a caption or a fragment; "Die Austria ist Herbstmeister." is a bullet.
MIN_WORDS = 4
#: Below this many words a bullet needs a finite verb and may not lean on another sentence
#: anywhere ("Die USA sind dafür.", "Anthes wollte das ändern."): it has nothing else to say.
SHORT_WORDS = 7
_VAGUE_TAGS = frozenset({"PPER", "PDS", "PROAV", "PPOSAT"})
_VAGUE_ADVERBS = frozenset({"dort", "hier", "damals", "nämlich", "also", "so", "dann", "da"})
#: Sentences up to this multiple of ``max_chars`` may still be shortened at a clause boundary.
SHORTEN_FACTOR = 1.7
_AGENCY_TAG_RE = re.compile(
    r"\s*\((?:dpa|AFP|APA|AP|Reuters|KNA|epd|sda|SDA|SID|dts|red|afp|apa)(?:[/,][^)]{0,20})?\)"
)
_LEADING_JUNK_RE = re.compile(r"^[\s•▪●·*\-–—>]+")
_HASHTAG_RE = re.compile(r"#(?=[\wÄÖÜäöüß])")
_SPACES_RE = re.compile(r"\s+")

# --- tightening patterns -------------------------------------------------------------------
# Leftovers of a web page at the start of a sentence (picture buttons, credits).
_UI_LEFTOVER_RE = re.compile(
    r"^(?:(?:Detailansicht öffnen|Bild vergrößern|Bild vergrössern|Video abspielen|"
    r"Zur Bildergalerie|Bildergalerie ansehen|Audio abspielen)\s+)+"
)
# "Berlin (dpa) - ", "Wien – ", "Zürich/Bern – " at the start of a sentence.
# "Berlin (dpa) - ", "Wien – ", "Spielfeld/Šentilj/Bad Radkersburg – " at the start of a sentence.
_DATELINE_RE = re.compile(
    r"^(?P<place>[^\W\d_][\w.'’\-]*(?:[ /][^\W\d_][\w.'’\-]*){0,4})"
    r"\s*(?:\([^()]{1,25}\)\s*)?[–—-]\s+(?=[^\W\d_„\"«»])"
)
_NOT_PLACES = frozenset(
    {"Der", "Die", "Das", "Ein", "Eine", "Er", "Sie", "Es", "Wir", "Ich", "Man"}
)
_ASIDE_RE = re.compile(r"\s*\((?P<inner>[^()]{1,160})\)")
# Asides that only point at pictures or other pages: removed even when short.
_MEDIA_ASIDE_RE = re.compile(
    r"^(?:siehe\b|s\.\s|Foto|Fotos|Bild|Bilder|Video|Archiv|Symbolbild|Grafik|Karte|Bildstrecke|"
    r"mehr dazu|hier\b|Anzeige|Werbung)",
    re.I,
)
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
_WIE_BERICHTET_START_RE = re.compile(
    r"^Wie (?:bereits |schon |mehrfach |zuletzt |gestern |kürzlich )?(?:berichtet|gemeldet)\s*,\s*"
)
_WIE_BERICHTET_INNER_RE = re.compile(
    r",\s*wie (?:bereits |schon |mehrfach )?(?:berichtet|gemeldet)\s*,"
)
# "STANDARD: …", "FRAGE: …": the interviewer's turn, no statement of the article.
# "Hofer: …", "Faustregel: …": the turn of an interview, or a label that may be a speaker.
_INTERVIEW_RE = re.compile(
    # A speaker never starts with an article: "Das Prinzip: …", "Die Botschaft: …" are labels
    # that read well in a bullet, with the label.
    r"^(?!(?:Der|Die|Das|Ein|Eine)\s)[A-ZÄÖÜ][\wÄÖÜäöüß.\-]*(?:\s+[A-ZÄÖÜ][\wÄÖÜäöüß.\-]*){0,2}:\s+\S"
)

# Two sentences glued together (a heading without its full stop, a missed split).
_ABBREVIATIONS = frozenset(
    """dr prof nr st mio mrd tsd abs art bd fr hr mr mrs ms ca bzw usw etc inkl exkl evtl
    ggf vgl jh jhd str co ltd inc corp chr ff sog zb bspw insb min max mind geb gest verh
    ehem""".split()
)
_GLUED_RE = re.compile(
    r"(?P<word>[\wÄÖÜäöüß]{2,})[.!?]\s+[(„\"«»]?[A-ZÄÖÜ]|[“\"»«]\s+(?:Der|Die|Das|Ein|Eine)\s"
)
# "Demonstration im Zentrum von Bratislava: Am 30. Jahrestag …": a caption or heading run into
# the sentence. Removed when the part before the colon has no verb and is no source.
_RUN_IN_RE = re.compile(r"^(?P<head>[^:„\"«»()]{8,80}?):\s+(?=[A-ZÄÖÜ„\"«»])")

# "Die Angaben ließen sich nicht unabhängig überprüfen.": the agencies' caveat about the claim
# of the sentence before. On its own it says nothing, and which claims are meant is lost.
_CAVEAT_RE = re.compile(
    r"^(?:Die|Diese|Solche|Seine|Ihre|Deren|Dessen)\s+(?:[a-zäöüß-]+\s+){0,2}?"
    r"(?:Angaben|Informationen|Berichte|Zahlen|Aussagen|Darstellungen|Behauptungen|Meldungen|"
    r"Vorwürfe|Äußerungen|Bilder|Videos|Aufnahmen)\b.*\b(?:nicht|kaum)\b.*"
    r"\b(?:überprüf|bestätig|verifizier)"
)

# Heads before a colon that say whose statement follows ("Fazit der Stiftung Warentest: …").
_SOURCE_LABEL_RE = re.compile(
    r"\b(?:Fazit|Studie|Umfrage|Bericht|Analyse|Urteil|Prognose|Ergebnis|Befund|Experten?|"
    r"Polizei|Gericht|Regierung|Ministerium|Sprecher\w*|Behörden?|Forscher\w*|Angaben)\b"
)

# --- connectives -------------------------------------------------------------------------
# Words that only join a sentence to the one before it. Before a noun phrase they can simply go
# ("Auch die Union kritisierte …" → "Die Union kritisierte …"); before the verb they occupy the
# first position of a German main clause, so dropping them needs the next phrase moved forward
# ("Zudem habe der Angeklagte …" → "Der Angeklagte habe …"). Pronominal adverbs that stand for
# an object ("Dafür", "Darauf", "Damit") carry meaning and are never dropped.
_COORDINATING = frozenset({"und", "aber", "doch", "denn", "oder"})
_DROP_BEFORE_PHRASE = _COORDINATING | {"auch", "ebenfalls"}
_DROP_BEFORE_VERB = frozenset(
    """zudem außerdem ausserdem auch ebenfalls ferner überdies weiterhin nun jetzt allerdings
    jedoch doch aber dennoch trotzdem deshalb daher deswegen somit folglich danach
    anschließend anschliessend später zuvor schließlich schliesslich zugleich gleichzeitig
    indes indessen immerhin so hingegen wiederum ebenso genauso zuletzt""".split()
)


@dataclass(frozen=True)
class Draft:
    text: str
    sentence_ids: tuple[int, ...]
    engine: str
    edits: tuple[str, ...] = ()
    #: Sentences that only lend the bullet a name (the referent of a resolved pronoun).
    context_ids: tuple[int, ...] = ()

    @property
    def evidence_ids(self) -> tuple[int, ...]:
        return self.sentence_ids + tuple(i for i in self.context_ids if i not in self.sentence_ids)


# --- usability ---------------------------------------------------------------------------


def _shape_reason(sentence: Sentence, max_len: float) -> str | None:
    """Checks both rule sets share: length, questions, and a complete final punctuation."""
    if len(sentence.words) < MIN_WORDS:
        return "too short"
    if len(sentence.text) > max_len:
        return "too long"
    if sentence.is_question:
        return "question"
    stripped = sentence.text.rstrip()
    if stripped.endswith((":", ",", ";")) or not re.search(r"[.!“”\"«»)]$", stripped):
        return "not a complete sentence"
    return None


def _legacy_reason(sentence: Sentence, options: Options) -> str | None:
    """The first version's rules, kept for ``tighten=False``."""
    reason = _shape_reason(sentence, options.max_chars * 1.5)
    if reason:
        return reason
    stripped = sentence.text.rstrip()
    if has_unbalanced_quotes(sentence.text):
        return "part of a longer quote"
    dangling = anaphora.dangling_start(sentence.text, legacy=True)
    if dangling:
        return f"starts with '{dangling}', which points to another sentence"
    if stripped[:1] in '„"»«' and not sentence.attribution:
        return "bare quote without a speaker"
    return None


def _repairable(word: str, sentence: Sentence, doc: Document | None) -> bool:
    """Could the bullet stage fix this start? (Cheap: no tagging; ``draft`` decides for sure.)"""
    lower = word.lower()
    if lower in anaphora.PERSONAL or anaphora.age_description(word):
        if sentence.index == 0:
            return False
        if doc is not None and sentence.index < len(doc.sentences):
            # A name to resolve to needs a capitalised word after the start of the sentence before.
            return bool(doc.sentences[sentence.index - 1].capitalised)
        return True
    return lower in _DROP_BEFORE_VERB or lower in _DROP_BEFORE_PHRASE


def unusable_reason(
    sentence: Sentence, options: Options, *, doc: Document | None = None
) -> str | None:
    """Why a source sentence cannot become a bullet, or None if it can (perhaps after repair).

    Engines filter their pool with this; it never tags, so it is cheap on every sentence.
    """
    if not options.tighten:
        return _legacy_reason(sentence, options)
    reason = _shape_reason(sentence, options.max_chars * SHORTEN_FACTOR)
    if reason:
        return reason
    stripped = sentence.text.rstrip()
    if unbalanced_quotes(sentence.text):
        return "part of a longer quote"
    if _INTERVIEW_RE.match(sentence.text):
        return "a turn of an interview"
    if glued(sentence.text):
        return "more than one sentence"
    if glued_heading_end(sentence.tokens) is not None:
        return "a heading glued to the sentence"
    if stripped[:1] in '„"»«' and not sentence.attribution:
        return "bare quote without a speaker"
    if _CAVEAT_RE.match(sentence.text):
        return "a caveat about the claim of the sentence before"
    dangling = anaphora.dangling_start(sentence.text)
    if dangling and not _repairable(dangling, sentence, doc):
        return f"starts with '{dangling}', which points to another sentence"
    return None


def sentence_tail(sentence: Sentence) -> Sentence | None:
    """The part of a sentence that can stand alone when the whole cannot, or None.

    - After a heading glued to the sentence by a lost line break: "Die USA lassen Macron gewähren
      Nach zweieinhalb Jahren im Amt war das Treffen …" → "Nach zweieinhalb Jahren im Amt …".
    - After the first colon (or semicolon) when what follows is a statement of its own: "Das
      wird Paul Singer nicht begeistern: Im April war der Milliardär bei SAP eingestiegen." →
      "Im April war …". The head is often a pointer or a comment, the tail the news. Never when
      the head could be whose statement the tail is ("Der Minister sagte: …", "Fazit der
      Studie: …") or the tail is a quote or reported speech.
    The part keeps the sentence's index, so its evidence is the whole sentence.
    """
    glue = glued_heading_end(sentence.tokens)
    if glue is not None:
        start = sentence.tokens[glue].start - sentence.tokens[0].start
        return None if has_source(sentence.text[:start]) else _part(sentence, start)
    for offset, mark in _segments(sentence.text):
        if mark not in ":;":
            continue
        head = sentence.text[:offset]
        tail = sentence.text[offset + 1 :].lstrip()
        if len(head.split()) < 3 or not re.match(r"[A-ZÄÖÜ][a-zäöüß]", tail):
            return None
        if _verbless(head):
            return None  # a title, not a statement: "Seit in South Park: Der Film die USA …"
        if has_source(head) or _SOURCE_LABEL_RE.search(head) or find_quotes(head):
            return None
        if find_quotes(tail) or reported_speech(tail):
            return None
        return _part(sentence, len(sentence.text) - len(tail))
    return None


def _part(sentence: Sentence, start: int) -> Sentence:
    """The sentence from character ``start`` on, with its tokens (offsets as in the sentence's)."""
    base = sentence.tokens[0].start if sentence.tokens else 0
    tokens = [t for t in sentence.tokens if t.start - base >= start]
    return replace(
        sentence, text=sentence.text[start:], start=sentence.start + start, tokens=tokens
    )


def bullet_unit(
    sentence: Sentence, options: Options, *, doc: Document | None = None
) -> Sentence | None:
    """What of a sentence a bullet can be made of: all of it, its ``sentence_tail``, or None."""
    if unusable_reason(sentence, options, doc=doc) is None:
        return sentence
    tail = sentence_tail(sentence) if options.tighten else None
    if tail is not None and unusable_reason(tail, options, doc=doc) is None:
        return tail
    return None


def _unit_of(candidate: Candidate, sid: int, doc: Document) -> Sentence:
    """The sentence ``candidate`` was made of, or its ``sentence_tail`` when that is its text."""
    sentence = doc.sentences[sid]
    if candidate.text != sentence.text and len(candidate.sentence_ids) == 1:
        tail = sentence_tail(sentence)
        if tail is not None and tail.text == candidate.text:
            return tail
    return sentence


def glued(text: str) -> bool:
    """True when ``text`` holds more than one sentence (outside quotes)."""
    for match in _GLUED_RE.finditer(text):
        word = match.group("word")
        if word and (word.lower() in _ABBREVIATIONS or word.isdigit()):
            continue
        if _inside_quote(text, match.start() + 1):
            continue
        return True
    return False


# --- cleaning ----------------------------------------------------------------------------


def _finish(text: str) -> str:
    text = _SPACES_RE.sub(" ", text).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    if text and text[-1] not in ".!?…" and not (text[-1] in '“”"«»' and text[-2:-1] in ".!?"):
        text = text.rstrip(",;:– -") + "."
    return text


def clean(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove leftovers a summary box never shows; report what was changed."""
    edits: list[str] = []
    cleaned = _AGENCY_TAG_RE.sub("", text)
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


# --- short sentences -------------------------------------------------------------------------


def _short_reason(toks: Sequence[_Tok]) -> str | None:
    """Why a short sentence cannot stand alone (no finite verb, a word pointing elsewhere)."""
    if not any(t.tag in _FINITE for t in toks):
        return "too short and no verb"
    if toks[0].tag in _FINITE or toks[0].tag == "KOUS" or toks[0].text.lower() in _CONJUNCTIONS:
        return "too short: a fragment"  # "Haben oder nicht haben.", "Bis Harris dazwischengeht."
    vague = next(
        (t for t in toks if t.tag in _VAGUE_TAGS or t.text.lower() in _VAGUE_ADVERBS), None
    )
    if vague is not None:
        return f"too short to stand alone with '{vague.text}'"
    return None


# --- the bullet stage ----------------------------------------------------------------------


class _Builder:
    """One candidate on its way to a bullet: each edit is kept only if the guard still passes."""

    def __init__(self, text: str, ids: tuple[int, ...], doc: Document, options: Options) -> None:
        self.text = text
        self.ids = ids
        self.context: tuple[int, ...] = ()
        self.doc = doc
        self.options = options
        self.edits: list[str] = []
        self._baseline = self._rules(text)

    @property
    def failing_rules(self) -> set[str]:
        """The guard's rules the starting text already fails."""
        return self._baseline

    def _rules(self, text: str) -> set[str]:
        return guard.check(text, self.doc, self.ids + self.context).rules()

    def accepts(self, text: str, context: tuple[int, ...] = ()) -> bool:
        if (
            len(text.split()) < MIN_WORDS
            or unbalanced_quotes(text)
            or text.count("(") != text.count(")")
        ):
            return False
        before = self.context
        self.context = before + context
        ok = self._rules(text) <= self._baseline
        self.context = before
        return ok

    def apply(self, text: str, edit: str, context: tuple[int, ...] = ()) -> bool:
        text = _finish(text)
        if text == self.text or not self.accepts(text, context):
            return False
        self.text = text
        self.context += context
        self.edits.append(edit)
        return True

    def step(self, transform: Callable[[str], str | None], edit: str) -> None:
        result = transform(self.text)
        if result is not None and result != self.text:
            self.apply(result, edit)


def _ui_leftovers(text: str) -> str | None:
    return _UI_LEFTOVER_RE.sub("", text)


def _run_in_heading(
    text: str, analyse: Callable[[str], Sequence[_Tok]] | None = None
) -> str | None:
    match = _RUN_IN_RE.match(text)
    if not match or len(match.group("head").split()) < 3 or has_source(match.group("head")):
        return None
    head, rest = match.group("head"), text[match.end() :]
    if "," in head or _SOURCE_LABEL_RE.search(head):
        return None  # "FC Bayern, Coutinho: Der Brasilianer …", "Fazit der Stiftung: …" name who
    if find_quotes(rest) or reported_speech(rest):
        return None  # a quote or reported speech after it: the head may be its speaker
    if any(_may_be_verb(w) for w in names.words(match.group("head"))):
        return None  # "Kritik kam von der Opposition: …" is a sentence, not a heading
    return text[match.end() :]


def _dateline(text: str) -> str | None:
    match = _DATELINE_RE.match(text)
    if not match:
        return None
    words = re.split(r"[ /]", match.group("place"))
    if any(not w[:1].isupper() or w in _NOT_PLACES for w in words):
        return None
    rest = text[match.end() :]
    return rest if rest[:1].isupper() or rest[:1] in '„"«»' else None


def remove_asides(text: str) -> str | None:
    """Drop parenthetical asides that hold no number, negation, qualifier or source."""
    pieces: list[str] = []
    last = 0
    for match in _ASIDE_RE.finditer(text):
        inner = match.group("inner").strip()
        media = bool(_MEDIA_ASIDE_RE.match(inner))
        keep = (
            re.search(r"\d", inner)
            or _PROTECTED_RE.search(inner)
            or (has_source(inner) and not media)
            or (len(inner.split()) < 2 and not media)  # "(SPD)", "(IS)": a label, not an aside
            or _inside_quote(text, match.start())
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
    depth_ok = [i for i, c in enumerate(text) if c == "," and not _inside_quote(text, i)]
    if not depth_ok:
        return None
    cut = depth_ok[-1]
    clause = text[cut + 1 :]
    if not _SAY_START_RE.match(clause):
        return None
    return cut, clause


def tighten_attribution(text: str) -> str | None:
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


def _wie_berichtet(text: str, analyse: Callable[[str], Sequence[_Tok]] | None = None) -> str | None:
    """'Wie berichtet, hat X …' → 'X hat …' (the outlet's own earlier reporting is no source)."""
    text = _WIE_BERICHTET_INNER_RE.sub(",", text)
    match = _WIE_BERICHTET_START_RE.match(text)
    if not match:
        return text
    rest = text[match.end() :]
    toks = (analyse or _analyse)(rest)
    if not toks or toks[0].tag not in _FINITE:
        return None
    return _front(rest, toks, 0)


def _drop_connective(
    text: str, word: str, analyse: Callable[[str], Sequence[_Tok]] | None = None
) -> str | None:
    """'Auch die Union …' → 'Die Union …'; 'Zudem sei X …' → 'X sei …'; else None."""
    lower = word.lower()
    toks = (analyse or _analyse)(text)
    if len(toks) < 3 or toks[0].text != word:
        return None
    nxt = 1
    if toks[1].text == ",":
        nxt = 2  # "Allerdings, …" (rare)
    if toks[nxt].tag in _FINITE:
        if lower not in _DROP_BEFORE_VERB:
            return None
        return _front(text[toks[nxt].start :], _shift(toks[nxt:], toks[nxt].start), 0)
    if lower in _COORDINATING and not toks[nxt].tag.startswith(("$", "V")):
        # A coordinating conjunction stands before the first position of the clause: without
        # it, "Doch in Deutschland stehen …" is "In Deutschland stehen …", order intact.
        return _capitalise(text[toks[nxt].start :])
    if lower in _DROP_BEFORE_PHRASE and toks[nxt].tag in _PHRASE_START_TAGS:
        rest = text[toks[nxt].start :]
        return _capitalise(rest)
    return None


def draft(candidate: Candidate, doc: Document, options: Options) -> Draft | str:
    """A bullet ready for the guard, or the reason the candidate cannot be one.

    A whole sentence that cannot be a bullet may still end in one: its ``sentence_tail``.
    """
    if not options.tighten:
        return _legacy_draft(candidate, doc, options)
    result = _draft(candidate, doc, options)
    if isinstance(result, Draft) or len(candidate.sentence_ids) != 1:
        return result
    sentence = doc.sentences[candidate.sentence_ids[0]]
    tail = sentence_tail(sentence) if candidate.text == sentence.text else None
    if tail is not None:
        tail_result = _draft(replace(candidate, text=tail.text), doc, options)
        if isinstance(tail_result, Draft):
            return tail_result
    return result


def _draft(candidate: Candidate, doc: Document, options: Options) -> Draft | str:
    units = [_unit_of(candidate, sid, doc) for sid in candidate.sentence_ids]
    for unit in units:
        reason = unusable_reason(unit, options, doc=doc)
        if reason:
            return reason
    text, edits = clean(candidate.text)
    analyse = Analyser(candidate.text)
    builder = _Builder(text, candidate.sentence_ids, doc, options)
    for unit in units:
        head = doc.sentences[unit.index].text[: -len(unit.text)].rstrip()
        if head:
            if builder.failing_rules:
                return "the sentence's last part needs what precedes it"
            colon = head.endswith((":", ";"))
            builder.edits.append(
                "kept what follows the colon" if colon else "glued heading removed"
            )
    builder.edits.extend(edits)
    builder.step(_ui_leftovers, "page leftovers removed")
    builder.step(_dateline, "dateline removed")
    builder.step(lambda t: _run_in_heading(t, analyse), "run-in heading removed")
    builder.step(remove_asides, "aside removed")
    builder.step(lambda t: _wie_berichtet(t, analyse), "'wie berichtet' removed")
    builder.step(tighten_attribution, "attribution shortened")
    if len(builder.text) > options.max_chars and not _may_shorten(builder.text, options.max_chars):
        return "too long"

    described = anaphora.age_description(builder.text)
    if described:
        # "Der 42-Jährige wurde …" is "Er wurde …": resolved below like any pronoun, or refused.
        pronoun = "Er" if described.startswith("Der") else "Sie"
        # Not checked by the guard: a bare pronoun is no bullet; the name that replaces it is.
        builder.text = pronoun + builder.text[len(described) :]
        builder.edits.append(f"'{described}' read as '{pronoun}'")
        analyse = Analyser(builder.text)  # so that the pronoun is tagged as one
    dangling = anaphora.dangling_start(builder.text)
    if dangling and dangling.lower() not in anaphora.PERSONAL:
        dropped = _drop_connective(builder.text, dangling, analyse)
        if dropped is None or not builder.apply(dropped, f"'{dangling}' dropped"):
            return f"starts with '{dangling}', which points to another sentence"
    first_person = _first_person(builder.text)
    if first_person:
        return f"'{first_person}' outside a quote: the speaker is named elsewhere"
    if _pronoun_hint(builder.text):
        toks = analyse(builder.text)
        position = _subject_pronoun(toks, builder.text) if toks else None
        if position is not None:
            if len(candidate.sentence_ids) != 1:
                return "a pronoun whose person is not clear"
            sentence = doc.sentences[candidate.sentence_ids[0]]
            resolved = resolve_pronoun(
                builder.text, sentence, doc, analyse, person=described is not None
            )
            edit = f"'{toks[position].text}' replaced by '{resolved[1]}'" if resolved else ""
            if resolved is None or not builder.apply(resolved[0], edit, (resolved[2],)):
                return "a pronoun whose person is not clear from the sentence before"
    dangling = anaphora.dangling_start(builder.text)
    if dangling:
        return f"starts with '{dangling}', which points to another sentence"
    if glued(builder.text):
        return "more than one sentence"
    if _verbless(_WIE_BERICHTET_START_RE.sub("", builder.text)):
        return "no verb: a caption or a list, not a sentence"

    if len(builder.text) > options.max_chars:
        builder.step(lambda t: remove_appositions(t, analyse), "apposition removed")
    if len(builder.text) > options.max_chars:
        long_text = builder.text
        for short in shorten(long_text, options.max_chars, analyse):
            if builder.apply(short, "shortened at a clause boundary"):
                break
        if builder.text == long_text:
            return "too long"
    if len(builder.text.split()) < MIN_WORDS:
        return "too short"
    if len(builder.text.split()) < SHORT_WORDS:
        reason = _short_reason(analyse(builder.text))
        if reason:
            return reason
    return Draft(
        builder.text,
        candidate.sentence_ids,
        candidate.engine,
        tuple(builder.edits),
        builder.context,
    )


def _legacy_draft(candidate: Candidate, doc: Document, options: Options) -> Draft | str:
    for sid in candidate.sentence_ids:
        reason = _legacy_reason(doc.sentences[sid], options)
        if reason:
            return reason
    text, edits = clean(candidate.text)
    if len(text.split()) < MIN_WORDS:
        return "too short"
    if len(text) > options.max_chars * 1.5:
        return "too long"
    return Draft(text, candidate.sentence_ids, candidate.engine, edits)


def from_sentence(index: int, doc: Document, options: Options, engine: str) -> Draft | str:
    """The bullet the bullet stage makes of one article sentence (the guard's repair)."""
    sentence = doc.sentences[index]
    return draft(Candidate(sentence.text, (index,), 0.0, engine), doc, options)
