"""Does the guard catch meaning-level corruptions of faithful bullets, and pass the originals?

The labelled sets (tests/fixtures/guard/labels.jsonl, box_labels.jsonl) hold bullets that
blinded fact-checkers found faithful. Each is corrupted in the ways a model gets a claim wrong
with the article's own words, and checked as a generated bullet (``guard.check`` without
sentence ids):

- source: "Laut X …" / "…, sagte X" / "X zufolge" dropped (the finite verb moved back to the
  second place), reported speech turned indicative ("sei" → "ist");
- hedge: "angeblich", "mutmasslich", "offenbar" … dropped, Konjunktiv I turned indicative;
- negate: "nicht" dropped or added, "kein" → "ein";
- scope: "nur" dropped, or added before a number;
- swap: two single names of the bullet trade places (not "A und B");
- verb: a verb or comparative replaced by its opposite ("gewann" → "verlor", "höher" →
  "niedriger"). The guard's ``faithful.opposites`` knows such pairs, so this kind measures the
  pairs' coverage of real bullets more than generalisation.

The corruptions are mechanical: some produce a sentence that is still true, or no longer
German; read them with ``--show KIND``. Reports, per kind, corrupted bullets and how many the
guard rejected, and the false alarms on the uncorrupted originals. By default only the ``tune``
half; the held-out half is for a final report only.

    python benchmarks/guard_corrupted.py --data ../shared/data [--split tune] [--show negate]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from kurzgefasst import guard
from kurzgefasst.evaluation import guard_labels
from kurzgefasst.german import tagging

LABELS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "guard"

_SOURCE_RE = re.compile(
    r"^(?:Laut|Nach Angaben|Nach Informationen|Gemäss|Gemäß)\s+"
    r"(?:(?:de[rsmn]|eine[mr]|seine[mr]|ihre[mr])\s+)?(?:[\w.-]+\s+){1,4}?(?=[a-zäöüß]+\s)"
    r"|,?\s+(?:laut|sagte|sagt|teilte|so|erklärte|schreibt|schrieb)\s+"
    r"(?:(?:de[rsm]|die|seine[mr]|ihre[mr])\s+)?(?:[A-ZÄÖÜ][\w.-]+\s*){1,3}(?:mit)?(?=[\s.,;])"
    r"|\s+(?:[A-ZÄÖÜ][\w.-]+\s+){1,2}zufolge"
)
_INDICATIVE = {
    "sei": "ist", "seien": "sind", "habe": "hat", "hätten": "haben", "werde": "wird",
    "könne": "kann", "müsse": "muss", "gebe": "gibt", "wolle": "will", "solle": "soll",
}  # fmt: skip
_KONJUNKTIV_RE = re.compile(r"\b(" + "|".join(_INDICATIVE) + r")\b")
_HEDGE_RE = re.compile(
    r"\b(?:angeblich|mutmasslich|mutmaßlich|vermutlich|offenbar|wohl|möglicherweise)\s+"
)
OPPOSITE_WORDS = [
    ("gewann", "verlor"), ("gewinnt", "verliert"), ("stieg", "sank"), ("steigt", "sinkt"),
    ("erhöht", "senkt"), ("zugestimmt", "abgelehnt"), ("bestätigt", "dementiert"),
    ("bestätigte", "dementierte"), ("festgenommen", "freigelassen"),
    ("verurteilt", "freigesprochen"), ("mehr", "weniger"), ("höher", "niedriger"),
    ("gestorben", "überlebt"), ("starb", "überlebte"), ("kauft", "verkauft"),
    ("kaufte", "verkaufte"), ("begann", "endete"), ("beginnt", "endet"),
    ("gesperrt", "geöffnet"), ("gesunken", "gestiegen"), ("erlaubt", "verboten"),
]  # fmt: skip


def _indicative(text: str) -> str:
    return _KONJUNKTIV_RE.sub(lambda m: _INDICATIVE[m.group(1)], text)


def drop_source(text: str) -> str | None:
    match = _SOURCE_RE.search(text)
    if not match:
        return None
    rest = re.sub(r"\s+([.,;])", r"\1", (text[: match.start()] + text[match.end() :]).strip())
    if match.start() == 0:
        # "Laut X wird der C42 vorgestellt" → "Der C42 wird vorgestellt": the verb moves back.
        words = rest.split(" ")
        subject = next((k for k in range(1, min(len(words), 6)) if words[k][:1].isupper()), None)
        if subject is None or words[1] in ("sich", "es"):
            return None
        if subject + 1 < len(words) and words[subject + 1][:1].isupper():
            subject += 1
        rest = " ".join([*words[1 : subject + 1], words[0], *words[subject + 1 :]])
    rest = _indicative(rest)
    return rest[:1].upper() + rest[1:] if rest else None


def drop_hedge(text: str) -> str | None:
    changed = _indicative(_HEDGE_RE.sub("", text))
    return changed if changed != text else None


def negate(text: str) -> str | None:
    if re.search(r"\bnicht\b", text):
        return re.sub(r"\s*\bnicht\b", "", text, count=1)
    if re.search(r"\bkein(e|en|em|er|es)?\b", text):
        return re.sub(
            r"\bkein(e|en|em|er|es)?\b", lambda m: "ein" + (m.group(1) or ""), text, count=1
        )
    end = re.search(r"\s([a-zäöüß]+)([.!]?)$", text.rstrip())
    if not end:
        return None
    return text.rstrip()[: end.start()] + " nicht " + end.group(1) + end.group(2)


def scope(text: str) -> str | None:
    if re.search(r"\bnur\b", text):
        return re.sub(r"\s*\bnur\b", "", text, count=1)
    number = re.search(r"\s(\d[\d.,]*)\s", text)
    return text[: number.start()] + " nur " + text[number.start() + 1 :] if number else None


def swap(text: str) -> str | None:
    tokens = re.findall(r"\w[\w-]*", text)
    tags = tagging.tag(tokens)
    found = [i for i, (t, (_, tag)) in enumerate(zip(tokens, tags, strict=True)) if tag == "NE"]
    single = [i for i in found if len(tokens[i]) > 2 and i - 1 not in found and i + 1 not in found]
    for a in single:
        for b in single:
            between = {t.lower() for t in tokens[a:b]}
            if b - a >= 2 and tokens[a] != tokens[b] and not between & {"und", "oder", "sowie"}:
                pair = {tokens[a]: tokens[b], tokens[b]: tokens[a]}
                pattern = r"\b(" + "|".join(map(re.escape, pair)) + r")\b"
                return re.sub(pattern, lambda m, pair=pair: pair[m.group(1)], text)
    return None


def opposite(text: str) -> str | None:
    for a, b in OPPOSITE_WORDS:
        for old, new in ((a, b), (b, a)):
            if re.search(rf"\b{old}\b", text):
                return re.sub(rf"\b{old}\b", new, text, count=1)
    return None


KINDS: dict[str, Callable[[str], str | None]] = {
    "source": drop_source,
    "hedge": drop_hedge,
    "negate": negate,
    "scope": scope,
    "swap": swap,
    "verb": opposite,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--split", default="tune", choices=("tune", "heldout"))
    parser.add_argument("--show", default="", help="kinds to print (comma list; 'fa' too)")
    args = parser.parse_args(argv)
    show = set(filter(None, args.show.split(",")))
    bullets, docs = [], {}
    for name in ("labels.jsonl", "box_labels.jsonl"):
        labelled, found = guard_labels.load_set(LABELS / name, args.data)
        bullets += [b for b in labelled if b.faithful and b.split == args.split]
        docs.update(found)
    totals: Counter[str] = Counter()
    times = []
    for bullet in bullets:
        doc = docs[bullet.article]
        started = time.perf_counter()
        verdict = guard.check(bullet.text, doc)
        times.append((time.perf_counter() - started) * 1000)
        totals["faithful"] += 1
        totals["false alarms"] += not verdict.ok
        if "fa" in show and not verdict.ok:
            print(f"false alarm: {bullet.text} ({'; '.join(map(str, verdict.problems))})")
        for kind, corrupt in KINDS.items():
            bad = corrupt(bullet.text)
            if not bad or bad == bullet.text:
                continue
            caught = not guard.check(bad, doc).ok
            totals[kind] += 1
            totals[f"{kind} caught"] += caught
            if kind in show:
                print(f"{'caught' if caught else 'PASSED'} {kind}: {bad}")
    print(
        f"{args.split}: {totals['faithful']} faithful bullets, {totals['false alarms']} rejected;"
        f" guard median {statistics.median(times):.2f} ms"
    )
    print("| kind | corrupted | caught | share |\n|---|---|---|---|")
    for kind in KINDS:
        n, caught = totals[kind], totals[f"{kind} caught"]
        print(f"| {kind} | {n} | {caught} | {100 * caught / max(1, n):.0f} % |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
