"""``kurzgefasst train``: fit the extractive engine's scorers on articles with teasers.

The shipped ``models/extractive.json.gz`` is this command's output (see docs/model.md):

    kurzgefasst train --data ../shared/data/mlsum-de/train.jsonl \\
        --out src/kurzgefasst/models/extractive.json.gz

Targets, against the reference teaser and counted as ROUGE counts (German tokenizer and stemmer
of ``evaluation.rouge``): for every concept (word key) of an article, does the teaser use it;
for every sentence, how many word pairs (bigrams) it shares with the teaser, and is it in the
greedy best summary. Three LightGBM models learn them from ``concepts.concept_table`` and
``features.compute``. Everything is seeded and single-threaded, so the same data gives the
same file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigurationError, KurzgefasstError

HELP = """Train the extractive engine's scorers on a JSONL file of articles with
reference summaries (fields text, summary, optional title). Never train on a test split:
files named test*.jsonl are refused."""

#: LightGBM settings of the shipped model (chosen by cross-validation on the training split
#: and checked on the dev splits; see docs/model.md).
PARAMS: dict[str, Any] = {
    "objective": "regression",
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_data_in_leaf": 50,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "deterministic": True,
    "force_row_wise": True,
    "verbose": -1,
}
#: The concept model sees about 180 rows per article, more than the sentence models' 15.
CONCEPT_PARAMS: dict[str, Any] = dict(PARAMS, min_data_in_leaf=100, feature_fraction=0.9)
ROUNDS = 300
SEED = 7
#: Selection settings tuned on mlsum-de/dev and 10kgnad/dev through the real pipeline.
LENGTH_PENALTY = 30.0
REDUNDANCY = 1.0
MEMBERSHIP_WEIGHT = 0.5


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train", help="train the extractive engine's model", description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument("--data", required=True, metavar="FILE", help="training JSONL file")
    parser.add_argument("--out", required=True, metavar="FILE", help="model file to write")
    parser.add_argument("--limit", type=int, help="use at most this many articles")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help=f"boosting rounds ({ROUNDS})")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed ({SEED})")
    parser.add_argument(
        "--length-penalty", type=float, default=LENGTH_PENALTY,
        help=f"selection: reference words in the F1 denominator ({LENGTH_PENALTY})",
    )  # fmt: skip
    parser.add_argument(
        "--redundancy", type=float, default=REDUNDANCY,
        help=f"selection: weight of overlap between chosen sentences ({REDUNDANCY})",
    )  # fmt: skip
    parser.add_argument(
        "--membership-weight", type=float, default=MEMBERSHIP_WEIGHT,
        help=f"selection: exponent of the oracle-membership factor ({MEMBERSHIP_WEIGHT})",
    )  # fmt: skip
    parser.add_argument(
        "--cache", metavar="FILE", help="save/load the featurized data here (.npz, never commit it)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.set_defaults(func=run)


# --- targets -------------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    from ..evaluation.rouge import GermanTokenizer

    return GermanTokenizer(stem=True).tokenize(text)


def _grams(tokens: Sequence[str]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    return Counter(tokens), Counter(pairwise(tokens))


def bigram_targets(sentences: Sequence[str], reference: Sequence[str]) -> np.ndarray:
    """Per sentence: bigrams shared with the reference (clipped counts, as ROUGE-2)."""
    _, ref_bi = _grams(_tokens("\n".join(reference)))
    shared = [sum((_grams(_tokens(text))[1] & ref_bi).values()) for text in sentences]
    return np.array(shared, dtype=np.float64)


def _f1(overlap: int, predicted: int, wanted: int) -> float:
    if not overlap:
        return 0.0
    precision, recall = overlap / predicted, overlap / wanted
    return 200 * precision * recall / (precision + recall)


def oracle_labels(sentences: Sequence[str], reference: Sequence[str], size: int = 3) -> np.ndarray:
    """1 for the sentences of the greedy best summary (ROUGE-1 + ROUGE-2 F1), else 0.

    Like the ``oracle`` system of ``kurzgefasst eval``: add the sentence that raises the score
    most, until ``size`` sentences or no sentence helps.
    """
    tokens = [_tokens(text) for text in sentences]
    ref = _tokens("\n".join(reference))
    ref_uni, ref_bi = _grams(ref)
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < size:
        top, top_index = best, -1
        for i in range(len(tokens)):
            if i in chosen:
                continue
            joined = [t for j in sorted([*chosen, i]) for t in tokens[j]]
            uni, bi = _grams(joined)
            score = _f1(sum((uni & ref_uni).values()), len(joined), len(ref)) + _f1(
                sum((bi & ref_bi).values()), len(joined) - 1, len(ref) - 1
            )
            if score > top:
                top, top_index = score, i
        if top_index < 0:
            break
        chosen.append(top_index)
        best = top
    labels = np.zeros(len(sentences))
    labels[chosen] = 1.0
    return labels


def rouge12(prediction: Sequence[str], reference: Sequence[str]) -> tuple[float, float]:
    """ROUGE-1 and ROUGE-2 F1 × 100 by counting; equal to ``evaluation.rouge.rouge``'s values."""
    pred = _tokens("\n".join(prediction))
    ref = _tokens("\n".join(reference))
    p_uni, p_bi = _grams(pred)
    r_uni, r_bi = _grams(ref)
    return (
        _f1(sum((p_uni & r_uni).values()), len(pred), len(ref)),
        _f1(sum((p_bi & r_bi).values()), len(pred) - 1, len(ref) - 1),
    )


