"""Build ``models/word_analyses.sqlite``: HanTa's word analyses for frequent German words.

HanTa tags a sentence by analysing each word's morphology (``analyze_forward``), unless the word
is in the 23,000-word cache its model ships. A news article brings about ten words outside that
cache, each 0.5 ms to analyse: a third of the box stage's time. This script analyses the most
frequent German words of wordfreq's list (a general frequency list, no article of ours) once and
stores each result, so that ``german.tagging`` looks them up instead of computing them.

Only the analyses that can change a tag are stored: HanTa keeps a word's analyses within 5 log
points of its best one (after a case and a tag-frequency correction, each applied or not) for
the sentence tagger, and only the best for ``analyze``; an analysis below that limit for every
capitalisation and both uses can never be chosen, so dropping it leaves every tag and lemma
exactly as before. The
analyses keep their order and their float64 log probabilities, so ties break as before too.

    .venv/bin/python scripts/build_word_analyses.py --words 200000

The table records the SHA-256 of the HanTa model file it was built from; ``german.tagging``
uses it only with that model, so a changed HanTa model computes its own analyses instead of
reading stale ones.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from importlib.metadata import version
from pathlib import Path

import wordfreq

from kurzgefasst.german import word_analyses
from kurzgefasst.german.tagging import tagger

#: The tagger keeps analyses this close to a word's best one (``_tag_word(cutoff=5)``).
CUTOFF = 5


def useful_analyses(model: object, pairs: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """The analyses that survive HanTa's cutoff for some capitalisation and use, in order."""
    unknown = model.tag2int["UNKNOWN"]  # type: ignore[attr-defined]
    adjusted_rows = []
    # The case correction is HanTa's for a capitalised or a lower-case word, or none at all
    # when the tagger is not case-sensitive (the first word of a sentence).
    for upcase in (True, False, None):
        for conditional in (True, False):
            adjusted = [
                p
                if tag == unknown
                else p
                + (0.0 if upcase is None else model.LP_case_t[tag][upcase])  # type: ignore[attr-defined]
                - (model.LP_wtag[tag] if conditional else 0)  # type: ignore[attr-defined]
                for tag, p in pairs
            ]
            adjusted_rows.append((adjusted, max(adjusted) - CUTOFF if adjusted else 0.0))
    return [
        (tag, p)
        for i, (tag, p) in enumerate(pairs)
        if tag == unknown or any(adjusted[i] >= limit for adjusted, limit in adjusted_rows)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--words", type=int, default=200_000, help="wordfreq's top N words")
    parser.add_argument("--out", type=Path, default=word_analyses.TABLE)
    args = parser.parse_args()

    model = tagger()

    # HanTa's own analysis, not the table lookup that ``tagger()`` puts in front of it.
    def analyze_forward(word: str) -> list[tuple[int, float]]:
        return type(model).analyze_forward(model, word)

    words: list[str] = []
    seen: set[str] = set()
    for word in wordfreq.top_n_list("de", args.words):
        normal = model.normalize(word)
        if normal not in model.cache and normal not in seen:
            seen.add(normal)
            words.append(normal)

    tmp = args.out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID")
    db.execute("CREATE TABLE analyses (word TEXT PRIMARY KEY, pairs BLOB) WITHOUT ROWID")
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("model", word_analyses.model_fingerprint()),
            ("source", f"wordfreq {version('wordfreq')} top {args.words} (de)"),
        ],
    )
    start = time.perf_counter()
    rows = []
    for i, word in enumerate(words, 1):
        pairs = useful_analyses(model, analyze_forward(word))
        rows.append((word, word_analyses.pack(pairs)))
        if i % 20_000 == 0:
            print(f"{i:,} of {len(words):,} words, {time.perf_counter() - start:.0f} s", flush=True)
    db.executemany("INSERT INTO analyses VALUES (?, ?)", sorted(rows))
    db.commit()
    db.execute("VACUUM")
    db.close()
    tmp.replace(args.out)
    print(f"{len(rows):,} words → {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
