"""Is the default engine as fast as LexRank? One ``kurzgefasst eval`` run, ratios per article.

    .venv/bin/python benchmarks/speed_vs_lexrank.py --data ../shared/data/mlsum-de/dev.jsonl

Runs ``kurzgefasst eval`` once for extractive, lead and lexrank on the first 300 articles (CPU
time of one thread; the shared Document build is in every system's figure, as eval reports it)
and prints for each system the median ms/article, its own part (without the Document build)
and the ratio to LexRank. Peak RSS comes from a separate eval process per system (the combined
run's peak belongs to all three). The load average at the start and end is printed too: the
CPU-time figures hold up under load, wall-clock ones would not.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SYSTEMS = ("extractive", "lead", "lexrank")


def eval_run(data: str, limit: int, systems: str, out: Path) -> dict:
    command = [
        sys.executable, "-c", "import sys; from kurzgefasst.cli import main; sys.exit(main())",
        "eval", "--data", data, "--limit", str(limit), "--systems", systems,
        "--json", str(out), "--quiet",
    ]  # fmt: skip
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default="../shared/data/mlsum-de/dev.jsonl")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--no-rss", action="store_true", help="skip the per-system RSS runs")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()

    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        report = eval_run(args.data, args.limit, ",".join(SYSTEMS), Path(tmp) / "all.json")
        rss = {}
        if not args.no_rss:
            for system in SYSTEMS:
                alone = eval_run(args.data, args.limit, system, Path(tmp) / f"{system}.json")
                rss[system] = alone["peak_rss_mb"]
    load_end = os.getloadavg()[0]

    figures = report["systems"]
    lexrank = figures["lexrank"]["ms_per_article_median"]
    result = {
        "data": report["data"]["name"],
        "n": report["data"]["n"],
        "document_ms_per_article_median": report["document_ms_per_article_median"],
        "peak_rss_mb_all_three": report["peak_rss_mb"],
        "load_average": [round(load_start, 2), round(load_end, 2)],
        "cores": os.cpu_count(),
        "systems": {
            name: {
                "ms_per_article_median": figures[name]["ms_per_article_median"],
                "system_ms_per_article_median": figures[name]["system_ms_per_article_median"],
                "ratio_to_lexrank": round(figures[name]["ms_per_article_median"] / lexrank, 2),
                "peak_rss_mb": rss.get(name),
            }
            for name in SYSTEMS
        },
    }
    print(f"{result['data']}: {result['n']} articles, CPU time of one thread per article")
    print(f"{'system':<11} {'ms/article':>10} {'own ms':>7} {'× LexRank':>9} {'peak RSS':>9}")
    for name, row in result["systems"].items():
        memory = f"{row['peak_rss_mb']:.0f} MB" if row["peak_rss_mb"] is not None else "–"
        print(
            f"{name:<11} {row['ms_per_article_median']:>10.2f} "
            f"{row['system_ms_per_article_median']:>7.2f} {row['ratio_to_lexrank']:>9.2f} "
            f"{memory:>9}"
        )
    print(
        f"document build {result['document_ms_per_article_median']:.2f} ms/article (in every "
        f"figure); load average {load_start:.2f} → {load_end:.2f} on {os.cpu_count()} cores"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
