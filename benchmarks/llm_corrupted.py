"""Are bad model bullets still caught on the LLM road? Recorded answers, deliberately corrupted.

Each recorded bullet is corrupted in the ways the guard must catch — a number changed, a source
dropped ("laut X", "sagte X" removed), a name replaced by a name the article lacks — and the
corrupted box is replayed through the real HTTP path (``llm_replay``). The "model" insists on
its corruption in the repair round (the repair request gets the same bullet back), so what
reaches the box shows whether the guard caught it. Reports per kind: corrupted bullets, how many
reached the reader (must be 0), how many were replaced.

    python benchmarks/llm_corrupted.py --answers answers.jsonl --data articles.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import threading
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from llm_replay import Recordings, make_server

from kurzgefasst import Options, Summarizer
from kurzgefasst.errors import KurzgefasstError

_NUMBER_RE = re.compile(r"(?<![\d.,])(\d{2,})(?![\d.,]\d)")
_SOURCE_RE = re.compile(
    r"^(?:Laut|Nach Angaben|Nach Informationen)\s+(?:(?:de[rsm]|eine[mr]|seine[mr]|ihre[mr])\s+)?"
    r"(?:[\w.-]+\s+){1,4}?(?=[a-zäöüß]+\s)|,?\s+(?:laut|sagte|teilte)\s+"
    r"(?:(?:de[rsm]|seine[mr]|ihre[mr])\s+)?"
    r"(?:[A-ZÄÖÜ][\w.-]+\s*){1,3}(?=[\s.,;])"
)
_NAME_RE = re.compile(r"\b([A-ZÄÖÜ][a-zäöüß]{3,})\s+([A-ZÄÖÜ][a-zäöüß]{3,})\b")


def corrupt_number(text: str) -> str | None:
    match = _NUMBER_RE.search(text)
    if not match:
        return None
    value = int(match.group(1))
    return text[: match.start()] + str(value + 7) + text[match.end() :]


def drop_source(text: str) -> str | None:
    match = _SOURCE_RE.search(text)
    if not match:
        return None
    rest = (text[: match.start()] + text[match.end() :]).strip()
    return rest[:1].upper() + rest[1:] if rest else None


def foreign_name(text: str) -> str | None:
    match = _NAME_RE.search(text)
    if not match or match.start() == 0:
        return None  # the first word is capitalised anyway: not sure it is a name
    return text[: match.start()] + "Hendrik Vollmann" + text[match.end() :]


KINDS = {"numbers": corrupt_number, "attribution": drop_source, "names": foreign_name}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--show", action="store_true", help="print every corrupted bullet")
    args = parser.parse_args(argv)
    answers = [json.loads(line) for line in args.answers.open(encoding="utf-8") if line.strip()]
    articles = {
        row["id"]: row for row in map(json.loads, args.data.open(encoding="utf-8")) if row.get("id")
    }
    summarizer = Summarizer()
    totals: Counter[str] = Counter()
    for kind, corrupt in KINDS.items():
        for row in answers:
            bullets = [line[2:] for line in row["answer"].splitlines() if line.startswith("- ")]
            for slot, bullet in enumerate(bullets):
                bad = corrupt(bullet)
                if bad is None or bad == bullet:
                    continue
                box = list(bullets)
                box[slot] = bad
                recorded = {**row, "answer": "\n".join(f"- {b}" for b in box), "repairs": {}}
                server = make_server(Recordings([recorded]))
                threading.Thread(target=server.serve_forever, daemon=True).start()
                url = f"http://127.0.0.1:{server.server_address[1]}/v1"
                options = Options(engine="llm", engine_options={"url": url, "context": 16384})
                article = articles[row["id"]]
                try:
                    summary = summarizer.summarize(
                        article["text"], title=article.get("title"), options=options
                    )
                    shown = bad in summary.texts
                except KurzgefasstError:
                    shown = False
                finally:
                    server.shutdown()
                    server.server_close()
                totals[f"{kind} corrupted"] += 1
                totals[f"{kind} shown"] += shown
                if args.show or shown:
                    print(f"{'SHOWN ' if shown else 'caught'} {kind}: {bad}")
    for kind in KINDS:
        print(
            f"{kind}: {totals[f'{kind} corrupted']} corrupted bullets, "
            f"{totals[f'{kind} shown']} reached the reader"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
