"""An EvalRun → JSON report, Markdown, a terminal table and a quality-vs-speed plot."""

from __future__ import annotations

import json
import platform
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from .. import __version__
from .faithfulness import checked_rules
from .runner import EvalRun, summarize_system
from .stats import RESAMPLES, SEED, paired_bootstrap
from .systems import BASELINES

METRICS = ("rouge1", "rouge2", "rougeLsum")
SCHEMA_VERSION = 1


def compare(run: EvalRun, a: str, b: str) -> dict[str, Any]:
    """Paired bootstrap of A − B for R1, R2 and RLsum on the same articles."""
    for name in (a, b):
        if name not in run.results:
            raise KeyError(name)
    out: dict[str, Any] = {"a": a, "b": b, "n": len(run.article_ids)}
    for metric in METRICS:
        diff = paired_bootstrap(
            [r.scores[metric] for r in run.results[a]], [r.scores[metric] for r in run.results[b]]
        )
        out[metric] = diff.to_dict()
    return out


def build_report(run: EvalRun, comparisons: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    rules = checked_rules()
    systems = {name: summarize_system(rows) for name, rows in run.results.items()}
    for spec in run.specs:
        row = systems[spec.name]
        row["kind"] = spec.kind
        row["baseline"] = spec.kind in BASELINES
        row["upper_bound"] = spec.name in run.upper_bounds
        row["precomputed"] = spec.name in run.untimed
    return {
        "schema_version": SCHEMA_VERSION,
        "version": __version__,
        "data": {
            "path": run.data,
            "name": data_name(run.data),
            "offset": run.offset,
            "limit": run.limit,
            "n": len(run.article_ids),
            "skipped": [{"id": i, "reason": r} for i, r in run.skipped],
        },
        "settings": {
            "bullets": run.bullets,
            "systems": [s.name for s in run.specs],
            "rouge": "F1 x 100; Unicode word tokens, lowercased, German Snowball stemmer; "
            "lines joined with newlines",
            "speed": "articles per CPU second on one thread, raw text to bullets, scoring excluded",
            "bootstrap": {"resamples": RESAMPLES, "seed": SEED, "interval": 0.95},
            "guard_rules_checked": sorted(rules),
        },
        "systems": systems,
        "comparisons": [compare(run, a, b) for a, b in comparisons],
        "document_ms_per_article_median": (
            round(statistics.median(run.document_seconds) * 1000, 2)
            if run.document_seconds
            else None
        ),
        "peak_rss_mb": round(run.peak_rss_mb, 1),
        "elapsed_seconds": round(run.elapsed_seconds, 1),
        "python": platform.python_version(),
    }


def data_name(path: str) -> str:
    """``../shared/data/mlsum-de/dev.jsonl`` → ``mlsum-de/dev.jsonl``."""
    parts = Path(path).parts
    return "/".join(parts[-2:]) if len(parts) >= 2 else path


def write_json(report: dict[str, Any], path: str) -> None:
    text = json.dumps(report, ensure_ascii=False, indent=2)
    if path == "-":
        print(text)
    else:
        Path(path).write_text(text + "\n", encoding="utf-8")


# --- tables ---------------------------------------------------------------------------------

COLUMNS = (
    ("system", "system"),
    ("n", "n"),
    ("R1", "rouge1"),
    ("R2", "rouge2"),
    ("RLsum", "rougeLsum"),
    ("art/s", "articles_per_second"),
    ("num", "unsupported_numbers"),
    ("names", "unsupported_names"),
    ("quotes", "unsupported_quotes"),
    ("evid.", "evidence_verbatim"),
    ("dangl.", "dangling_starts"),
    ("news", "news"),
    ("first", "news_first"),
    ("ctx", "context"),
    ("redund", "redundant"),
    ("bul/art", "bullets_per_article"),
    ("chars", "chars_per_bullet"),
    (">200", "long_bullets"),
)


def _cell(report: dict[str, Any], name: str, key: str) -> str:
    row = report["systems"][name]
    if key == "system":
        marks = " (upper bound)" if row.get("upper_bound") else ""
        return name + marks
    value = row.get(key)
    rule = key.removeprefix("unsupported_")
    unchecked = rule not in report["settings"]["guard_rules_checked"]
    if key.startswith("unsupported_") and unchecked and not value:
        return "n/c"  # the guard does not check this rule yet
    if value is None:
        return "–"
    if key in ("evidence_verbatim", "long_bullets", "news", "news_first", "context", "redundant"):
        return f"{value:.0%}"
    if key in METRICS:
        return f"{value:.1f}"
    if key == "articles_per_second":
        return f"{value:.1f}" if value < 100 else f"{value:.0f}"
    if key == "bullets_per_article":
        return f"{value:.2f}"
    if key == "chars_per_bullet":
        return f"{value:.0f}"
    return str(value)


def rows(report: dict[str, Any]) -> list[list[str]]:
    return [[_cell(report, name, key) for _, key in COLUMNS] for name in report["systems"]]


def _comparison_lines(report: dict[str, Any]) -> list[str]:
    lines = []
    for c in report["comparisons"]:
        parts = [
            f"{label} {c[m]['diff']:+.2f} [{c[m]['ci_low']:+.2f}, {c[m]['ci_high']:+.2f}]"
            for label, m in zip(("R1", "R2", "RLsum"), METRICS, strict=True)
        ]
        lines.append(f"{c['a']} − {c['b']} (n={c['n']}, 95% CI): " + "; ".join(parts))
    return lines


def _llm_lines(report: dict[str, Any]) -> list[str]:
    """What became of the model's bullets, for each LLM system of the run."""
    lines = []
    for name, row in report["systems"].items():
        counts = row.get("llm_bullets")
        if counts:
            lines.append(
                f"{name}: model bullets kept as written {counts['written']}, repaired "
                f"{counts['repaired']}, replaced {counts['replaced']} "
                f"({row['llm_written_or_repaired']:.1%} written or repaired)"
            )
    return lines


def _footer(report: dict[str, Any]) -> str:
    data = report["data"]
    text = (
        f"{data['name']}: {data['n']} articles (offset {data['offset']}), "
        f"{report['settings']['bullets']} bullets; document build "
        f"{report['document_ms_per_article_median']} ms/article (in every art/s); "
        f"peak RSS {report['peak_rss_mb']:.0f} MB"
    )
    if data["skipped"]:
        text += f"; {len(data['skipped'])} skipped"
    return text


def to_markdown(report: dict[str, Any]) -> str:
    header = [label for label, _ in COLUMNS]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows(report)]
    lines += ["", _footer(report) + "."]
    lines += ["", *[f"- {line}" for line in _llm_lines(report)]] if _llm_lines(report) else []
    comparisons = _comparison_lines(report)
    if comparisons:
        lines += ["", *[f"- {line}" for line in comparisons]]
    return "\n".join(lines) + "\n"


