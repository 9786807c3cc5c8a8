"""Median milliseconds per article and peak RSS per engine, one core, one process per engine.

    .venv/bin/python benchmarks/core_speed.py --data ../shared/data/mlsum-de/dev.jsonl --limit 300

Each engine runs in its own fresh process so its peak RSS is its own; the first article
(model loading) is reported separately and excluded from the median. Stage timings show
where the time goes (article parsing, SoMaJo splitting in "document", engine, guard).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def worker(data: str, limit: int, engine: str) -> dict[str, object]:
    import resource

    from kurzgefasst import Options, Summarizer

    with open(data, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle.read().splitlines()[:limit]]
    summarizer = Summarizer(Options(engine=engine))
    first_start = time.perf_counter()
    summarizer.summarize(records[0]["text"])
    first_ms = (time.perf_counter() - first_start) * 1000
    totals: list[float] = []
    stages: dict[str, list[float]] = {}
    for record in records:
        start = time.perf_counter()
        summary = summarizer.summarize(record["text"])
        totals.append((time.perf_counter() - start) * 1000)
        for stage, ms in summary.timings_ms.items():
            stages.setdefault(stage, []).append(ms)
    return {
        "engine": engine,
        "n": len(totals),
        "first_article_ms": round(first_ms, 1),
        "median_ms": round(statistics.median(totals), 2),
        "p90_ms": round(statistics.quantiles(totals, n=10)[-1], 2),
        "articles_per_second": round(len(totals) / (sum(totals) / 1000), 1),
        "median_stage_ms": {k: round(statistics.median(v), 2) for k, v in stages.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default="../shared/data/mlsum-de/dev.jsonl")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--engines", default="lead,extractive")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.data, args.limit, args.worker)))
        return
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    results = []
    for engine in args.engines.split(","):
        out = subprocess.run(
            [sys.executable, __file__, "--data", args.data, "--limit", str(args.limit), "--worker", engine],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        results.append(json.loads(out.stdout))
    base = results[0]["median_ms"]
    for result in results:
        result["ratio_to_" + results[0]["engine"]] = round(result["median_ms"] / base, 2)
        print(json.dumps(result, ensure_ascii=False))
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", file=sys.stderr)


if __name__ == "__main__":
    main()
