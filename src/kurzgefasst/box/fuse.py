"""Two article sentences about one subject → one bullet, as newsroom bullets carry two facts.

Only a sentence that leans on the one before is fused into it: it starts with a connective
or a pronoun ("Zudem seien zwei Erwachsene umgekommen", "Er war zuvor …", "Damit würde er …"),
or it only says who said the sentence before ("Das teilte der Zivilschutz mit."). Alone it
cannot be a bullet; after its antecedent, joined by a semicolon (or as the attribution
clause), it reads as the article reads. Both sentences stay whole, so the fused bullet says
nothing the article does not say in that order; the guard checks it with both as evidence.
"""

from __future__ import annotations

import re

from ..bullets import glued
from ..german import anaphora, tagging
from ..german.quotes import unbalanced_quotes
from .standalone import RELATION_HEAD_RE

# "Das teilte der Zivilschutz am Samstag mit." → ", teilte der Zivilschutz am Samstag mit."
_SAID_THAT_RE = re.compile(
    r"^(?:Das|Dies)\s+(?P<clause>(?:teilte|teilten|sagte|sagten|erklärte|erklärten|berichtete|"
    r"berichteten|meldete|meldeten|bestätigte|bestätigten|gab|gaben|schrieb|schrieben|ergab|ergaben|"
    r"zeigte|zeigten)\s+"
    r"[^.;:!?„\"«»]{3,120}?)\.$"
)
# Words after which the second sentence depends on the first (beyond anaphora's pointers).
_LEANING = frozenset(
    """zudem außerdem ausserdem auch ebenfalls allerdings jedoch doch aber dennoch trotzdem
    deshalb daher deswegen damit dabei dafür dazu darauf danach dadurch zuvor später
    anschließend anschliessend stattdessen demnach so er sie""".split()
)
# "Wir haben zugestimmt …" outside quotes: an interview answer or a quote without marks.
_FIRST_PERSON_RE = re.compile(r"\b(?:[Ii]ch|[Ww]ir|[Mm]ein\w*|[Uu]ns\w*|[Mm]ich|[Mm]ir)\b")
# "eine starke Botschaft Doch scheinbar …": a heading without its full stop runs into the text.
_RUN_ON_RE = re.compile(r"[\wäöüß] (?:Doch|Aber|Und|Denn|Dann|Deshalb|Trotzdem) [a-zäöüß]")
#: A fused bullet may be longer than a single one, but not a paragraph.
MAX_FUSED_CHARS = 260
_KEEP_CAPITAL_TAGS = ("NN", "NE", "NNA", "FM", "XY")


def _lower_first(text: str) -> str:
    """Lowercase the first word unless it is a noun or a name ("Die" → "die", "Eric" stays)."""
    match = re.match(r"[\wÄÖÜäöüß]+", text)
    if not match:
        return text
    word = match.group(0)
    if word.isupper() and len(word) > 1:
        return text  # an acronym
    _, tag = tagging.analyze(word)
    if tag.startswith(_KEEP_CAPITAL_TAGS):
        return text
    return word[:1].lower() + text[1:]


def leans_on_previous(text: str) -> bool:
    """True when a sentence starts with a word that ties it to the sentence before."""
    if _SAID_THAT_RE.match(text):
        return True
    if anaphora.dangling_start(text) or RELATION_HEAD_RE.match(text):
        return True  # "Er …", "Grund seien die gestiegenen Kosten." (of what the first says)
    first = re.match(r"[\wÄÖÜäöüß]+", text.lstrip('„"»« '))
    return first is not None and first.group(0).lower() in _LEANING


def says_who(text: str) -> bool:
    """A sentence that only says who said the one before ("Das teilte die Polizei mit.")."""
    return _SAID_THAT_RE.match(text) is not None


def fuse(first: str, second: str) -> str | None:
    """``first`` and the sentence after it as one bullet, or None when they do not fuse."""
    first, second = first.strip(), second.strip()
    if not first.endswith(".") or first.endswith(("..", "…")) or second.rstrip().endswith("?"):
        return None
    if unbalanced_quotes(first) or unbalanced_quotes(second):
        return None
    if glued(second) or _RUN_ON_RE.search(second):
        return None  # a heading run into the sentence
    if second[:1] in "„“\"»«‚'" or _FIRST_PERSON_RE.search(second):
        return None  # a quote or a speaker's own words: fused, they would lose their speaker
    said = _SAID_THAT_RE.match(second)
    if said:
        if re.search(r"[,;:]\s*(?:sagte|teilte|erklärte|so)\b", first):
            return None  # the first sentence names its source already
        fused = f"{first[:-1]}, {said.group('clause')}."
    else:
        fused = f"{first[:-1]}; {_lower_first(second)}"
    return fused if len(fused) <= MAX_FUSED_CHARS else None


# Particles that only link a sentence to the one before, inside the sentence: "sucht nämlich",
# "wird zudem". Dropping them changes no claim; the sentence then stands on its own.
_LINKING_INSIDE_RE = re.compile(
    r"(?<=[\wäöüß]) (?:nämlich|zudem|außerdem|ausserdem|ebenfalls|dann|deshalb|daher|deswegen|"
    r"daraufhin)(?= [\wäöüß])"
)


def drop_linking(text: str) -> str:
    """The sentence without linking particles after its first word (outside quotes)."""
    out, last = [], 0
    for match in _LINKING_INSIDE_RE.finditer(text):
        before = text[: match.start()]
        if before.count("„") > before.count("“") or before.count("«") > before.count("»"):
            continue
        if ";" in before or re.search(r"\b(?:[Ww]enn|[Ff]alls|[Ss]obald|[Ee]rst)\b", before):
            continue  # it links to the bullet's own first part, or a "wenn … dann"
        out.append(text[last : match.start()])
        last = match.end()
    out.append(text[last:])
    return "".join(out)
