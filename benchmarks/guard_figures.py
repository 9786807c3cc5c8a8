"""Faithfulness and readability figures of the bullet stage and the guard, per system.

Usage (from the repo root, data in ../shared/data):

    .venv/bin/python benchmarks/guard_figures.py --limit 300 \
        --systems "extractive,extractive[tighten=false]"

For every system and data set: bullets whose numbers, names or quotes the guard cannot find in
the article, bullets that drop the source of their evidence (attribution), bullets that start
with an unresolved pronoun or connective (``german.anaphora.dangling_start``), median bullet
length, share of bullets over 200 characters, ROUGE against the reference, seconds per article.
``kurzgefasst eval`` reports the same guard figures; this script exists to measure the bullet
stage alone, quickly.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from kurzgefasst import Options, Summarizer
from kurzgefasst.document import build_document
from kurzgefasst.errors import KurzgefasstError
from kurzgefasst.evaluation.rouge import rouge
from kurzgefasst.german.anaphora import dangling_start
from kurzgefasst.guard import check
from kurzgefasst.inputs import load_article

DATASETS = ("mlsum-de/dev.jsonl", "10kgnad/dev.jsonl", "20min/examples.jsonl")
RULES = ("numbers", "names", "quotes", "attribution", "evidence")


def parse_system(spec: str) -> tuple[str, Options]:
    """'extractive[tighten=false,max_chars=180]' → ('extractive', Options(...))."""
    name, _, rest = spec.partition("[")
    overrides: dict[str, object] = {}
    for item in filter(None, rest.rstrip("]").split(",")):
        key, _, value = item.partition("=")
        lowered = value.strip().lower()
        parsed: object = (
            lowered == "true"
            if lowered in ("true", "false")
            else int(lowered)
            if lowered.isdigit()
            else value
        )
        overrides[key.strip()] = parsed
    return spec, Options(engine=name.strip(), check_language=False, **overrides)


def data_dir(given: str | None) -> Path:
    here = Path(__file__).resolve().parent.parent
    for candidate in (given, os.environ.get("KURZGEFASST_DATA"), here.parent / "shared" / "data"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    sys.exit("no data: pass --data or set KURZGEFASST_DATA")


def run(path: Path, limit: int, systems: list[tuple[str, Options]], show: int) -> dict[str, dict]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            records.append(json.loads(line))
            if len(records) == limit:
                break
    summarizer = Summarizer()
    results: dict[str, dict] = {}
    for label, options in systems:
        problems: Counter[str] = Counter()
        dangling = 0
        lengths: list[int] = []
        scores: list[dict[str, float]] = []
        warnings: Counter[str] = Counter()
        seconds = 0.0
        shown = 0
        for record in records:
            article = load_article(record["text"], options, title=record.get("title") or None)
            doc = build_document(article)
            start = time.perf_counter()
            try:
                summary = summarizer.summarize_document(doc, options)
            except KurzgefasstError as exc:
                warnings[f"error: {exc}"] += 1
                continue
            seconds += time.perf_counter() - start
            texts = [b.text for b in summary.bullets]
            for bullet in summary.bullets:
                lengths.append(len(bullet.text))
                verdict = check(bullet.text, doc)
                for problem in verdict.problems:
                    problems[problem.rule] += 1
                    if shown < show:
                        shown += 1
                        print(f"  [{label}] {problem}: {bullet.text}", file=sys.stderr)
                if dangling_start(bullet.text):
                    dangling += 1
                    if shown < show:
                        shown += 1
                        print(f"  [{label}] dangling: {bullet.text}", file=sys.stderr)
            for warning in summary.warnings:
                warnings[warning.split("(")[0].split(":")[0].strip()] += 1
            reference = record["summary"]
            scores.append(rouge(texts, reference if isinstance(reference, list) else [reference]))
        n_bullets = len(lengths)
        results[label] = {
            "articles": len(scores),
            "bullets": n_bullets,
            **{f"unsupported_{rule}": problems[rule] for rule in RULES},
            "dangling_start": dangling,
            "median_chars": statistics.median(lengths) if lengths else 0,
            "share_over_200": round(sum(1 for x in lengths if x > 200) / max(n_bullets, 1), 4),
            **{
                k: round(statistics.mean(s[k] for s in scores), 2)
                for k in ("rouge1", "rouge2", "rougeLsum")
            },
            "ms_per_article": round(1000 * seconds / max(len(scores), 1), 1),
            "warnings": dict(warnings.most_common(8)),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--systems", default="extractive,extractive[tighten=false]")
    parser.add_argument("--show", type=int, default=0, help="print the first N problems")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    root = data_dir(args.data)
    specs = re.findall(r"[^,\[\]]+(?:\[[^\]]*\])?", args.systems)
    systems = [parse_system(s.strip()) for s in specs if s.strip()]
    report = {}
    for name in args.datasets.split(","):
        report[name] = run(root / name, args.limit, systems, args.show)
        for label, figures in report[name].items():
            print(name, label, json.dumps(figures, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(
            json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
