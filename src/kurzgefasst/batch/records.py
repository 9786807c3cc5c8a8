"""Inputs → records → result lines. Shared by the local pool and by Ray, so both give the same ids,
the same error records and the same output lines for the same inputs.

A *record* is a flat dict of strings and bytes (so Ray can hold it in Arrow):
``id``, ``where`` (``FILE:LINE`` or the file path), ``kind`` (text | html | url | error),
``data`` (bytes: the article, the URL, or the error message), ``title``, ``fields`` (the
passed-through input fields as JSON) and ``error_type``.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, NamedTuple

from ..errors import ConfigurationError

Record = dict[str, Any]

#: Files that hold one article each (inside a folder, or given directly).
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
#: Input fields that are consumed and not copied to ``fields`` in the output.
CONSUMED_FIELDS = ("id", "text", "html")
#: Fields an input record may carry the article in, in order of preference.
SOURCE_FIELDS = ("text", "html", "url")


class FieldNames(NamedTuple):
    """Which JSONL field holds what, for archives with their own names (``--text-field body``,
    ``--id-field guid``)."""

    id: str = "id"
    text: str = "text"
    html: str = "html"
    url: str = "url"
    title: str = "title"

    def source(self, kind: str) -> str:
        return str(getattr(self, kind))

    def consumed(self) -> tuple[str, ...]:
        return (self.id, self.text, self.html)


DEFAULT_FIELDS = FieldNames()

SourceKind = Literal["jsonl", "article", "stdin"]


@dataclass(frozen=True)
class Source:
    """One readable unit: a JSONL file, one article file, or standard input."""

    kind: SourceKind
    #: Where the bytes are (absolute path), empty for stdin.
    path: str
    #: How the source is named in ids and messages: the path as the user typed it, or for a file
    #: found in a folder the folder as typed joined with the file's relative path.
    display: str
    #: The record id of an article file: its path relative to the folder it was found in.
    article_id: str = ""


class Result(NamedTuple):
    id: str
    #: "ok" or the error type.
    status: str
    #: The output line, JSON without the newline.
    line: str


# --- finding the sources -------------------------------------------------------------------


def _is_article_file(name: str) -> bool:
    name = name.lower()
    name = name.removesuffix(".gz")
    return name.endswith(ARTICLE_SUFFIXES)


def resolve_sources(inputs: Iterable[str]) -> list[Source]:
    """Command-line inputs → sources; fails before any work if an input does not exist."""
    sources: list[Source] = []
    stdin_seen = False
    for given in inputs:
        if given == "-":
            if stdin_seen:
                raise ConfigurationError("'-' (standard input) can be given only once")
            stdin_seen = True
            sources.append(Source("stdin", "", "stdin"))
            continue
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and _is_article_file(p.name)
            )  # sorted: the same order, and so the same output, on every run and every machine
            for file in found:
                rel = file.relative_to(path).as_posix()
                sources.append(
                    Source("article", str(file.resolve()), f"{given.rstrip('/')}/{rel}", rel)
                )
        elif path.is_file():
            if _is_article_file(path.name):
                sources.append(Source("article", str(path.resolve()), given, given))
            else:
                sources.append(Source("jsonl", str(path.resolve()), given))
        elif path.exists():
            raise ConfigurationError(f"{given} is neither a file nor a folder")
        else:
            raise ConfigurationError(f"no such file or folder: {given}")
    return sources


def _open(path: str) -> IO[bytes]:
    raw: IO[bytes] = open(path, "rb")  # noqa: SIM115 - returned to the caller
    if path.endswith(".gz"):
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


# --- records ---------------------------------------------------------------------------------


def error_record(id_: str, where: str, error_type: str, message: str, fields: str = "{}") -> Record:
    return {
        "id": id_,
        "where": where,
        "kind": "error",
        "data": message.encode("utf-8"),
        "title": "",
        "fields": fields,
        "error_type": error_type,
    }


def _line_record(line: bytes, where: str, names: FieldNames = DEFAULT_FIELDS) -> Record | None:
    """One JSONL line → record; None for a blank line. Never raises: bad lines become errors."""
    if not line.strip():
        return None
    try:
        # utf-8-sig: a byte order mark (files saved by Windows tools) is not part of the JSON.
        obj = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return error_record(where, where, "bad_json", "the line is not valid UTF-8")
    except json.JSONDecodeError as exc:
        return error_record(
            where, where, "bad_json", f"the line is not JSON: {exc.msg} at column {exc.colno}"
        )
    except (ValueError, RecursionError) as exc:
        # A number of more than 4,300 digits, or brackets nested beyond the recursion limit: valid
        # JSON that Python refuses to read. One error record, like any other unreadable line.
        return error_record(where, where, "bad_json", f"the line cannot be read: {_short(exc)}")
    if not isinstance(obj, dict):
        return error_record(
            where, where, "bad_record", f"a record must be a JSON object, not {type(obj).__name__}"
        )
    try:
        # An escaped lone surrogate ("\\ud800") is valid JSON but no text: it would make the
        # output line unwritable, so the record is refused here.
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return error_record(
            where, where, "bad_record", "the line holds an escaped lone surrogate (not text)"
        )
    fields = json.dumps(
        {k: v for k, v in obj.items() if k not in names.consumed()}, ensure_ascii=False
    )
    raw_id = obj.get(names.id)
    if raw_id is None or raw_id == "":
        id_ = where
    elif isinstance(raw_id, str):
        id_ = raw_id
    elif isinstance(raw_id, int | float) and not isinstance(raw_id, bool):
        id_ = json.dumps(raw_id)  # 17 → "17": ids are strings in the output
    else:
        return error_record(
            where, where, "bad_record", f"the field {names.id!r} (id) must be a string or a number",
            fields,
        )  # fmt: skip
    title = obj.get(names.title)
    title = title if isinstance(title, str) else ""
    for kind in SOURCE_FIELDS:
        value = obj.get(names.source(kind))
        if value is None:
            continue
        if not isinstance(value, str):
            return error_record(
                id_, where, "bad_record", f"the field {names.source(kind)!r} must be a string",
                fields,
            )  # fmt: skip
        return {
            "id": id_,
            "where": where,
            "kind": kind,
            "data": value.encode("utf-8", errors="replace"),
            "title": title,
            "fields": fields,
            "error_type": "",
        }
    wanted = ", ".join(names.source(kind) for kind in SOURCE_FIELDS)
    return error_record(
        id_, where, "bad_record", f"the record has none of the fields {wanted}", fields
    )


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "…"


#: JSON may write every character of an article as a six-byte escape ("\\u00e4").
JSON_ESCAPE_FACTOR = 6
#: Room for a line's other fields (id, title, metadata) beside the article.
LINE_OVERHEAD_BYTES = 1 << 16
#: How much of an over-long line is read at a time while it is skipped.
_SKIP_CHUNK = 1 << 20


def max_line_bytes(max_bytes: int) -> int:
    """The longest JSONL line worth reading for an article of at most ``max_bytes`` bytes."""
    return JSON_ESCAPE_FACTOR * max_bytes + LINE_OVERHEAD_BYTES


def bounded_lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """The stream's lines, each read with at most ``limit`` bytes held in memory; a longer line
    is skipped to its end and given as None (a line of gigabytes must not fill the memory)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while True:
            rest = stream.readline(_SKIP_CHUNK)
            if not rest or rest.endswith(b"\n"):
                break
        yield None


