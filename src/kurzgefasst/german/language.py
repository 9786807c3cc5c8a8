"""Is this German? py3langid (langid.py's naive Bayes model over byte n-grams, 97 languages).

Chosen by figures (benchmarks/language_id.py, docs/usage.md): on 64 short news snippets written
for this project (German, English, French, Dutch, Italian, one or two sentences each) it was
right on all 64; simplemma's German word share (the previous check) let 3 of 12 English
snippets through, lingua (96 MB installed, 6 s to load) missed 2. On real German news it
accepted all 1,311 dev articles of mlsum-de and 10kgnad, also from their first 150 characters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_WORD_RE = re.compile(r"[^\W\d_]{2,}")
#: Fewer words than this is no article to summarize ("too short"), whatever its language;
#: it is also where language identification stops being reliable.
MIN_WORDS = 12
#: The identifier reads this much of a long text: enough for a clear verdict, fast on 5 MB.
SAMPLE_CHARS = 4000

#: English names of the languages a refused text most often is in (the rest by code).
LANGUAGE_NAMES = {
    "en": "English", "fr": "French", "nl": "Dutch", "it": "Italian", "es": "Spanish",
    "pt": "Portuguese", "pl": "Polish", "cs": "Czech", "da": "Danish", "sv": "Swedish",
    "no": "Norwegian", "nb": "Norwegian", "tr": "Turkish", "ru": "Russian", "uk": "Ukrainian",
    "lb": "Luxembourgish", "hu": "Hungarian", "ro": "Romanian", "hr": "Croatian",
    "el": "Greek", "ar": "Arabic", "zh": "Chinese", "ja": "Japanese",
}  # fmt: skip


def word_count(text: str) -> int:
    return len(_WORD_RE.findall(text))


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> str:
    """ISO 639-1 code of the text's language ("de", "en", …)."""
    return str(_identifier().classify(text[:SAMPLE_CHARS])[0])


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def is_german(text: str) -> bool:
    return identify(text) == "de"
