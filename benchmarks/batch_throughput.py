"""Batch throughput: articles/s and peak memory per worker for --workers 1, --workers 2 and
--ray local, run back to back on the same articles so the ratios are comparable.

    python benchmarks/batch_throughput.py                    # first 1,000 of mlsum-de/train
    python benchmarks/batch_throughput.py -n 200 --configs w1 w2

The data is read from ../shared/data (or --data, or $KURZGEFASST_DATA) and copied only to a
temporary folder. The machine load (1-minute load average) is printed next to every run: on a
shared machine compare the ratios, not the absolute figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONFIGS: dict[str, list[str]] = {
    "w1": ["--workers", "1"],
    "w2": ["--workers", "2"],
    "ray": ["--ray", "local", "--workers", "2"],
}
LABELS = {"w1": "--workers 1", "w2": "--workers 2", "ray": "--ray local (2 CPUs)"}


def data_dir(given: str | None) -> Path:
    path = Path(given or os.environ.get("KURZGEFASST_DATA") or REPO.parent / "shared" / "data")
    if not (path / "mlsum-de" / "train.jsonl").exists():
        sys.exit(f"no mlsum-de/train.jsonl under {path} (use --data)")
    return path


def run(config: str, source: Path, work: Path) -> dict:
    out, stats = work / f"{config}.jsonl", work / f"{config}.stats.json"
    for path in (out, stats, out.with_name(out.name + ".job.sqlite")):
        path.unlink(missing_ok=True)
    command = [sys.executable, "-m", "kurzgefasst.cli", "batch", str(source), "-o", str(out)]
    command += [*CONFIGS[config], "--progress", "none", "--stats", str(stats)]
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{config} failed:\n{done.stderr.decode()}")
    tally = json.loads(stats.read_text())
    return {
        "config": config,
        "wall_s": round(wall, 1),
        "articles_per_s_wall": round(tally["processed"] / wall, 2),
        "articles_per_s_steady": tally["steady_articles_per_second"],
        "ok": tally["ok"],
        "errors": tally["errors"],
        "workers_seen": len(tally["peak_rss_mb_per_worker"]),
        "max_worker_rss_mb": tally["max_worker_rss_mb"],
        "main_rss_mb": tally["main_rss_mb"],
        "cpu_ms_per_article": tally["worker_cpu_ms_per_article"],
        # Cores the workers actually got: on a busy shared machine far fewer than --workers.
        "cores_used": round(
            tally["worker_cpu_ms_per_article"] * tally["processed"] / 1000 / wall, 2
        ),
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", help="folder with mlsum-de/train.jsonl (default: ../shared/data)")
    parser.add_argument("-n", type=int, default=1000, help="articles (default: 1000)")
    parser.add_argument(
        "--configs", nargs="+", choices=sorted(CONFIGS), default=["w1", "w2", "ray"]
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kurzgefasst-bench-") as tmp:
        work = Path(tmp)
        source = work / "articles.jsonl"
        with (data_dir(args.data) / "mlsum-de" / "train.jsonl").open(encoding="utf-8") as f:
            lines = [line for _, line in zip(range(args.n), f, strict=False)]
        source.write_text("".join(lines), encoding="utf-8")
        print(f"{len(lines)} articles of mlsum-de/train.jsonl; {os.cpu_count()} CPUs")
        print(
            f"uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}"
        )
        results = [run(config, source, work) for config in args.configs]

    base = next((r for r in results if r["config"] == "w1"), results[0])
    print()
    print(
        "| run | wall s | articles/s (wall) | articles/s (steady) | × --workers 1 "
        "| worker CPU ms/article | cores used | peak RSS/worker MB | main MB "
        "| load 1 min before → after |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        ratio = r["articles_per_s_wall"] / base["articles_per_s_wall"]
        print(
            f"| {LABELS[r['config']]} | {r['wall_s']} | {r['articles_per_s_wall']} | "
            f"{r['articles_per_s_steady']} | {ratio:.2f} | {r['cpu_ms_per_article']} | "
            f"{r['cores_used']} | "
            f"{r['max_worker_rss_mb']:.0f} "
            f"({r['workers_seen']} workers) | {r['main_rss_mb']:.0f} | "
            f"{r['load_before']} → {r['load_after']} |"
        )
    print(f"\nok/errors per run: {[(r['config'], r['ok'], r['errors']) for r in results]}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
