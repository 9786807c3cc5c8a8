"""The guard: every bullet of every engine is checked against the Document before it is shown.

Rules (the registry ``RULES``; each a Problem whose ``rule`` a user can look up in
docs/faithfulness.md; the evaluation counts problems by these names):

numbers – every number (digits, written numbers, dates, percentages, "Mio."/"Mrd.") occurs in
  the article after normalisation;
names – every proper noun occurs in the article, as a form of the same name ("Russlands" →
  "Russland");
quotes – every quoted span is verbatim in the article, and no quote is left open;
attribution – if the sentences a bullet rests on say whose claim it is ("sagte X", "laut X",
  Konjunktiv I "sei"), the bullet says so too;
evidence – the bullet rests on one or a few article sentences (found by word overlap when the
  engine did not say which); with given sentences, every content word of the bullet is in them;
novel – (generated bullets) a noun, degree word or cause that the article does not carry;
caveat – (generated bullets) the article restricts the claim in its next sentence and the
  bullet leaves the restriction out;
negation – (generated bullets) a negation or restriction ("nicht", "kein", "nur") added to or
  dropped from what the bullet's evidence says;
roles – (generated bullets) two names or nouns of the article trade places ("Nadal besiegte
  Djokovic" → "Djokovic besiegte Nadal").

A generated bullet (no sentence ids: the LLM engine's, any box checked with ``check``) is read
clause by clause against the sentences that carry each clause (``faithful``, ``alignment``):
numbers, names and dates must come from the clause's own evidence, a contested claim keeps its
source while a neutral report of an authority need not, and the evidence lists every sentence
used. Bullets made from named sentences keep the stricter word-by-word rules above.

It is cheap on purpose: HanTa tagging (about 10 ms a sentence) runs only on a bullet that holds a
word the article does not, to decide whether that word is a name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from . import faithful
from .alignment import extra_texts
from .document import Document, Sentence, word_key
from .german import names, sentences, tagging
from .german.numbers import unsupported_numbers
from .german.quotes import (
    english_quotes,
    find_quotes,
    has_source,
    reported_speech,
    unbalanced_in_any_style,
    verbatim,
)

_WORD_RE = re.compile(r"[^\W_]+")
_SPACES_RE = re.compile(r"\s+")
#: Share of a bullet's content words a sentence must hold to count as what the bullet says
#: (and so pass its source on to the bullet).
CARRIER_SHARE = 0.5
_NAME_TAGS = frozenset({"NE", "FM"})
_indexes: WeakKeyDictionary[Document, names.NameIndex] = WeakKeyDictionary()
_keys: WeakKeyDictionary[Document, list[Counter[str]]] = WeakKeyDictionary()
_evidence_indexes: WeakKeyDictionary[Document, dict[tuple[int, ...], names.NameIndex]] = (
    WeakKeyDictionary()
)


@dataclass(frozen=True)
class Problem:
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.detail}"


@dataclass
class Verdict:
    evidence: tuple[int, ...]
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def rules(self) -> set[str]:
        return {p.rule for p in self.problems}


def name_index(doc: Document) -> names.NameIndex:
    """Every word of the article (title included) in comparable forms; built once per Document."""
    index = _indexes.get(doc)
    if index is None:
        # List items and the dateline are part of what the article says ("1. London").
        extra = [w for text in extra_texts(doc) for w in names.words(text)]
        index = names.NameIndex(names.words(doc.normalised_text) + list(doc.word_set) + extra)
        _indexes[doc] = index
    return index


# Function words say nothing about which sentence a bullet rests on.
_STOPWORDS = frozenset(
    """aber alle als also auch auf aus bei bis dass das dem den der des die dies diese dieser
    doch durch ein eine einem einen einer eines für gegen hat hatte haben hier ihr ihre im in
    ist ja kann mit nach nicht noch nun nur ob oder ohne sehr sein seine sich sie sind so über
    um und uns unter vom von vor war waren was weil wenn werden wie wird wir wurde wurden zu
    zum zur zwar mehr man sei habe""".split()
)
#: A bullet whose best sentence shares less than this part of its content words has no evidence.
MIN_EVIDENCE_SHARE = 0.3


def _content_keys(text: str) -> Counter[str]:
    return Counter(
        word_key(w) for w in _WORD_RE.findall(text) if len(w) > 2 and w.lower() not in _STOPWORDS
    )


def _sentence_keys(doc: Document) -> list[Counter[str]]:
    """Content-word keys of every sentence, tokenised exactly like a bullet's; once per Document."""
    keys = _keys.get(doc)
    if keys is None:
        keys = [_content_keys(s.text) for s in doc.sentences]
        _keys[doc] = keys
    return keys


