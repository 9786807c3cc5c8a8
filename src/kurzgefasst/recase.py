"""All-caps German → ordinary German case, so the tagger and the bullet rules can read it.

Agency wires and old archives sometimes come in capitals only ("DER HAMBURGER HAFEN HAT …").
The tagger then sees no nouns and no verbs, and every sentence is refused. Such a text is
lowercased and its nouns and names are capitalized again by HanTa (case-insensitive tagging),
as are sentence starts; short names (EU, USA, SPD) stay in capitals. Every character keeps its
position, so offsets into the recased text are offsets into the input.
"""

from __future__ import annotations

import re

#: Letters needed before a text counts as all-caps (a shouted headline alone is not).
MIN_LETTERS = 40
UPPER_SHARE = 0.9
_TOKEN_RE = re.compile(r"\w+(?:[.-]\w+)*|[^\w\s]")
_SENTENCE_END = {".", "!", "?", ":"}
_OPENERS = {"„", '"', "«", "»", "(", "‚", "'", "“"}


_LOWER_RE = re.compile(r"[^\W\d_A-ZÄÖÜẞ]")  # letters that are not capitals (approximately)
_LETTER_RE = re.compile(r"[^\W\d_]")


def is_all_caps(text: str) -> bool:
    sample = text[:4000]  # enough for a verdict, cheap on every article
    letters = len(_LETTER_RE.findall(sample))
    if letters < MIN_LETTERS:
        return False
    lower = sum(1 for c in _LOWER_RE.findall(sample) if not c.isupper())
    return (letters - lower) / letters >= UPPER_SHARE


def _lower_in_place(text: str) -> str:
    # Only case mappings of one character: "İ".lower() has two, and offsets must not move.
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


def _upper_first(word: str) -> str:
    first = word[0].upper()
    return (first if len(first) == 1 else word[0]) + word[1:]


def recase(text: str) -> str:
    from .german.tagging import tagger

    lowered = _lower_in_place(text)
    out = list(lowered)
    for line in re.finditer(r"[^\n]+", lowered):
        tokens = list(_TOKEN_RE.finditer(line.group()))
        if not tokens:
            continue
        tags = tagger().tag_sent([t.group() for t in tokens], taglevel=1, casesensitive=False)
        sentence_start = True
        previous = ""
        for token, (_, _, pos) in zip(tokens, tags, strict=True):
            word = token.group()
            start = line.start() + token.start()
            if word[0].isalpha():
                if pos == "NE" and len(word) <= 3:
                    new = text[start : start + len(word)]  # EU, USA, SPD: as written
                elif pos in ("NN", "NE") or sentence_start:
                    new = _upper_first(word)
                else:
                    new = word
                out[start : start + len(word)] = new
                sentence_start = False
            elif word in _SENTENCE_END or (word in "–-" and previous == ")"):
                sentence_start = True  # also after a dateline: "HAMBURG (DPA) – DER …"
            elif word not in _OPENERS:
                sentence_start = False
            previous = word
    return "".join(out)