def read_jsonl(
    stream: IO[bytes], display: str, names: FieldNames, max_bytes: int
) -> Iterator[Record]:
    """Every non-blank line of a JSONL stream as a record with ``where`` = ``DISPLAY:LINE``;
    a line too long for an article of ``max_bytes`` is one ``input_too_large`` record."""
    number = 0
    limit = max_line_bytes(max_bytes)
    try:
        for number, line in enumerate(bounded_lines(stream, limit), 1):
            where = f"{display}:{number}"
            if line is None:
                message = f"the line has more than {limit:,} bytes (--max-bytes, --max-html-bytes)"
                yield error_record(where, where, "input_too_large", message)
                continue
            try:
                record = _line_record(line, where, names)
            except Exception as exc:  # a line no check foresaw: it costs one record, not the job
                record = error_record(
                    where, where, "bad_record", f"the line cannot be read: {_short(exc)}"
                )
            if record is not None:
                yield record
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        # A truncated or corrupt .gz file: report where reading stopped and go on with the
        # next input rather than losing the whole batch.
        where = f"{display}:{number + 1}"
        yield error_record(where, where, "bad_input", f"could not read on from here: {exc}")


def read_article_file(source: Source, max_bytes: int) -> Record:
    """One .txt/.html file (maybe .gz) → record; reads at most max_bytes + 1 bytes."""
    name = source.path.lower().removesuffix(".gz")
    kind = "text" if name.endswith(".txt") else "html"
    try:
        with _open(source.path) as stream:
            data = stream.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        return error_record(
            source.article_id, source.display, "bad_input", f"could not read the file: {exc}"
        )
    if len(data) > max_bytes:
        return error_record(
            source.article_id, source.display, "input_too_large",
            f"the file has more than {max_bytes:,} bytes (--max-bytes, --max-html-bytes)",
        )  # fmt: skip
    return {
        "id": source.article_id,
        "where": source.display,
        "kind": kind,
        "data": data,
        "title": "",
        "fields": "{}",
        "error_type": "",
    }


