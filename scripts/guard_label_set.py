"""Build the guard's labelled set: a blinded fact-checking packet, then the labels from it.

    python scripts/guard_label_set.py packet --data ../shared/data --out $J
        → $J/packet.md (articles + shuffled, unmarked statements) and $J/key.json (kept apart)
    python scripts/guard_label_set.py merge --key $J/key.json --checker $J/checker1.jsonl \\
        --checker $J/checker2.jsonl [--settle settle.json] --out tests/fixtures/guard/labels.jsonl

The statements are every bullet of the human boxes and of the deT5 boxes of
``20min/examples.jsonl`` and the hand-written bullets of tests/fixtures/guard/hand_bullets.tsv
(article id, what the bullet probes, text). The checkers (brief: ../shared/judging/factcheck.md)
are not told who wrote which statement nor what it probes. A bullet is faithful when supported,
quote_ok and attribution_ok are all true; where the two checkers disagree, ``--settle`` (a JSON
object "ARTICLE_ID source#index" → {"faithful": bool, "problem": str}) holds the verdict of a
reader of the article. Data bullets are stored as references (article id, source, index), never
as text. Articles are split by position in the file: even ones tune, odd ones held out.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

HAND = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "guard" / "hand_bullets.tsv"
DET5_FIELD = "baseline_pred_det5_base_summary"


def _statements(record: dict, hand: list[tuple[str, str]]) -> list[dict]:
    items = [{"source": "human", "index": i, "text": b} for i, b in enumerate(record["summary"])]
    det5 = [p.strip() for p in str(record.get(DET5_FIELD, "")).split("•") if p.strip()]
    items += [{"source": "det5", "index": i, "text": b} for i, b in enumerate(det5)]
    items += [
        {"source": "hand", "index": i, "text": text, "kind": kind}
        for i, (kind, text) in enumerate(hand)
    ]
    unique: dict[str, dict] = {}
    for item in items:
        key = " ".join(item["text"].split())
        if key in unique:
            unique[key].setdefault("also", []).append([item["source"], item["index"]])
        else:
            unique[key] = item
    return list(unique.values())


def packet(args: argparse.Namespace) -> None:
    source = Path(args.data) / "20min" / "examples.jsonl"
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    hand: dict[str, list[tuple[str, str]]] = {}
    for line in HAND.read_text(encoding="utf-8").splitlines():
        article, kind, text = line.rstrip("\n").split("\t")
        hand.setdefault(article, []).append((kind, text))
    rng = random.Random(15)
    out, key = [], []
    for number, record in enumerate(records, 1):
        items = _statements(record, hand.get(record["id"], []))
        rng.shuffle(items)
        out.append(
            f"## Article {number}\n\n# {record['title']}\n\n{record.get('lead', '')}\n\n"
            f"{record['text'].strip()}\n\n### Statements\n"
        )
        for s, item in enumerate(items, 1):
            out.append(f"{number}.{s} {' '.join(item['text'].split())}")
            key.append({"article": number, "statement": s, "id": record["id"], **item})
        out.append("\n")
    target = Path(args.out)
    target.mkdir(parents=True, exist_ok=True)
    (target / "packet.md").write_text("\n".join(out), encoding="utf-8")
    (target / "key.json").write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    print(f"{len(key)} statements in {target / 'packet.md'}")


def _verdicts(path: str) -> dict[tuple[int, int], dict]:
    found = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            found[(int(row["article"]), int(row["statement"]))] = row
    return found


def _faithful(row: dict) -> bool:
    return bool(row["supported"] and row["quote_ok"] and row["attribution_ok"])


def merge(args: argparse.Namespace) -> None:
    key = json.loads(Path(args.key).read_text(encoding="utf-8"))
    checkers = [_verdicts(p) for p in args.checker]
    settle = json.loads(Path(args.settle).read_text(encoding="utf-8")) if args.settle else {}
    order = list(dict.fromkeys(k["id"] for k in key))
    lines, open_questions = [], []
    for item in key:
        rows = [c.get((item["article"], item["statement"])) for c in checkers]
        if any(r is None for r in rows):
            raise SystemExit(f"a checker skipped statement {item['article']}.{item['statement']}")
        votes = [_faithful(r) for r in rows]
        name = f"{item['id']} {item['source']}#{item['index']}"
        problem = next((r["problem"] for r in rows if r["problem"]), "")
        if len(set(votes)) == 1:
            faithful, settled = votes[0], ""
        elif name in settle:
            faithful, problem = settle[name]["faithful"], settle[name].get("problem", problem)
            settled = "settled by reading the article"
        else:
            open_questions.append(f"{name}: {item['text']} | " + " / ".join(
                r["problem"] or "ok" for r in rows))  # fmt: skip
            continue
        pairs = [[item["source"], item["index"]], *item.get("also", [])]
        for source, index in pairs:
            label = {
                "article": item["id"],
                "source": source,
                "index": index,
                "split": "tune" if order.index(item["id"]) % 2 == 0 else "heldout",
                "faithful": faithful,
                "checkers": votes,
                "problem": "" if faithful else problem,
            }
            if source == "hand":
                label |= {"text": item["text"], "kind": item.get("kind", "")}
            if settled:
                label["settled"] = settled
            lines.append(json.dumps(label, ensure_ascii=False))
    if open_questions:
        print("disagreements to settle (add them to --settle):")
        print("\n".join(open_questions))
        raise SystemExit(1)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    agree = sum(
        1
        for item in key
        if len({_faithful(c[(item["article"], item["statement"])]) for c in checkers}) == 1
    )
    print(f"{len(lines)} labels → {args.out}; checkers agreed on {agree} of {len(key)} statements")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(required=True)
    p = sub.add_parser("packet")
    p.add_argument("--data", default="../shared/data")
    p.add_argument("--out", required=True)
    p.set_defaults(func=packet)
    m = sub.add_parser("merge")
    m.add_argument("--key", required=True)
    m.add_argument("--checker", action="append", required=True)
    m.add_argument("--settle")
    m.add_argument("--out", required=True)
    m.set_defaults(func=merge)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
