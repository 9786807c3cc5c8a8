"""Which language identifier fits the "is this German?" input check on short texts?

Candidates: simplemma's German word share (the old check, threshold 0.7), py3langid (langid.py's
model, 97 languages) and lingua (all 75 languages, high- and low-accuracy mode). Data: the short
German, English, French, Dutch and Italian news snippets in tests/fixtures/language_snippets.jsonl
(written for this project, one or two sentences each). A method is right on a snippet when it
accepts a German one and refuses any other.

    pip install simplemma lingua-language-detector   # the candidates that were not chosen
    PYTHONPATH=src python benchmarks/language_id.py
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

SNIPPETS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "language_snippets.jsonl"


def simplemma_check() -> Callable[[str], bool]:
    from simplemma import in_target_language

    return lambda text: in_target_language(text, lang="de") >= 0.7


def py3langid_check() -> Callable[[str], bool]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return lambda text: identifier.classify(text)[0] == "de"


def lingua_check(low_accuracy: bool) -> Callable[[str], bool]:
    from lingua import Language, LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_all_languages()
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    detector = builder.build()
    return lambda text: detector.detect_language_of(text) == Language.GERMAN


def main() -> None:
    snippets = [json.loads(line) for line in SNIPPETS.read_text(encoding="utf-8").splitlines()]
    methods: dict[str, Callable[[], Callable[[str], bool]]] = {
        "simplemma share >= 0.7 (old)": simplemma_check,
        "py3langid (97 languages)": py3langid_check,
        "lingua, all languages, high accuracy": lambda: lingua_check(False),
        "lingua, all languages, low accuracy": lambda: lingua_check(True),
    }
    langs = sorted({s["lang"] for s in snippets}, key=lambda x: (x != "de", x))
    header = ["method", "load s", "ms/text", *(f"{lang} right" for lang in langs), "all right"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name, make in methods.items():
        start = time.perf_counter()
        try:
            check = make()
        except ImportError as exc:  # lingua and simplemma are no dependencies of the project
            print(f"| {name} | not installed ({exc.name}) |")
            continue
        check("Warmlaufen mit einem deutschen Satz.")
        load = time.perf_counter() - start
        times: list[float] = []
        right: dict[str, list[bool]] = {lang: [] for lang in langs}
        wrong: list[str] = []
        for snippet in snippets:
            t0 = time.perf_counter()
            german = check(snippet["text"])
            times.append((time.perf_counter() - t0) * 1000)
            ok = german == (snippet["lang"] == "de")
            right[snippet["lang"]].append(ok)
            if not ok:
                wrong.append(f"{snippet['lang']}: {snippet['text'][:50]}")
        cells = [f"{sum(v)}/{len(v)}" for v in right.values()]
        total = sum(sum(v) for v in right.values())
        row = [name, f"{load:.2f}", f"{statistics.median(times):.2f}", *cells]
        print("| " + " | ".join([*row, f"{total}/{len(snippets)}"]) + " |")
        for miss in wrong:
            print(f"    wrong: {miss}")


if __name__ == "__main__":
    main()