# --- data ----------------------------------------------------------------------------------


def featurize(
    path: str | Path, *, limit: int | None = None, progress: bool = False
) -> dict[str, np.ndarray]:
    """Features and targets of every sentence and every concept of every article."""
    from ..document import build_document
    from ..engines import features
    from ..engines.concepts import concept_labels, concept_table
    from ..evaluation.data import read_articles
    from ..inputs import load_article
    from ..options import Options

    options = Options()
    blocks: list[np.ndarray] = []
    concept_blocks: list[np.ndarray] = []
    concept_targets: list[np.ndarray] = []
    bigrams: list[np.ndarray] = []
    members: list[np.ndarray] = []
    groups: list[int] = []
    skipped = 0
    start = time.perf_counter()
    for number, item in enumerate(read_articles(path, limit=limit), 1):
        try:
            doc = build_document(load_article(item.text, options, title=item.title))
        except KurzgefasstError:
            skipped += 1
            continue
        if not doc.sentences or not item.reference:
            skipped += 1
            continue
        matrix, _ = features.compute(doc)
        texts = [s.text for s in doc.sentences]
        bigrams.append(bigram_targets(texts, item.reference))
        members.append(oracle_labels(texts, item.reference))
        keys, table = concept_table(texts)
        concept_blocks.append(table)
        concept_targets.append(concept_labels(keys, item.reference))
        blocks.append(matrix)
        groups.append(len(doc.sentences))
        if progress and number % 500 == 0:
            elapsed = time.perf_counter() - start
            print(f"  {number} articles featurized ({elapsed:.0f} s)", file=sys.stderr)
    if not blocks:
        raise ConfigurationError(f"{path}: no article with sentences and a reference")
    return {
        "X": np.vstack(blocks).astype(np.float32),
        "C": np.vstack(concept_blocks).astype(np.float32),
        "concepts": np.concatenate(concept_targets),
        "bigrams": np.concatenate(bigrams),
        "oracle": np.concatenate(members),
        "groups": np.array(groups),
        "skipped": np.array(skipped),
    }


#: Lines of a LightGBM model text that prediction never reads (training statistics). Dropping
#: them (and the byte index ``tree_sizes`` that would then be wrong) halves the file.
_UNUSED_LINES = (
    "split_gain=", "internal_value=", "internal_weight=", "internal_count=", "leaf_weight=",
    "leaf_count=", "tree_sizes=",
)  # fmt: skip


def compact(model_text: str, check: np.ndarray) -> str:
    """The model text without training statistics, if it predicts exactly as before."""
    import lightgbm

    lines = [line for line in model_text.splitlines() if not line.startswith(_UNUSED_LINES)]
    small = "\n".join(lines) + "\n"
    full = lightgbm.Booster(model_str=model_text).predict(check, num_threads=1)
    again = lightgbm.Booster(model_str=small).predict(check, num_threads=1)
    return small if np.array_equal(full, again) else model_text


def fit(data: dict[str, np.ndarray], *, rounds: int = ROUNDS, seed: int = SEED) -> dict[str, str]:
    """The concept classifier, the bigram regressor and the membership classifier."""
    import lightgbm

    models = {}
    for name, rows, target, objective, params in (
        ("concepts", "C", "concepts", "binary", CONCEPT_PARAMS),
        ("bigrams", "X", "bigrams", "regression", PARAMS),
        ("membership", "X", "oracle", "binary", PARAMS),
    ):
        settings = dict(params, objective=objective, seed=seed, num_threads=1)
        dataset = lightgbm.Dataset(data[rows], data[target], free_raw_data=False)
        booster = lightgbm.train(settings, dataset, num_boost_round=rounds)
        models[name] = compact(booster.model_to_string(), data[rows][:2000])
    return models