def _scored_evidence(text: str, doc: Document) -> list[tuple[float, int]]:
    keys = _content_keys(text)
    if not keys:
        return []
    total = sum(keys.values())
    scored = []
    for index, sentence_keys in enumerate(_sentence_keys(doc)):
        overlap = sum((keys & sentence_keys).values())
        if overlap:
            scored.append((overlap / total, index))
    scored.sort(reverse=True)
    return scored


def find_evidence(text: str, doc: Document, limit: int = 2) -> tuple[int, ...]:
    """The sentences that share most content words with ``text`` (for generative engines)."""
    scored = _scored_evidence(text, doc)
    chosen = [scored[0][1]] if scored and scored[0][0] >= MIN_EVIDENCE_SHARE else []
    for share, index in scored[1:limit] if chosen else ():
        if share >= 0.3 and index not in chosen:
            chosen.append(index)
    return tuple(sorted(chosen))


def unsupported_names(text: str, doc: Document) -> list[str]:
    """Proper nouns of ``text`` that the article does not contain in any form."""
    index = name_index(doc)
    missing = {w for w in names.words(text) if w not in index}
    if not missing:
        return []  # every word is the article's: no name can be invented (no tagging needed)
    tokens = [t.text for sentence in sentences.split(text) for t in sentence]
    found: list[str] = []
    for token, (lemma, tag) in zip(tokens, tagging.tag(tokens), strict=True):
        if token in found or token in index or lemma in index:
            continue
        acronym = len(token) > 1 and token.isupper() and token.isalpha()
        if (tag in _NAME_TAGS or acronym) and token[:1].isupper():
            found.append(token)
    return found


def carriers(
    text: str, doc: Document, evidence: Sequence[int], *, found: bool = False
) -> list[Sentence]:
    """The evidence sentences that hold at least half of the bullet's content words.

    A sentence that only lends a bullet a name (the referent of a resolved pronoun) does not
    carry its claim, so its source does not pass on. With evidence the guard ``found`` itself,
    only sentences about as close as the best one count.
    """
    keys = _content_keys(text)
    total = sum(keys.values())
    if not total:
        return [doc.sentences[i] for i in evidence]
    sentence_keys = _sentence_keys(doc)
    shares = {i: sum((keys & sentence_keys[i]).values()) / total for i in evidence}
    threshold = CARRIER_SHARE
    if found and shares:
        threshold = max(threshold, max(shares.values()) - 0.25)
    return [doc.sentences[i] for i in evidence if shares[i] >= threshold]


def attribution_problem(text: str, sources: Sequence[Sentence]) -> Problem | None:
    """A bullet that drops the source its evidence names, or states reported speech as fact."""
    for sentence in sources:
        if has_source(sentence.text) and not has_source(text):
            return Problem(
                "attribution",
                f"the article attributes this ({sentence.attribution!r}); the bullet does not say who says it",
            )
    for sentence in sources:
        marker = reported_speech(sentence.text)
        if marker and not (has_source(text) or reported_speech(text)):
            return Problem(
                "attribution",
                f"the article reports this as someone's claim ({marker!r}); the bullet states it as fact",
            )
    return None


def _evidence_index(doc: Document, evidence: tuple[int, ...]) -> names.NameIndex:
    """The words of the evidence sentences and the title; once per Document and evidence (the
    bullet stage checks every edit of a bullet against the same sentences)."""
    built = _evidence_indexes.setdefault(doc, {})
    index = built.get(evidence)
    if index is None:
        index = built[evidence] = names.NameIndex(
            [w for i in evidence for w in names.words(doc.sentences[i].text)]
            + names.words(doc.title or "")
        )
    return index


def _evidence_gaps(text: str, doc: Document, evidence: tuple[int, ...]) -> list[str]:
    """Content words of the bullet that none of its given evidence sentences (or the title) holds."""
    index = _evidence_index(doc, evidence)
    return [w for w in names.words(text) if len(w) > 2 and w not in index]


