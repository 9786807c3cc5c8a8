"""The guard measured against fact-checkers: precision and recall on labelled bullets.

A labelled bullet is a bullet somebody wrote for a real article (a newsroom's box, deT5's
output, a bullet written by hand to probe one kind of error) with the verdict of blinded
fact-checkers (supported, quotes verbatim, attribution kept). Bullets of the data file are
stored as references (article id, which box, bullet index), never as copies: the texts belong
to their publishers and are read from ``../shared/data`` at run time.

Each bullet is checked as the LLM engine's bullets are: ``guard.check(text, doc)`` without
sentence ids, so the guard finds its own evidence. "Positive" means "the guard rejects it";
a faithful bullet that the guard rejects is a false alarm.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import guard
from ..document import Document, build_document
from ..inputs import load_article
from ..options import Options
from .data import DataError, read_articles

#: Where each kind of stored bullet takes its text from: the data file's human box, its deT5
#: box, the label file itself (hand-written), or the hand-made boxes file.
SOURCES = ("human", "det5", "hand", "box")
DET5_FIELD = "baseline_pred_det5_base_summary"
#: Default article file of a label, and the file that holds the "box" bullets (both under the
#: data folder).
ARTICLES = "20min/examples.jsonl"
BOXES = "boxes/html_constrained.jsonl"


@dataclass(frozen=True)
class LabelledBullet:
    article: str
    source: str  # human | det5 | hand
    index: int
    text: str
    faithful: bool
    split: str  # tune | heldout
    kind: str = ""  # what a hand-written bullet probes ("number-referent", "fused", …)
    problem: str = ""  # the checkers' (or the settling reader's) reason when not faithful


@dataclass
class Outcome:
    bullet: LabelledBullet
    rules: tuple[str, ...]
    problems: tuple[str, ...]
    ms: float

    @property
    def rejected(self) -> bool:
        return bool(self.rules)


@dataclass
class Confusion:
    caught: int = 0  # bad, rejected
    missed: int = 0  # bad, passed
    false_alarms: int = 0  # faithful, rejected
    passed: int = 0  # faithful, passed
    rules: Counter[str] = field(default_factory=Counter)  # false alarms by rule
    rule_hits: Counter[str] = field(default_factory=Counter)  # catches by rule

    def add(self, outcome: Outcome) -> None:
        if outcome.bullet.faithful:
            if outcome.rejected:
                self.false_alarms += 1
                self.rules.update(outcome.rules)
            else:
                self.passed += 1
        elif outcome.rejected:
            self.caught += 1
            self.rule_hits.update(outcome.rules)
        else:
            self.missed += 1

    @property
    def recall(self) -> float:
        bad = self.caught + self.missed
        return self.caught / bad if bad else 0.0

    @property
    def precision(self) -> float:
        flagged = self.caught + self.false_alarms
        return self.caught / flagged if flagged else 0.0

    @property
    def false_alarm_rate(self) -> float:
        good = self.false_alarms + self.passed
        return self.false_alarms / good if good else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "bad": self.caught + self.missed,
            "faithful": self.false_alarms + self.passed,
            "caught": self.caught,
            "missed": self.missed,
            "false_alarms": self.false_alarms,
            "passed": self.passed,
            "recall": round(self.recall, 3),
            "precision": round(self.precision, 3),
            "false_alarm_rate": round(self.false_alarm_rate, 3),
            "false_alarms_by_rule": dict(self.rules),
            "catches_by_rule": dict(self.rule_hits),
        }


def read_labels(path: str | Path) -> list[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _det5_bullets(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value or "").split("•") if part.strip()]


def load_set(
    labels_path: str | Path, data_dir: str | Path
) -> tuple[list[LabelledBullet], dict[str, Document]]:
    """The labelled bullets with their texts, and one Document per article they refer to.

    The article is its title, lead and body, as the fact-checkers read it. ``data_dir`` is the
    shared data folder; each label names its article file (``data``, default 20min).
    """
    data_dir = Path(data_dir)
    records = read_labels(labels_path)
    articles: dict[str, Any] = {}
    for name in sorted({r.get("data", ARTICLES) for r in records}):
        wanted = {r["article"] for r in records if r.get("data", ARTICLES) == name}
        articles.update({a.id: a for a in read_articles(data_dir / name) if a.id in wanted})
    missing = {r["article"] for r in records} - set(articles)
    if missing:
        raise DataError(f"{data_dir} lacks the labelled articles {sorted(missing)[:3]}")
    boxes: dict[str, list[str]] = {}
    if any(r["source"] == "box" for r in records):
        with (data_dir / BOXES).open(encoding="utf-8") as handle:
            for line in handle:
                box = json.loads(line)
                boxes[box["id"]] = [b["text"] for b in box["bullets"]]
    options = Options(check_language=False)
    docs: dict[str, Document] = {}
    for article_id, article in articles.items():
        lead = str(article.extra.get("lead") or "").strip()
        text = f"{lead}\n\n{article.text}" if lead else article.text
        docs[article_id] = build_document(load_article(text, options, title=article.title))
    bullets = []
    for record in records:
        article = articles[record["article"]]
        source, index = record["source"], int(record["index"])
        if source == "human":
            text = article.reference[index]
        elif source == "det5":
            text = _det5_bullets(article.extra.get(DET5_FIELD))[index]
        elif source == "hand":
            text = record["text"]
        elif source == "box":
            text = boxes[record["article"]][index]
        else:
            raise DataError(f"{labels_path}: unknown bullet source {source!r}")
        bullets.append(
            LabelledBullet(
                article=record["article"],
                source=source,
                index=index,
                text=" ".join(text.split()),
                faithful=bool(record["faithful"]),
                split=record.get("split", "tune"),
                kind=record.get("kind", ""),
                problem=record.get("problem", ""),
            )
        )
    return bullets, docs


def run_guard(bullets: Iterable[LabelledBullet], docs: dict[str, Document]) -> list[Outcome]:
    outcomes = []
    for bullet in bullets:
        started = time.perf_counter()
        verdict = guard.check(bullet.text, docs[bullet.article])
        ms = (time.perf_counter() - started) * 1000
        outcomes.append(
            Outcome(
                bullet,
                tuple(sorted(verdict.rules())),
                tuple(str(p) for p in verdict.problems),
                ms,
            )
        )
    return outcomes


def report(outcomes: list[Outcome]) -> dict[str, Any]:
    """Confusion per split, per bullet source and overall; median guard time per bullet."""
    groups: dict[str, Confusion] = {}
    for outcome in outcomes:
        for name in ("all", f"split:{outcome.bullet.split}", f"source:{outcome.bullet.source}"):
            groups.setdefault(name, Confusion()).add(outcome)
    return {
        "bullets": len(outcomes),
        "median_ms": round(statistics.median(o.ms for o in outcomes), 2) if outcomes else 0.0,
        "groups": {name: c.as_dict() for name, c in sorted(groups.items())},
        "errors": [
            {
                "article": o.bullet.article,
                "source": o.bullet.source,
                "index": o.bullet.index,
                "split": o.bullet.split,
                "faithful": o.bullet.faithful,
                "text": o.bullet.text,
                "guard": list(o.problems),
                "label_problem": o.bullet.problem,
            }
            for o in outcomes
            if o.rejected == o.bullet.faithful
        ],
    }


def to_markdown(result: dict[str, Any]) -> str:
    lines = [
        "| set | bad | caught | missed | faithful | false alarms | recall | precision "
        "| faithful rejected |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, c in result["groups"].items():
        lines.append(
            f"| {name} | {c['bad']} | {c['caught']} | {c['missed']} | {c['faithful']} "
            f"| {c['false_alarms']} | {c['recall']:.2f} | {c['precision']:.2f} "
            f"| {100 * c['false_alarm_rate']:.0f} % |"
        )
    lines.append("")
    lines.append(f"guard time per bullet, median: {result['median_ms']:.2f} ms")
    return "\n".join(lines)
