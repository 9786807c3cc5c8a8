"""Evaluation data: JSONL files with ``id``, ``text``, ``title`` and ``summary``.

The data lives outside the repository (``../shared/data`` or ``$KURZGEFASST_DATA``) because the
texts belong to their publishers; this module only reads it by path.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import KurzgefasstError

#: Environment variable that points to the data folder (the one holding ``mlsum-de/`` …).
DATA_ENV = "KURZGEFASST_DATA"


class DataError(KurzgefasstError):
    """The evaluation data is missing or malformed."""

    code = "bad_data"


@dataclass
class EvalArticle:
    id: str
    text: str
    title: str | None
    #: Reference summary as lines (bullets, or a teaser as one line).
    reference: list[str]
    #: Every other field of the record (e.g. ``baseline_pred_det5_base_summary``).
    extra: dict[str, Any] = field(default_factory=dict)


def default_data_dir(repo_root: Path | None = None) -> Path:
    """``$KURZGEFASST_DATA`` or ``../shared/data`` next to the repository."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    root = repo_root or Path(__file__).resolve().parents[3]
    return root.parent / "shared" / "data"


def resolve(path: str | Path) -> Path:
    """A data file path; relative names that do not exist are tried under the data folder."""
    candidate = Path(path)
    if candidate.exists():
        return candidate
    if not candidate.is_absolute():
        under = default_data_dir() / candidate
        if under.exists():
            return under
    raise DataError(
        f"no evaluation data at {path}: pass --data with a JSONL file such as "
        f"../shared/data/mlsum-de/dev.jsonl (or set {DATA_ENV} to the data folder)"
    )


def _reference_lines(summary: Any) -> list[str]:
    """A list of bullets stays a list; a teaser string stays one line.

    Splitting a teaser into sentences would raise ROUGE-Lsum by about one point against the
    reference figures of the data README, which score it as one line.
    """
    if isinstance(summary, list):
        return [str(s).strip() for s in summary if str(s).strip()]
    text = " ".join(str(summary or "").split())
    return [text] if text else []


def read_articles(
    path: str | Path, *, offset: int = 0, limit: int | None = None
) -> Iterator[EvalArticle]:
    """Records ``offset`` … ``offset + limit`` of a JSONL file, in file order."""
    resolved = resolve(path)
    if resolved.is_dir():
        raise DataError(
            f"{resolved} is a folder; pass one JSONL file (e.g. {resolved}/mlsum-de/dev.jsonl)"
        )
    taken = 0
    with resolved.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number < offset:
                continue
            if limit is not None and taken >= limit:
                break
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{resolved}:{number + 1}: not JSON ({exc.msg})") from None
            if not isinstance(record, dict) or "text" not in record or "summary" not in record:
                raise DataError(f"{resolved}:{number + 1}: a record needs 'text' and 'summary'")
            extra = {k: v for k, v in record.items() if k not in ("id", "text", "title", "summary")}
            yield EvalArticle(
                id=str(record.get("id") or f"line-{number + 1}"),
                text=record["text"],
                title=record.get("title") or None,
                reference=_reference_lines(record["summary"]),
                extra=extra,
            )
            taken += 1