def to_plain(report: dict[str, Any]) -> str:
    header = [label for label, _ in COLUMNS]
    table = [header, *rows(report)]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in table
    ]
    extra = [*_llm_lines(report), *_comparison_lines(report)]
    return "\n".join([*lines, _footer(report), *extra]) + "\n"


def print_table(report: dict[str, Any], stream: TextIO | None = None) -> None:
    """A rich table on a terminal, plain aligned text otherwise (logs, pipes)."""
    stream = stream or sys.stdout
    if not stream.isatty():
        stream.write(to_plain(report))
        return
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:
        stream.write(to_plain(report))
        return
    from rich.text import Text

    # Text(), never markup: a system name like "extractive[tighten=false]" is not a style tag.
    table = Table(
        title=Text(f"kurzgefasst eval — {report['data']['name']}"), caption=Text(_footer(report))
    )
    for i, (label, _) in enumerate(COLUMNS):
        table.add_column(label, justify="left" if i == 0 else "right", no_wrap=True)
    for r in rows(report):
        table.add_row(*(Text(cell) for cell in r))
    console = Console(file=stream)
    console.width = max(console.width, 132)  # wrap on a narrow terminal rather than cut cells
    console.print(table)
    for line in [*_llm_lines(report), *_comparison_lines(report)]:
        console.print(Text(line), highlight=False)


# --- plot -----------------------------------------------------------------------------------


def plot(report: dict[str, Any], path: str | Path) -> None:
    """ROUGE-1 against articles/s (log scale); the oracle as a dashed ceiling."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        from ..errors import KurzgefasstError

        raise KurzgefasstError("--plot needs matplotlib: pip install 'kurzgefasst[eval]'") from None
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    for name, row in report["systems"].items():
        if row.get("upper_bound"):
            ax.axhline(row["rouge1"], color="grey", linestyle="--", linewidth=1)
            _label(ax, f"{name} (upper bound)", row["rouge1"], "grey")
            continue
        speed = row.get("articles_per_second")
        if not speed:
            ax.axhline(row["rouge1"], color="tab:purple", linestyle=":", linewidth=1)
            _label(ax, f"{name} (precomputed, no speed)", row["rouge1"], "tab:purple")
            continue
        color = "tab:blue" if row.get("baseline") else "tab:red"
        ax.scatter(speed, row["rouge1"], s=40, color=color, zorder=3)
        ax.annotate(
            name, (speed, row["rouge1"]), textcoords="offset points", xytext=(5, 4), fontsize=8
        )
    ax.set_xscale("log")
    ax.margins(x=0.12, y=0.08)
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:g}"))
    ax.xaxis.set_minor_formatter(FuncFormatter(lambda x, _: f"{x:g}"))
    ax.tick_params(axis="x", which="minor", labelsize=7)
    ax.set_xlabel("articles per second, one core (raw text → bullets)")
    ax.set_ylabel("ROUGE-1 F1 × 100")
    data = report["data"]
    ax.set_title(
        f"{data['name']}, n={data['n']}, {report['settings']['bullets']} bullets", fontsize=10
    )
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _label(ax: Any, text: str, y: float, color: str) -> None:
    ax.annotate(
        text, (0.99, y), xycoords=("axes fraction", "data"), ha="right", va="bottom", fontsize=8,
        color=color,
    )  # fmt: skip