def model_bundle(
    models: dict[str, str],
    data: dict[str, np.ndarray],
    *,
    source: str,
    rounds: int,
    seed: int,
    length_penalty: float,
    redundancy: float,
    membership_weight: float,
) -> dict[str, Any]:
    from ..engines import features
    from ..engines.concepts import CONCEPT_FEATURES
    from ..engines.extractive import MODEL_FORMAT

    return {
        "format": MODEL_FORMAT,
        "features": list(features.FEATURE_NAMES),
        "concept_features": list(CONCEPT_FEATURES),
        "selection": {
            "length_penalty": length_penalty,
            "redundancy": redundancy,
            "membership_weight": membership_weight,
        },
        "training": {
            "data": source,
            "articles": len(data["groups"]),
            "sentences": len(data["X"]),
            "concepts": len(data["C"]),
            "skipped_articles": int(data["skipped"]),
            "targets": {
                "concepts": "the reference uses the word key (lowercase, first six letters)",
                "bigrams": "bigrams shared with the reference (clipped counts, as ROUGE-2)",
                "membership": "in the greedy ROUGE-1 + ROUGE-2 oracle summary (3 sentences)",
            },
            "params": dict(PARAMS, seed=seed, num_threads=1),
            "concept_params": dict(CONCEPT_PARAMS, seed=seed, num_threads=1),
            "rounds": rounds,
            "command": "kurzgefasst train",
        },
        "models": models,
    }


def write_bundle(bundle: dict[str, Any], out: Path) -> None:
    """JSON, gzip-compressed when the name ends in .gz (with a fixed timestamp: reproducible)."""
    text = json.dumps(bundle, ensure_ascii=False, indent=1) + "\n"
    if out.suffix == ".gz":
        with (
            out.open("wb") as raw,
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz,
        ):
            gz.write(text.encode("utf-8"))
    else:
        out.write_text(text, encoding="utf-8")


def _check_not_test(path: Path) -> None:
    if path.name.lower().startswith("test"):
        raise ConfigurationError(
            f"{path} looks like a test split; train on train data only (test is for final figures)"
        )


def run(args: argparse.Namespace) -> int:
    from ..evaluation.data import resolve

    path = resolve(args.data)
    _check_not_test(path)
    progress = not args.quiet
    cache = Path(args.cache) if args.cache else None
    if cache and cache.exists():
        data = dict(np.load(cache))
        if not {"X", "C", "concepts", "bigrams", "oracle"} <= set(data):
            raise ConfigurationError(f"{cache} was written by an older version; delete it")
    else:
        if progress:
            print(f"featurizing {path} …", file=sys.stderr)
        data = featurize(path, limit=args.limit, progress=progress)
        if cache:
            # numpy types **kwds as if one of them could be allow_pickle: the keys are ours.
            np.savez_compressed(cache, **data)  # type: ignore[arg-type]
    if progress:
        print(
            f"training on {len(data['X'])} sentences of {len(data['groups'])} articles …",
            file=sys.stderr,
        )
    models = fit(data, rounds=args.rounds, seed=args.seed)
    bundle = model_bundle(
        models,
        data,
        source=path.name if path.parent.name in ("", ".") else f"{path.parent.name}/{path.name}",
        rounds=args.rounds,
        seed=args.seed,
        length_penalty=args.length_penalty,
        redundancy=args.redundancy,
        membership_weight=args.membership_weight,
    )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_bundle(bundle, out)
    if progress:
        print(f"wrote {out} ({out.stat().st_size / 1024:.0f} KiB)", file=sys.stderr)
    return 0


def iter_documents(path: str | Path, limit: int | None = None) -> Iterator[Any]:
    """(EvalArticle, Document) pairs of a JSONL file, for experiments and tests."""
    from ..document import build_document
    from ..evaluation.data import read_articles
    from ..inputs import load_article
    from ..options import Options

    options = Options()
    for item in read_articles(path, limit=limit):
        try:
            yield item, build_document(load_article(item.text, options, title=item.title))
        except KurzgefasstError:
            continue
