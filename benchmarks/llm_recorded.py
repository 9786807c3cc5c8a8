"""The LLM engine end to end on recorded answers: what becomes of a strong model's bullets?

Starts the replay server of ``llm_replay.py`` on 127.0.0.1 (in this process) and runs
``kurzgefasst eval`` with the llm engine against it, so prompt, HTTP, answer parsing, the check,
the repair request, the guard and the fallback all run for real. The eval report's line
"model bullets kept as written …, repaired …, replaced …" is the measure; ``--per-article``
keeps each box with its origins. Repair requests the recordings do not answer are appended to
``--missing`` (the bullet comes back unchanged and is replaced).

    python benchmarks/llm_recorded.py --answers ANSWERS.jsonl --data ARTICLES.jsonl \\
        --per-article per.jsonl --missing missing.jsonl [--systems extractive]

ANSWERS and ARTICLES are dev articles' recorded boxes and texts (see docs/llm.md); they stay
outside the repository.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from llm_replay import Recordings, make_server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True, help="the articles (eval JSONL)")
    parser.add_argument("--per-article", type=Path)
    parser.add_argument("--missing", type=Path)
    parser.add_argument("--systems", default="", help="more systems to compare, e.g. extractive")
    parser.add_argument("--context", type=int, default=16384, help="the model's context window")
    args = parser.parse_args(argv)
    if args.missing and args.missing.exists():
        args.missing.unlink()
    recordings = Recordings.load(args.answers, args.missing)
    server = make_server(recordings)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    systems = f"llm[engine.url={url},engine.context={args.context}]"
    if args.systems:
        systems += "," + args.systems
    command = [sys.executable, "-m", "kurzgefasst.cli", "eval", "--data", str(args.data)]
    command += ["--systems", systems, "--quiet"]
    if args.per_article:
        command += ["--per-article", str(args.per_article)]
    try:
        return subprocess.run(command, check=False).returncode
    finally:
        server.shutdown()
        server.server_close()
        print(f"replay server answered {recordings.served} requests", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
