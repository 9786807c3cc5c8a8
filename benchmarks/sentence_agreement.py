"""Do the sentences of the fast SoMaJo (``german.tokenizer``) agree with plain SoMaJo's?

    .venv/bin/python benchmarks/sentence_agreement.py \\
        --data ../shared/data/mlsum-de/dev.jsonl ../shared/data/10kgnad/dev.jsonl

Every paragraph of every article goes through ``german.sentences.split`` twice: once with
``NewsSoMaJo`` (what the Document uses) and once with plain ``SoMaJo``. Reported: sentences
that agree (same start and end offsets), token lists that agree (text, offsets, class), the
disagreements (all of them, as JSON lines with --diff), and the median milliseconds per
article of each splitter (CPU time, one process, the two in turns so load hits both alike).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path


def main() -> None:
    from somajo import SoMaJo

    from kurzgefasst.errors import KurzgefasstError
    from kurzgefasst.german import sentences
    from kurzgefasst.german.tokenizer import NewsSoMaJo
    from kurzgefasst.inputs import load_article
    from kurzgefasst.options import Options

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", nargs="+", default=["../shared/data/mlsum-de/dev.jsonl"])
    parser.add_argument("--limit", type=int, help="articles per file")
    parser.add_argument("--diff", metavar="FILE", help="write every disagreement (JSONL)")
    args = parser.parse_args()

    plain = SoMaJo("de_CMC", split_camel_case=False, character_offsets=True)
    fast = NewsSoMaJo("de_CMC", split_camel_case=False, character_offsets=True)
    options = Options()
    totals = {"articles": 0, "paragraphs": 0, "sentences_plain": 0, "sentences_fast": 0}
    same_sentences = same_tokens = 0
    times: dict[str, list[float]] = {"plain": [], "fast": []}
    diffs = []
    for path in args.data:
        lines = Path(path).read_text(encoding="utf-8").splitlines()[: args.limit]
        for number, line in enumerate(lines):
            record = json.loads(line)
            try:
                article = load_article(record["text"], options, title=record.get("title"))
            except KurzgefasstError:
                continue
            totals["articles"] += 1
            results = {}
            order = [("plain", plain), ("fast", fast)]
            for name, tokenizer in order if number % 2 else order[::-1]:
                start = time.process_time()
                results[name] = [
                    sentences.split(p.text, tokenizer=tokenizer) for p in article.paragraphs
                ]
                times[name].append((time.process_time() - start) * 1000)
            for p_index, (old, new) in enumerate(
                zip(results["plain"], results["fast"], strict=True)
            ):
                totals["paragraphs"] += 1
                totals["sentences_plain"] += len(old)
                totals["sentences_fast"] += len(new)
                old_spans = {(s[0].start, s[-1].end) for s in old}
                new_spans = {(s[0].start, s[-1].end) for s in new}
                same_sentences += len(old_spans & new_spans)
                same_tokens += sum(1 for a, b in zip(old, new, strict=False) if a == b)
                if old != new:
                    text = article.paragraphs[p_index].text
                    diffs.append({
                        "id": record.get("id"), "paragraph": p_index,
                        "plain": [text[s[0].start : s[-1].end] for s in old],
                        "fast": [text[s[0].start : s[-1].end] for s in new],
                    })  # fmt: skip
    agreement = same_sentences / max(totals["sentences_plain"], 1)
    report = {
        **totals,
        "sentences_agreeing": same_sentences,
        "sentence_agreement": round(agreement, 6),
        "sentences_with_identical_tokens": same_tokens,
        "paragraphs_differing": len(diffs),
        "median_ms_per_article": {k: round(statistics.median(v), 2) for k, v in times.items()},
        "speedup": round(statistics.median(times["plain"]) / statistics.median(times["fast"]), 2),
    }
    print(json.dumps(report, ensure_ascii=False, indent=1))
    if args.diff:
        with open(args.diff, "w", encoding="utf-8") as handle:
            for diff in diffs:
                handle.write(json.dumps(diff, ensure_ascii=False) + "\n")
    sys.exit(0 if not diffs else 1)


if __name__ == "__main__":
    main()
