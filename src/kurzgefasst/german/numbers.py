"""Numbers in German text, normalised so "3.000" = "3000", "12,5" = "12.5", "zwei" = 2.

Each mention yields a set of comparable values: the plain value and, with a scale word
("Mio.", "Milliarden"), the scaled value, so "3,5 Millionen" matches "3.500.000".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_WORDS = {
    "null": 0, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70,
    "achtzig": 80, "neunzig": 90, "hundert": 100, "tausend": 1000, "zweihundert": 200,
    "dreihundert": 300, "dutzend": 12, "einhundert": 100, "eintausend": 1000,
    "halbe": 0.5, "hälfte": 0.5, "drittel": Decimal(1) / 3, "viertel": 0.25,
    "erste": 1, "ersten": 1, "erster": 1, "zweite": 2, "zweiten": 2, "zweiter": 2,
    "dritte": 3, "dritten": 3, "dritter": 3, "vierte": 4, "vierten": 4, "fünfte": 5,
    "fünften": 5, "zehnte": 10, "zehnten": 10,
}  # fmt: skip
_SCALES = {
    "tausend": 10**3, "tsd": 10**3, "mio": 10**6, "million": 10**6, "millionen": 10**6,
    "mrd": 10**9, "milliarde": 10**9, "milliarden": 10**9, "bio": 10**12, "billion": 10**12,
    "billionen": 10**12,
}  # fmt: skip
_NUMBER_RE = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:[.’' ]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<suffix>-?(?:prozent|%|\.|jährige[nmrs]?|fach|mal))?"
    r"(?:\s*(?P<scale>Tsd|Mio|Mrd|Bio|Millionen|Million|Milliarden|Milliarde|Billionen|Billion|Tausend)\b\.?)?",
    re.I,
)
_WORD_RE = re.compile(r"\b(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b", re.I)


@dataclass(frozen=True, slots=True)
class NumberMention:
    text: str
    start: int
    end: int
    values: frozenset[Decimal]
    written: bool = False


def _parse_digits(raw: str) -> Decimal | None:
    cleaned = raw.replace("’", "").replace("'", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")  # 3.000 / 1.250,5
    elif "," in cleaned:
        cleaned = cleaned.replace(",", ".")  # 12,5
    # else: "3.5" (English style) or plain digits
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def _norm(value: Decimal) -> Decimal:
    return (
        value.normalize()
        if value == value.to_integral_value()
        else value.quantize(Decimal("0.0001")).normalize()
    )


def find_numbers(text: str, *, written: bool = True) -> list[NumberMention]:
    mentions: list[NumberMention] = []
    for match in _NUMBER_RE.finditer(text):
        value = _parse_digits(match.group("num"))
        if value is None:
            continue
        values = {_norm(value)}
        scale = match.group("scale")
        if scale:
            values.add(_norm(value * _SCALES[scale.lower().rstrip(".")]))
        mentions.append(
            NumberMention(match.group(0).strip(), match.start(), match.end(), frozenset(values))
        )
    if written:
        for match in _WORD_RE.finditer(text):
            value = Decimal(str(_WORDS[match.group(1).lower()]))
            mentions.append(
                NumberMention(
                    match.group(0), match.start(), match.end(), frozenset({_norm(value)}), True
                )
            )
    return mentions


def number_values(text: str) -> set[Decimal]:
    values: set[Decimal] = set()
    for mention in find_numbers(text):
        values |= mention.values
    return values


def unsupported_numbers(bullet: str, source_values: set[Decimal]) -> list[str]:
    """Digit numbers of ``bullet`` with no equal value in the source.

    Written numbers in a bullet ("zwei") are accepted when the source has the word or the
    digit; a digit in the bullet must match a digit or a written number in the source.
    """
    return [m.text for m in find_numbers(bullet) if not (m.values & source_values)]