@dataclass(frozen=True)
class Subject:
    """What every rule looks at: one bullet, its article and the sentences it rests on."""

    text: str
    doc: Document
    #: The sentences the bullet was made from (empty for a generated bullet).
    given: tuple[int, ...]
    #: ``given``, or the sentences the guard found for a generated bullet.
    evidence: tuple[int, ...]
    #: What the clause-by-clause reading found (generated bullets only).
    findings: tuple[faithful.Finding, ...] = ()

    def found(self, rule: str) -> list[Problem]:
        return [Problem(f.rule, f.detail) for f in self.findings if f.rule == rule]


@dataclass(frozen=True)
class Rule:
    """One check of the guard: its ``name`` (the ``Problem.rule`` it reports, counted by the
    evaluation, explained in docs/faithfulness.md) and the function that finds its problems."""

    name: str
    find: Callable[[Subject], list[Problem]]


def _evidence_problems(bullet: Subject) -> list[Problem]:
    if not bullet.given and bullet.findings:
        return bullet.found("evidence")
    if not bullet.evidence:
        return [Problem("evidence", "no sentence of the article supports it")]
    if bullet.given:
        gaps = _evidence_gaps(bullet.text, bullet.doc, bullet.given)
        if gaps:
            words = ", ".join(repr(g) for g in gaps[:3])
            return [Problem("evidence", f"{words} not in its source sentences")]
    return []


def _number_problems(bullet: Subject) -> list[Problem]:
    missing = [
        Problem("numbers", f"'{number}' does not occur in the article")
        for number in unsupported_numbers(bullet.text, bullet.doc.number_values)
    ]
    # A number the article lacks altogether needs no second reason (its referent).
    return missing or bullet.found("numbers")


def _name_problems(bullet: Subject) -> list[Problem]:
    if not bullet.given:
        return bullet.found("names")
    return [
        Problem("names", f"'{name}' does not occur in the article")
        for name in unsupported_names(bullet.text, bullet.doc)
    ]


def _quote_problems(bullet: Subject) -> list[Problem]:
    problems = []
    source = bullet.doc.normalised_text
    for quote in find_quotes(bullet.text) + english_quotes(bullet.text):
        if not verbatim(quote.text, source):
            problems.append(Problem("quotes", f"„{quote.text}“ is not verbatim in the article"))
    if unbalanced_in_any_style(bullet.text):
        problems.append(Problem("quotes", "a quote is opened or closed but not both"))
    return problems


def _attribution_problems(bullet: Subject) -> list[Problem]:
    if not bullet.given:
        return bullet.found("attribution")
    if not bullet.evidence:
        return []
    sources = carriers(bullet.text, bullet.doc, bullet.evidence, found=not bullet.given)
    problem = attribution_problem(bullet.text, sources)
    return [problem] if problem else []


#: Every rule of the guard, in the order ``check`` runs them. The evaluation counts problems by
#: these names; a rule added here is checked everywhere and counted without another change.
RULES: tuple[Rule, ...] = (
    Rule("evidence", _evidence_problems),
    Rule("numbers", _number_problems),
    Rule("names", _name_problems),
    Rule("quotes", _quote_problems),
    Rule("attribution", _attribution_problems),
    Rule("novel", lambda bullet: bullet.found("novel")),
    Rule("caveat", lambda bullet: bullet.found("caveat")),
    Rule("negation", lambda bullet: bullet.found("negation")),
    Rule("roles", lambda bullet: bullet.found("roles")),
)
RULE_NAMES: tuple[str, ...] = tuple(rule.name for rule in RULES)


def check(text: str, doc: Document, sentence_ids: Sequence[int] = ()) -> Verdict:
    """Check one bullet against its article; ``sentence_ids`` are the sentences it was made from."""
    given = tuple(i for i in sentence_ids if 0 <= i < len(doc.sentences))
    if given:
        bullet = Subject(text, doc, given, given)
    else:
        aligned, findings = faithful.check(text, doc)
        evidence = aligned.evidence or find_evidence(text, doc)
        bullet = Subject(text, doc, given, evidence, tuple(findings))
    return Verdict(bullet.evidence, [problem for rule in RULES for problem in rule.find(bullet)])
