"""Word rarity from wordfreq's German list (shipped in the wheel, no download).

``zipf`` gives exactly ``wordfreq.zipf_frequency(word, "de")``, but without wordfreq's start-up
cost (0.2 s to import, 0.3–0.5 s to build its 634,000-entry dict) on every CLI call: the list
is kept as a sorted word list plus one centibel byte pair per word in the resource cache
(``resource_cache``; 50 ms to load) and searched by bisection. Words of plain Latin letters
(nearly all) and plain digit strings are normalised here as wordfreq does (casefold; digit
runs → zeros with wordfreq's digit frequency); any other word goes through wordfreq's own
tokenizer. Without a usable cache directory, wordfreq itself answers.
"""

from __future__ import annotations

import marshal
import math
import re
from array import array
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

#: wordfreq's "best" German list (its "large" list).
_WORDLIST = "best"
# Words wordfreq reads as one token that casefolding alone normalises: Latin letters without
# compatibility forms (NFKC leaves U+00C0–U+00FF letters unchanged; ª, º, µ are below it).
_PLAIN_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]+")
_DIGITS_RE = re.compile(r"[0-9]+")
#: wordfreq's ``zipf_to_freq(0)``: the frequency of an unseen word.
_MINIMUM = 10**0 / 1e9


class _Table:
    """wordfreq's frequency list as sorted words and their centibel bucket."""

    def __init__(self, words: list[str], buckets: array) -> None:
        self.words = words
        self.buckets = buckets

    def frequency(self, token: str) -> float | None:
        i = bisect_left(self.words, token)
        if i < len(self.words) and self.words[i] == token:
            return 10.0 ** (-self.buckets[i] / 100.0)  # wordfreq.cB_to_freq
        return None


def _build(directory: Path) -> None:
    import wordfreq

    pack = wordfreq.get_frequency_list("de", _WORDLIST)
    # A word in two buckets keeps the later one, as in wordfreq's get_frequency_dict.
    pairs = sorted({word: bucket for bucket, words in enumerate(pack) for word in words}.items())
    buckets = array("H", [bucket for _, bucket in pairs])
    with open(directory / "wordfreq-de.marshal", "wb") as handle:
        marshal.dump(([word for word, _ in pairs], buckets.tobytes()), handle)


@lru_cache(maxsize=1)
def _table() -> _Table | None:
    from importlib.util import find_spec

    from ..resource_cache import cached_entry, source_key

    try:
        # Keyed by wordfreq's German list files (found without importing wordfreq).
        spec = find_spec("wordfreq")
        if spec is None or not spec.submodule_search_locations:
            return None
        data = Path(next(iter(spec.submodule_search_locations))) / "data"
        files = tuple(data / f"{size}_de.msgpack.gz" for size in ("large", "small"))
        key = source_key("wordfreq", _WORDLIST, 1, files=files)
        entry = cached_entry("wordfreq-de", key, _build)
        if entry is None:
            return None
        # loads() of the whole file: load() on a file object is 4× slower (many small reads).
        words, raw = marshal.loads((entry / "wordfreq-de.marshal").read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    buckets = array("H")
    buckets.frombytes(raw)
    return _Table(words, buckets)


def _digit_freq(digits: str) -> float:
    """wordfreq.numbers.digit_freq for a string of ASCII digits (years get their own curve)."""
    if len(digits) < 2:
        return 1.0  # a single digit is no "multi-digit" run: wordfreq leaves it alone
    benford = (0.009, 0.300, 0.175, 0.124, 0.096, 0.078, 0.066, 0.057, 0.050, 0.045)
    freq = benford[int(digits[0])] / 10 ** (len(digits) - 1)
    if len(digits) != 4:
        return freq
    year = int(digits)
    if year <= 2019:
        log_freq = -1.9185 - 0.0083 * (2019 - year)
    elif year <= 2039:
        log_freq = -1.9185
    else:
        log_freq = -1.9185 - 0.2 * (year - 2039)
    return 10.0**log_freq + 0.1 * freq


def _frequency(word: str, table: _Table) -> float:
    """wordfreq's ``_word_frequency(word, "de", "best", 0)`` through the compact table."""
    if _PLAIN_WORD_RE.fullmatch(word):
        freq = table.frequency(word.casefold())
        return 0.0 if freq is None else freq
    if _DIGITS_RE.fullmatch(word):
        smashed = "0" * len(word) if len(word) > 1 else word
        freq = table.frequency(smashed)
        if freq is None:
            return 0.0
        return freq * _digit_freq(word) if smashed != word else freq
    from wordfreq import lossy_tokenize
    from wordfreq.numbers import digit_freq, smash_numbers

    tokens = lossy_tokenize(word, "de")
    if not tokens:
        return 0.0
    one_over_result = 0.0
    for token in tokens:
        smashed = smash_numbers(token)
        freq = table.frequency(smashed)
        if freq is None:
            return 0.0
        if smashed != token:
            freq *= digit_freq(token)
        one_over_result += 1.0 / freq
    return 1.0 / one_over_result


def _zipf_of(freq: float) -> float:
    """wordfreq's rounding: three significant digits, then the Zipf scale to 0.01."""
    freq = max(freq, _MINIMUM)
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


@lru_cache(maxsize=131072)
def zipf(word: str) -> float:
    """Zipf frequency (0 = unseen, 7 = "der"); wordfreq lowercases and maps ß → ss itself."""
    table = _table()
    if table is None:
        from wordfreq import zipf_frequency

        return zipf_frequency(word, "de")
    return _zipf_of(_frequency(word, table))


def rarity(word: str) -> float:
    """0 for the most common words, up to 1 for words wordfreq has never seen."""
    return max(0.0, min(1.0, (7.0 - zipf(word)) / 7.0))
