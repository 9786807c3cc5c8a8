"""Did a change alter any bullet? Compare two ``kurzgefasst eval --per-article`` files.

    kurzgefasst eval --data ../shared/data/mlsum-de/dev.jsonl --systems extractive \\
        --per-article before.jsonl --quiet          # on main
    ...                                             # the same on your branch → after.jsonl
    python scripts/diff_per_article.py before.jsonl after.jsonl

Prints every article whose bullets differ (per system) and exits 1 if any do; timings and
scores are ignored. Exit 0 means every bullet of every system is identical.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

Bullets = dict[str, dict[str, list[str] | None]]


def load(path: Path) -> Bullets:
    """article id → system → bullets (None when the system failed on the article)."""
    out: Bullets = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            out[record["id"]] = {
                name: row.get("bullets") for name, row in record["systems"].items()
            }
    return out


def differences(before: Bullets, after: Bullets) -> list[str]:
    lines: list[str] = []
    for article in sorted(before.keys() | after.keys()):
        old, new = before.get(article), after.get(article)
        if old is None or new is None:
            lines.append(f"{article}: only in {'after' if old is None else 'before'}")
            continue
        for system in sorted(old.keys() | new.keys()):
            if old.get(system) != new.get(system):
                lines.append(f"{article} [{system}]")
                lines.append(f"  - {old.get(system)}")
                lines.append(f"  + {new.get(system)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    before, after = load(args.before), load(args.after)
    lines = differences(before, after)
    print("\n".join(lines) if lines else f"identical: {len(before)} articles")
    changed = sum(1 for line in lines if not line.startswith("  "))
    if lines:
        print(f"{changed} of {len(before)} articles differ", file=sys.stderr)
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
