"""Cold start of the CLI: `kurzgefasst summarize examples/artikel.txt`, one fresh process per run.

    .venv/bin/python benchmarks/cold_start.py --runs 10

Reports the median wall-clock time, the median CPU time (user + system) of the process, its
peak RSS and the load average before and after. On a shared machine wall-clock time grows
with the load (other processes get the cores); CPU time does not, so both are shown. The
first run goes with an empty resource cache (``KURZGEFASST_CACHE_DIR`` in a temporary
folder): what the very first call on a machine costs, when the compact copies are built.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS MB) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)  # this child's own CPU time and peak RSS
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--file", default="examples/artikel.txt")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    command = [
        sys.executable, "-c", "import sys; from kurzgefasst.cli import main; sys.exit(main())",
        "summarize", args.file,
    ]  # fmt: skip
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as empty:
        first = run_once(command, dict(os.environ, KURZGEFASST_CACHE_DIR=empty))
    env = dict(os.environ)
    run_once(command, env)  # builds the user's cache if it is not there yet
    runs = [run_once(command, env) for _ in range(args.runs)]
    load_after = os.getloadavg()[0]
    result = {
        "command": "kurzgefasst summarize " + args.file,
        "runs": args.runs,
        "wall_s_median": round(statistics.median(r[0] for r in runs), 3),
        "wall_s_min": round(min(r[0] for r in runs), 3),
        "cpu_s_median": round(statistics.median(r[1] for r in runs), 3),
        "peak_rss_mb": round(max(r[2] for r in runs), 1),
        "first_run_empty_cache": {"wall_s": round(first[0], 3), "cpu_s": round(first[1], 3)},
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "cores": os.cpu_count(),
    }
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
