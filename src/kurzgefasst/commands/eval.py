"""``kurzgefasst eval``: ROUGE, faithfulness and speed of systems side by side on a JSONL file."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

from ..errors import ConfigurationError
from ..options import DEFAULTS
from .options import model_file

HELP = """Score summarizers side by side on a JSONL file of articles with reference summaries.

Every system gets the same input (text and title → Article → Document) and the same number of
bullets. Reported per system: ROUGE-1/2/Lsum F1 × 100 (German tokens and stemmer),
faithfulness (guard problems: unsupported numbers, names, quotes …; evidence found verbatim;
dangling starts), bullet length, and articles per second on one core (raw text → bullets)."""

EXAMPLES = """systems:
  extractive, llm     product engines (bullet stage and guard included); options may be
                      overridden: extractive[tighten=false,max_chars=250], llm[engine.url=…]
  lead                the first N sentences (Lead-N)
  lexrank, textrank, lsa, luhn   sumy with German stemmer and stop words
  random              N random sentences (seed 0)
  oracle              greedy best N sentences by ROUGE against the reference (upper bound)
  det5                the file's baseline_pred_det5_base_summary (20 Minuten examples)

examples:
  kurzgefasst eval --data ../shared/data/mlsum-de/dev.jsonl --limit 300 \\
      --systems extractive,lead,lexrank,textrank,lsa,luhn,random,oracle \\
      --json report.json --markdown report.md --plot report.png
  kurzgefasst eval --data ../shared/data/mlsum-de/dev.jsonl --limit 200 \\
      --compare "extractive:extractive[tighten=false]"
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    from ..evaluation import DEFAULT_SYSTEMS

    parser = subparsers.add_parser(
        "eval", help="score systems (ROUGE, faithfulness, speed) on a JSONL file",
        description=HELP, epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument(
        "--data", metavar="FILE",
        help="JSONL file with text and summary (with --guard-labels: the data folder, "
        "default ../shared/data)",
    )  # fmt: skip
    parser.add_argument(
        "--guard-labels", metavar="FILE",
        help="instead of scoring systems: the guard's precision and recall on fact-checked "
        "bullets (tests/fixtures/guard/labels.jsonl); skips when the data is absent",
    )  # fmt: skip
    parser.add_argument(
        "--systems", metavar="LIST",
        help=f"comma-separated systems (default: {DEFAULT_SYSTEMS}; det5 if the data has it)",
    )  # fmt: skip
    parser.add_argument(
        "--compare", action="append", default=[], metavar="A:B",
        help="paired bootstrap of A − B (95%% CI, 1,000 resamples); repeatable",
    )  # fmt: skip
    parser.add_argument(
        "-n", "--bullets", type=int, default=DEFAULTS.bullets,
        help="bullets / sentences per summary (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument("--limit", type=int, help="score at most this many articles")
    parser.add_argument("--offset", type=int, default=0, help="skip this many records first")
    parser.add_argument("--json", metavar="FILE", help="write the JSON report ('-' for stdout)")
    parser.add_argument("--markdown", metavar="FILE", help="write the table as Markdown")
    parser.add_argument("--plot", metavar="FILE", help="write a PNG: ROUGE-1 against speed")
    parser.add_argument(
        "--per-article", metavar="FILE", help="write every system's bullets and scores (JSONL)"
    )
    parser.add_argument(
        "--model", metavar="FILE", type=model_file,
        help="extractive model file for the extractive (and llm) systems that name none "
        "(default: the shipped one)",
    )  # fmt: skip
    parser.add_argument("--quiet", action="store_true", help="no progress display")
    parser.set_defaults(func=run)


def split_pair(text: str) -> tuple[str, str]:
    """``a:b`` → (a, b); colons inside ``[...]`` (URLs in options) do not split."""
    depth = 0
    for i, char in enumerate(text):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == ":" and depth == 0:
            a, b = text[:i].strip(), text[i + 1 :].strip()
            if a and b:
                return a, b
    raise ConfigurationError(f"--compare {text!r}: write SYSTEM_A:SYSTEM_B")


def run(args: argparse.Namespace) -> int:
    if args.guard_labels:
        return run_guard_labels(args)
    if not args.data:
        raise ConfigurationError("--data is required: a JSONL file with text and summary")
    from ..evaluation.runner import limit_threads

    limit_threads()  # before numpy and friends are imported
    from ..evaluation.data import read_articles, resolve
    from ..evaluation.report import build_report, plot, print_table, to_markdown, write_json
    from ..evaluation.runner import evaluate, require_eval_extra
    from ..evaluation.systems import DEFAULT_SYSTEMS, DET5_FIELD, parse_spec, split_specs

    if args.limit is not None and args.limit < 1:
        raise ConfigurationError("--limit must be at least 1")
    if args.offset < 0:
        raise ConfigurationError("--offset cannot be negative")
    data = resolve(args.data)
    require_eval_extra()
    if args.plot and importlib.util.find_spec("matplotlib") is None:
        raise ConfigurationError("--plot needs matplotlib: pip install 'kurzgefasst[eval]'")
    names = split_specs(args.systems or DEFAULT_SYSTEMS)
    if not args.systems:
        first = next(read_articles(data, offset=args.offset, limit=1), None)
        if first is not None and first.extra.get(DET5_FIELD):
            names.append("det5")
    pairs = [split_pair(c) for c in args.compare]
    for pair in pairs:
        names += [name for name in pair if name not in names]
    specs = [parse_spec(name) for name in names]
    if args.model:
        specs = [_with_model(spec, args.model) for spec in specs]
    if len({s.name for s in specs}) != len(specs):
        raise ConfigurationError("a system is listed twice in --systems")

    with _Progress(enabled=not args.quiet) as progress:
        result = evaluate(
            data, specs, bullets=args.bullets, offset=args.offset, limit=args.limit,
            on_start=progress.start, on_article=progress.update,
        )  # fmt: skip
    if not result.article_ids:
        raise ConfigurationError(f"no article of {data} could be scored")
    report = build_report(result, pairs)
    if args.json:
        write_json(report, args.json)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as handle:
            handle.write(to_markdown(report))
    if args.plot:
        plot(report, args.plot)
    if args.per_article:
        _write_per_article(result, args.per_article)
    print_table(report, sys.stderr if args.json == "-" else sys.stdout)
    for article_id, reason in result.skipped:
        print(f"kurzgefasst: warning: skipped {article_id}: {reason}", file=sys.stderr)
    return 0


def _with_model(spec: Any, path: str) -> Any:
    """``--model``: the extractive model of every system that runs it and names no other."""
    from dataclasses import replace

    if spec.kind not in ("extractive", "llm") or "model_file" in spec.engine_options:
        return spec
    return replace(spec, engine_options={**spec.engine_options, "model_file": path})


def _write_per_article(result: Any, path: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for i, article_id in enumerate(result.article_ids):
            record = {
                "id": article_id,
                "systems": {n: rows[i].to_dict() for n, rows in result.results.items()},
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


class _Progress:
    """A rich progress bar on a terminal; otherwise (logs, CI) a plain line with rate and ETA
    every 10 % of the articles or every ``every`` seconds, whichever comes first."""

    def __init__(self, enabled: bool, every: float = 30.0) -> None:
        self.enabled = enabled
        self.total = 0
        self.every = every
        self._bar: Any = None
        self._task: Any = None
        self._next_line = 0
        self._started = time.monotonic()
        self._last_line = self._started

    def __enter__(self) -> _Progress:
        if self.enabled and sys.stderr.isatty():
            try:
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TimeElapsedColumn,
                    TimeRemainingColumn,
                )
            except ImportError:
                return self
            self._bar = Progress(
                "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), TimeRemainingColumn(), transient=True,
            )  # fmt: skip
            self._bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def start(self, total: int) -> None:
        self.total = total
        self._started = self._last_line = time.monotonic()
        if self._bar is not None:
            self._task = self._bar.add_task("eval", total=total)

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(self._task, completed=done)
            return
        now = time.monotonic()
        if done >= self._next_line or done == self.total or now - self._last_line >= self.every:
            print(f"eval: {self.line(done, now)}", file=sys.stderr, flush=True)
            self._next_line = done + max(1, self.total // 10)
            self._last_line = now

    def line(self, done: int, now: float) -> str:
        elapsed = now - self._started
        text = f"{done}/{self.total} articles"
        if self.total:
            text += f" ({done / self.total:.0%})"
        if done and elapsed > 0:
            rate = done / elapsed
            text += f", {rate:.2f} articles/s"
            if done < self.total:
                text += f", ETA {_duration((self.total - done) / rate)}"
        return text + f", elapsed {_duration(elapsed)}"


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


def run_guard_labels(args: argparse.Namespace) -> int:
    """The guard against blinded fact-checkers' labels; a clean skip without the shared data."""
    from ..evaluation import guard_labels
    from ..evaluation.data import default_data_dir

    data = Path(args.data) if args.data else default_data_dir()
    if not (data / guard_labels.ARTICLES).exists():
        print(f"skipped: no shared data at {data} (pass --data FOLDER)", file=sys.stderr)
        return 0
    bullets, docs = guard_labels.load_set(args.guard_labels, data)
    result = guard_labels.report(guard_labels.run_guard(bullets, docs))
    table = guard_labels.to_markdown(result)
    if not args.quiet:
        print(table)
        for error in result["errors"]:
            kind = "false alarm" if error["faithful"] else "missed"
            reason = "; ".join(error["guard"]) or error["label_problem"]
            print(f"  {kind} [{error['split']}] {error['article']} {error['source']}#"
                  f"{error['index']}: {error['text']}  ({reason})")  # fmt: skip
    if args.json:
        text = json.dumps(result, ensure_ascii=False, indent=2)
        if args.json == "-":
            print(text)
        else:
            with open(args.json, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as handle:
            handle.write(table + "\n")
    return 0
