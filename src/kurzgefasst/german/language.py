"""Is this German? py3langid (langid.py's naive Bayes model over byte n-grams, 97 languages).

Chosen by figures (benchmarks/language_id.py, docs/usage.md): on 64 short news snippets written
for this project (German, English, French, Dutch, Italian, one or two sentences each) it was
right on all 64; simplemma's German word share (the previous check) let 3 of 12 English
snippets through, lingua (96 MB installed, 6 s to load) missed 2. On real German news it
accepted all 1,311 dev articles of mlsum-de and 10kgnad, also from their first 150 characters.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
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
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = _unpacked_model(MODEL_DIR / MODEL_FILE)
    if model is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ptc, pc, classes, nextmove, row, output = model
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)


# py3langid unpacks its LZMA-compressed model (68 MB) on every start: 0.6 s of a CLI call. The
# resource cache keeps it unpacked as .npy files that are memory-mapped, so a call reads only
# the pages it uses; the arrays are the model's own, so every verdict stays the same.
_MODEL_ARRAYS = ("ptc", "pc", "nextmove", "nextmove_row", "out_feat")


def _unpack_model(source: Path, directory: Path) -> None:
    import numpy as np
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(source)
    arrays = {
        "ptc": np.asarray(ptc), "pc": np.asarray(pc),
        "nextmove": np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
        "nextmove_row": np.frombuffer(row, dtype=f"u{row.itemsize}"),
        "out_feat": np.asarray(output, dtype=np.int32),
    }  # fmt: skip
    for name, values in arrays.items():
        np.save(directory / f"{name}.npy", values, allow_pickle=False)
    (directory / "classes.json").write_text(json.dumps(classes), encoding="utf-8")


def _unpacked_model(source: Path) -> tuple[Any, ...] | None:
    import numpy as np
    from py3langid import modelio

    from ..resource_cache import cached_entry, source_key

    try:
        # Keyed by the model file and the loader that reads it (no package metadata scan).
        key = source_key("py3langid", files=(source, modelio.__file__))
        entry = cached_entry("py3langid", key, lambda directory: _unpack_model(source, directory))
        if entry is None:
            return None
        arrays = {n: np.load(entry / f"{n}.npy", mmap_mode="r") for n in _MODEL_ARRAYS}
        classes = json.loads((entry / "classes.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None

    def ints(values: Any) -> memoryview:
        # py3langid indexes these per input byte: a memoryview gives plain ints, like its
        # own array.array, without copying the 40 MB transition table.
        return memoryview(values).cast("B").cast(values.dtype.char)

    return (
        arrays["ptc"], np.asarray(arrays["pc"]), classes, ints(arrays["nextmove"]),
        ints(arrays["nextmove_row"]), ints(arrays["out_feat"]),
    )  # fmt: skip


def identify(text: str) -> str:
    """ISO 639-1 code of the text's language ("de", "en", …)."""
    return str(_identifier().classify(text[:SAMPLE_CHARS])[0])


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def is_german(text: str) -> bool:
    return identify(text) == "de"