def read_source(
    source: Source,
    max_bytes: int,
    stdin: IO[bytes] | None = None,
    names: FieldNames = DEFAULT_FIELDS,
) -> Iterator[Record]:
    """All records of one source, in file order (no duplicate check: see ``mark_duplicates``)."""
    if source.kind == "article":
        yield read_article_file(source, max_bytes)
    elif source.kind == "stdin":
        yield from read_jsonl(
            stdin if stdin is not None else sys.stdin.buffer, source.display, names, max_bytes
        )
    else:
        try:
            stream = _open(source.path)
        except OSError as exc:
            where = f"{source.display}:0"
            yield error_record(where, where, "bad_input", f"could not open the file: {exc}")
            return
        with stream:
            yield from read_jsonl(stream, source.display, names, max_bytes)


def duplicate_record(record: Record) -> Record:
    where = record["where"]
    return error_record(
        where, where, "duplicate_id",
        f"the id {record['id']!r} appeared earlier in the input; this record was not summarized",
        record["fields"],
    )  # fmt: skip


def mark_duplicates(records: Iterable[Record]) -> Iterator[Record]:
    """The first record with an id keeps it; a later one becomes a ``duplicate_id`` error under
    its ``FILE:LINE``, so every id is in the output exactly once and resuming stays exact."""
    seen: set[str] = set()
    for record in records:
        if record["id"] in seen:
            record = duplicate_record(record)
        seen.add(record["id"])
        yield record


def iter_records(
    sources: list[Source],
    max_bytes: int,
    stdin: IO[bytes] | None = None,
    names: FieldNames = DEFAULT_FIELDS,
) -> Iterator[Record]:
    """Every record of every source in input order, duplicates marked."""
    return mark_duplicates(r for s in sources for r in read_source(s, max_bytes, stdin, names))


def count_lines(sources: list[Source]) -> int | None:
    """Records to expect (non-blank lines, article files) for the progress total; None for stdin."""
    total = 0
    for source in sources:
        if source.kind == "stdin":
            return None
        if source.kind == "article":
            total += 1
            continue
        try:
            with _open(source.path) as stream:
                buffered = (
                    # GzipFile is a raw stream to buffer; typeshed wants a RawIOBase here.
                    io.BufferedReader(stream, 1 << 20)  # type: ignore[type-var]
                    if source.path.endswith(".gz")
                    else stream
                )
                lines = bounded_lines(buffered, _SKIP_CHUNK)
                total += sum(1 for line in lines if line is None or line.strip())
        except (OSError, EOFError):
            total += 1  # it will be one error record
    return total
