"""``kurzgefasst batch``: archives (JSONL, folders, stdin) → JSON lines, resumable."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .options import add_summary_options, options_from_args

HELP = """Summarize many articles: one JSON line per input record, with progress and resume.

INPUT is a JSONL file (fields "id" and one of "text", "html" or "url", or the names given
with --id-field, --text-field, …; every other field is copied to "fields" in the output), a folder of .txt/.html files (id = path in the folder),
a single .txt/.html file, or '-' for JSONL on standard input. Any of them may be gzipped (.gz).

Each output line is {"id", "summary": {...}, "fields"} or {"id", "error": {"type", "message"},
"fields"}; a bad record never stops the batch. The job store (OUTPUT.job.sqlite) records every
finished id: after a crash or kill, run the same command again and it continues where it
stopped, with every id in the output exactly once. Output ending in .parquet is written as one
Parquet file (needs pyarrow; not resumable). See docs/batch.md."""

EXAMPLES = """examples:
  kurzgefasst batch archiv.jsonl.gz -o zusammenfassungen.jsonl --workers 4
  kurzgefasst batch seiten/ -o seiten.jsonl
  zcat archiv.jsonl.gz | kurzgefasst batch - -o out.jsonl
  kurzgefasst batch archiv/*.jsonl -o out.parquet --ray auto
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    from ..batch.worker import default_workers

    parser = subparsers.add_parser(
        "batch", help="summarize an archive (JSONL, folders, stdin) with progress and resume",
        description=HELP, epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="JSONL file, folder, .txt/.html file, or '-'"
    )
    parser.add_argument(
        "-o", "--output", required=True, type=Path, help="output .jsonl (or .parquet)"
    )
    parser.add_argument(
        "-w", "--workers", type=int, default=default_workers(),
        help="worker processes; with --ray local the CPUs of the local runtime "
        "(default: all cores, "
        f"here {default_workers()})",
    )  # fmt: skip
    parser.add_argument("--store", type=Path, help="job store (default: OUTPUT.job.sqlite)")
    parser.add_argument(
        "--restart", action="store_true", help="delete the output and job store and start over"
    )
    parser.add_argument(
        "--progress", choices=("auto", "bar", "plain", "none"), default="auto",
        help="a bar on a terminal, else a line every --progress-every seconds (default: auto)",
    )  # fmt: skip
    parser.add_argument(
        "--progress-every", type=float, default=10.0, metavar="SECONDS", help="(default: 10)"
    )
    parser.add_argument(
        "--stats", type=Path, metavar="PATH", help="also write the final tally as JSON"
    )
    parser.add_argument(
        "--allow-private-urls", action="store_true",
        help="let 'url' records fetch from private or local addresses (off by default)",
    )  # fmt: skip
    fields = parser.add_argument_group(
        "JSONL field names (for archives with their own; --text-field body --id-field guid)"
    )
    for kind, what in (
        ("id", "the record's id"), ("text", "the article as plain text"),
        ("html", "the article as an HTML page"), ("url", "the article's URL"),
        ("title", "the headline, if the text has none"),
    ):  # fmt: skip
        fields.add_argument(
            f"--{kind}-field", metavar="NAME", default=kind,
            help=f"field with {what} (default: {kind})",
        )  # fmt: skip
    ray = parser.add_argument_group("Ray (pip install 'kurzgefasst[ray]')")
    ray.add_argument(
        "--ray", metavar="ADDRESS",
        help="run on Ray Data: 'local' (start a runtime here with --workers CPUs) or 'auto' (the "
        "cluster this machine belongs to, or RAY_ADDRESS=HOST:PORT). From outside a cluster, "
        "submit the batch as a Ray job ('ray job submit … -- kurzgefasst batch … --ray auto'): "
        "Ray Data does not run through Ray Client (ray://)",
    )  # fmt: skip
    ray.add_argument(
        "--ray-concurrency", type=int, metavar="N", help="summarizer actors (default: one per CPU)"
    )
    ray.add_argument(
        "--ray-num-gpus", type=float, default=0.0, metavar="N",
        help="GPUs per actor, for an engine that loads its model on the GPU (default: 0)",
    )  # fmt: skip
    ray.add_argument(
        "--ray-batch-size",
        type=int,
        default=16,
        metavar="N",
        help="records per batch (default: 16)",
    )
    add_summary_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..batch import BatchConfig, FieldNames, run_batch
    from ..errors import ConfigurationError

    if args.workers < 1:
        raise ConfigurationError("--workers must be at least 1")
    if args.ray_batch_size < 1 or (args.ray_concurrency is not None and args.ray_concurrency < 1):
        raise ConfigurationError("--ray-concurrency and --ray-batch-size must be at least 1")
    config = BatchConfig(
        inputs=tuple(args.inputs),
        output=args.output,
        options=options_from_args(args),
        workers=args.workers,
        store=args.store,
        restart=args.restart,
        progress=args.progress,
        progress_every=args.progress_every,
        allow_private_urls=args.allow_private_urls,
        ray=args.ray,
        ray_concurrency=args.ray_concurrency,
        ray_batch_size=args.ray_batch_size,
        ray_num_gpus=args.ray_num_gpus,
        field_names=FieldNames(
            id=args.id_field,
            text=args.text_field,
            html=args.html_field,
            url=args.url_field,
            title=args.title_field,
        ),
    )
    tally = run_batch(config)
    if args.stats:
        args.stats.write_text(json.dumps(tally.to_dict(), indent=2) + "\n", encoding="utf-8")
    return 0
