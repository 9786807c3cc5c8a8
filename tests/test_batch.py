"""``kurzgefasst batch``: what a user sees in the output file and on stderr, run through the CLI."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kurzgefasst.cli import main
from test_batch_articles import make_articles, write_jsonl

ENGLISH = (
    "The city council approved a new budget on Tuesday. The mayor said the plan was a fair "
    "compromise. Critics warned that taxes would rise again next year."
)


def run_cli(
    *args: str, stdin: bytes | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """The real command in a new process, as a user runs it (stderr is a pipe, not a terminal)."""
    return subprocess.run(
        [sys.executable, "-m", "kurzgefasst.cli", "batch", *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def read_lines(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.endswith(b"\n"), "the output must end with a complete line"
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


def by_id(lines: list[dict]) -> dict[str, dict]:
    ids = [line["id"] for line in lines]
    assert len(ids) == len(set(ids)), "an id appears more than once"
    return {line["id"]: line for line in lines}


@pytest.fixture
def articles() -> list[dict[str, str]]:
    return make_articles(12)


def test_mixed_good_and_bad_records_each_get_exactly_one_line(tmp_path, articles, capsys):
    good = articles[:5]
    extra = dict(articles[5], quelle="Lokalredaktion", summary="Referenz", error="kein Fehler")
    no_id = {"title": articles[6]["title"], "text": articles[6]["text"]}
    lines = [json.dumps(r, ensure_ascii=False) for r in good]
    lines += [
        json.dumps(extra, ensure_ascii=False),  # line 6: extra fields are passed through
        "{das ist kein JSON",  # line 7
        "",  # a blank line is not a record
        "[1, 2, 3]",  # line 9: JSON, but not an object
        json.dumps(no_id, ensure_ascii=False),  # line 10: gets the id FILE:LINE
        json.dumps({"id": "englisch", "text": ENGLISH}),
        json.dumps({"id": "leer", "text": "   "}),
        json.dumps({"id": "ohne-text", "datum": "2024-05-01"}),
        json.dumps({"id": good[0]["id"], "text": articles[7]["text"]}),  # line 14: duplicate id
        json.dumps({"id": 4711, "text": articles[8]["text"]}),  # a number id
    ]
    source = tmp_path / "archiv.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"

    assert main(["batch", str(source), "-o", str(out), "--workers", "1", "--progress", "none"]) == 0

    result = by_id(read_lines(out))
    name = str(source)
    assert len(result) == 14  # one line per non-blank input line
    for record in good:
        summary = result[record["id"]]["summary"]
        assert summary["title"] == record["title"]
        assert len(summary["bullets"]) == 3
        for bullet in summary["bullets"]:
            for evidence in bullet["evidence"]:
                assert evidence["text"] in record["text"]
    passed = result[extra["id"]]
    assert "bullets" in passed["summary"] and "error" not in passed
    assert passed["fields"] == {
        "title": extra["title"],
        "quelle": "Lokalredaktion",
        "summary": "Referenz",
        "error": "kein Fehler",
    }
    assert result[f"{name}:7"]["error"]["type"] == "bad_json"
    assert result[f"{name}:9"]["error"]["type"] == "bad_record"
    assert result[f"{name}:10"]["summary"]["title"] == no_id["title"]
    assert result["englisch"]["error"]["type"] == "not_german"
    assert result["leer"]["error"]["type"] == "empty_input"
    assert result["ohne-text"]["error"]["type"] == "bad_record"
    assert result["ohne-text"]["fields"] == {"datum": "2024-05-01"}
    duplicate = result[f"{name}:14"]["error"]
    assert duplicate["type"] == "duplicate_id" and good[0]["id"] in duplicate["message"]
    assert "summary" in result["4711"]
    assert set(result["englisch"]) == {"id", "error", "fields"}
    assert set(result["englisch"]["error"]) == {"type", "message"}

    tally = capsys.readouterr().err
    assert "14 records" in tally and "8 ok, 6 errors" in tally
    assert "bad_record 2" in tally and "not_german 1" in tally


def test_local_output_is_in_input_order_with_two_workers(tmp_path, articles):
    source = write_jsonl(tmp_path / "a.jsonl", articles)
    out = tmp_path / "out.jsonl"
    done = run_cli(str(source), "-o", str(out), "--workers", "2")
    assert done.returncode == 0, done.stderr.decode()
    assert [line["id"] for line in read_lines(out)] == [a["id"] for a in articles]


def html_page(article: dict[str, str]) -> str:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in article["text"].split("\n\n"))
    return (
        "<!DOCTYPE html><html lang='de'><head>"
        f"<title>{article['title']} | Stadtanzeiger</title></head>"
        "<body><nav><a href='/'>Startseite</a> <a href='/lokales'>Lokales</a></nav>"
        f"<article><h1>{article['title']}</h1>{paragraphs}</article>"
        "<footer>© Stadtanzeiger. Alle Rechte vorbehalten. Impressum, Datenschutz.</footer>"
        "</body></html>"
    )


def test_folder_of_html_and_text_files_uses_relative_paths_as_ids(tmp_path, articles):
    folder = tmp_path / "seiten"
    (folder / "lokales").mkdir(parents=True)
    (folder / "eins.html").write_text(html_page(articles[0]), encoding="utf-8")
    (folder / "lokales" / "zwei.htm").write_text(html_page(articles[1]), encoding="utf-8")
    (folder / "lokales" / "drei.txt").write_text(articles[2]["text"], encoding="utf-8")
    with gzip.open(folder / "vier.html.gz", "wt", encoding="utf-8") as f:
        f.write(html_page(articles[3]))
    (folder / "leer.html").write_text("<html><body><nav>Menü</nav></body></html>", encoding="utf-8")
    (folder / "LIESMICH.md").write_text("not an article", encoding="utf-8")
    out = tmp_path / "out.jsonl"

    assert main(["batch", str(folder), "-o", str(out), "--workers", "1", "--progress", "none"]) == 0

    result = by_id(read_lines(out))
    assert set(result) == {
        "eins.html",
        "lokales/zwei.htm",
        "lokales/drei.txt",
        "vier.html.gz",
        "leer.html",
    }
    for id_, article in [
        ("eins.html", articles[0]),
        ("lokales/zwei.htm", articles[1]),
        ("vier.html.gz", articles[3]),
    ]:
        summary = result[id_]["summary"]
        assert summary["title"].startswith(article["title"])
        assert len(summary["bullets"]) == 3
        assert all(
            b["text"] in article["text"].replace("\n\n", " ") or b["edits"]
            for b in summary["bullets"]
        )
        assert "Impressum" not in json.dumps(summary["bullets"])
    assert len(result["lokales/drei.txt"]["summary"]["bullets"]) == 3
    assert result["leer.html"]["error"]["type"] in {"no_article", "empty_input"}


def test_jsonl_on_stdin(tmp_path, articles):
    # With a byte order mark, as Windows tools write it: not part of the first record.
    data = "\ufeff" + "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles[:3])
    data += "kaputt\n"
    out = tmp_path / "out.jsonl"
    done = run_cli("-", "-o", str(out), "--workers", "1", stdin=data.encode("utf-8"))
    assert done.returncode == 0, done.stderr.decode()
    result = by_id(read_lines(out))
    assert set(result) == {a["id"] for a in articles[:3]} | {"stdin:4"}
    assert result["stdin:4"]["error"]["type"] == "bad_json"
    assert "4 records" in done.stderr.decode()


def test_gzipped_jsonl_and_a_truncated_gzip_do_not_stop_the_batch(tmp_path, articles):
    whole = tmp_path / "eins.jsonl.gz"
    with gzip.open(whole, "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(a, ensure_ascii=False) + "\n" for a in articles[:4])
    broken = tmp_path / "zwei.jsonl.gz"
    packed = gzip.compress("".join(json.dumps(a) + "\n" for a in articles[4:10]).encode())
    broken.write_bytes(packed[: len(packed) // 2])  # a download that stopped half way
    after = write_jsonl(tmp_path / "drei.jsonl", articles[10:])
    out = tmp_path / "out.jsonl"

    assert (
        main(
            [
                "batch",
                str(whole),
                str(broken),
                str(after),
                "-o",
                str(out),
                "-w",
                "1",
                "--progress",
                "none",
            ]
        )
        == 0
    )

    lines = read_lines(out)
    result = by_id(lines)
    assert {a["id"] for a in articles[:4]} <= set(result)
    assert {a["id"] for a in articles[10:]} <= set(result)
    errors = [line for line in lines if line.get("error", {}).get("type") == "bad_input"]
    assert len(errors) == 1 and errors[0]["id"].startswith(str(broken) + ":")


def test_rerun_skips_finished_records_and_continues_with_new_ones(tmp_path, articles, capsys):
    source = write_jsonl(tmp_path / "a.jsonl", articles[:6])
    out = tmp_path / "out.jsonl"
    args = ["batch", str(source), "-o", str(out), "--workers", "1", "--progress", "none"]
    assert main(args) == 0
    first = out.read_bytes()
    capsys.readouterr()

    assert main(args) == 0
    assert out.read_bytes() == first, "a finished job must not be touched again"
    assert "0 records" in capsys.readouterr().err

    write_jsonl(source, articles)  # the archive grew
    assert main(args) == 0
    tally = capsys.readouterr().err
    assert "6 records" in tally and "6 skipped" in tally
    assert out.read_bytes().startswith(first)
    assert [line["id"] for line in read_lines(out)] == [a["id"] for a in articles]


def test_a_half_written_tail_from_a_crash_is_dropped_on_resume(tmp_path, articles):
    """What a kill leaves behind after the last commit: complete lines the store does not know
    and a line cut in the middle. Resuming must drop both and redo those records."""
    source = write_jsonl(tmp_path / "a.jsonl", articles[:5])
    out = tmp_path / "out.jsonl"
    args = ["batch", str(source), "-o", str(out), "-w", "1", "--progress", "none"]
    assert main(args) == 0
    committed = out.read_bytes()
    uncommitted = json.dumps({"id": articles[5]["id"], "summary": {"bullets": []}}) + "\n"
    with out.open("ab") as f:
        f.write(uncommitted.encode() + b'{"id": "artikel-0006", "summ')

    write_jsonl(source, articles)
    assert main(args) == 0

    raw = out.read_bytes()
    assert raw.startswith(committed)
    result = by_id(read_lines(out))
    assert set(result) == {a["id"] for a in articles}
    assert result[articles[5]["id"]]["summary"]["bullets"], "the uncommitted line was redone"


def test_other_options_on_an_existing_job_are_refused_until_restart(tmp_path, articles, capsys):
    source = write_jsonl(tmp_path / "a.jsonl", articles[:3])
    out = tmp_path / "out.jsonl"
    base = ["batch", str(source), "-o", str(out), "-w", "1", "--progress", "none"]
    assert main(base) == 0
    assert main([*base, "--bullets", "2"]) == 2
    assert "other summary options" in capsys.readouterr().err
    assert main([*base, "--bullets", "2", "--restart"]) == 0
    assert all(len(line["summary"]["bullets"]) == 2 for line in read_lines(out))


def test_an_existing_output_without_job_store_is_not_overwritten(tmp_path, articles, capsys):
    source = write_jsonl(tmp_path / "a.jsonl", articles[:2])
    out = tmp_path / "out.jsonl"
    out.write_text("wichtige Daten\n", encoding="utf-8")
    assert main(["batch", str(source), "-o", str(out), "-w", "1"]) == 2
    assert "--restart" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "wichtige Daten\n"


def test_missing_input_fails_before_any_work(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(tmp_path / "gibt-es-nicht.jsonl"), "-o", str(out)]) == 2
    assert "no such file" in capsys.readouterr().err
    assert not out.exists()


def test_two_runs_of_the_same_job_cannot_write_at_once(tmp_path, articles):
    from kurzgefasst.batch.store import JsonlJob, default_store_path
    from kurzgefasst.options import Options

    source = write_jsonl(tmp_path / "a.jsonl", articles[:2])
    out = tmp_path / "out.jsonl"
    running = JsonlJob(out, default_store_path(out), Options().cache_key())  # holds the lock
    try:
        done = run_cli(str(source), "-o", str(out), "-w", "1")
    finally:
        running.close()
    assert done.returncode == 2
    assert "another kurzgefasst batch is writing" in done.stderr.decode()


def test_plain_progress_lines_and_final_tally_when_not_on_a_terminal(tmp_path):
    source = write_jsonl(tmp_path / "a.jsonl", make_articles(40))
    out = tmp_path / "out.jsonl"
    stats = tmp_path / "stats.json"
    done = run_cli(
        str(source), "-o", str(out), "-w", "1", "--progress-every", "0.05", "--stats", str(stats)
    )
    assert done.returncode == 0
    err = done.stderr.decode()
    progress = [line for line in err.splitlines() if "ETA" in line]
    assert progress, err
    assert "/40 (" in progress[-1] and "articles/s" in progress[-1]
    assert "\r" not in err, "no bar redrawing in a log file"
    assert "40 records in" in err and "40 ok, 0 errors" in err
    tally = json.loads(stats.read_text())
    assert tally["processed"] == 40 and tally["ok"] == 40 and tally["articles_per_second"] > 0
    assert tally["max_worker_rss_mb"] > 0


def test_parquet_output(tmp_path, articles):
    pq = pytest.importorskip("pyarrow.parquet")
    source = tmp_path / "a.jsonl"
    source.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles[:3]) + "nicht json\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.parquet"
    assert main(["batch", str(source), "-o", str(out), "-w", "1", "--progress", "none"]) == 0
    rows = {row["id"]: row for row in pq.read_table(out).to_pylist()}
    assert len(rows) == 4
    first = rows[articles[0]["id"]]
    assert first["status"] == "ok" and len(first["bullets"]) == 3
    assert json.loads(first["summary"])["bullets"][0]["text"] == first["bullets"][0]
    assert json.loads(first["fields"]) == {"title": articles[0]["title"]}
    assert rows[f"{source}:4"]["error_type"] == "bad_json"
    assert not (tmp_path / "out.parquet.partial").exists()


def test_ray_missing_gives_a_clear_error(tmp_path, articles):
    source = write_jsonl(tmp_path / "a.jsonl", articles[:1])
    code = (
        "import sys; sys.modules['ray'] = None\n"  # as if Ray were not installed
        "from kurzgefasst.cli import main\n"
        f"out = {str(tmp_path / 'o.jsonl')!r}\n"
        f"sys.exit(main(['batch', {str(source)!r}, '-o', out, '--ray', 'local']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert "pip install 'kurzgefasst[ray]'" in done.stderr.decode()


def test_help_lists_the_batch_options():
    done = subprocess.run(
        [sys.executable, "-m", "kurzgefasst.cli", "batch", "--help"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    text = done.stdout.decode()
    for option in (
        "--workers",
        "--ray",
        "--ray-concurrency",
        "--ray-batch-size",
        "--restart",
        "--engine",
    ):
        assert option in text


def test_a_progress_bar_with_count_rate_and_eta_on_a_terminal(tmp_path):
    import pty

    source = write_jsonl(tmp_path / "a.jsonl", make_articles(30))
    out = tmp_path / "out.jsonl"
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "kurzgefasst.cli", "batch", str(source), "-o", str(out), "-w", "1"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=slave,
    )
    os.close(slave)
    screen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        screen += chunk
    os.close(master)
    assert process.wait(timeout=300) == 0
    text = screen.decode("utf-8", errors="replace")
    assert "30/30" in text and "articles/s" in text and "ETA" in text
    assert "\x1b[" in text or "\r" in text, "a bar is redrawn in place"
    assert "30 records in" in text


def test_big_html_pages_get_the_same_limit_as_summarize(tmp_path, articles):
    """A 600 KB page (scripts and markup around a short article) is summarized, as by summarize."""
    article = articles[0]
    paragraphs = "".join(f"<p>{p}</p>" for p in article["text"].split("\n\n"))
    script = "<script>var x = '" + "a" * 600_000 + "';</script>"
    page = f"<html><head><title>{article['title']}</title>{script}</head><body><article>"
    page += f"<h1>{article['title']}</h1>{paragraphs}</article></body></html>"
    folder = tmp_path / "seiten"
    folder.mkdir()
    (folder / "gross.html").write_text(page, encoding="utf-8")
    (folder / "zu-gross.txt").write_text("Ein Satz. " * 30_000, encoding="utf-8")  # 300 KB text
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(folder), "-o", str(out), "-w", "1", "--progress", "none"]) == 0
    result = by_id(read_lines(out))
    assert len(result["gross.html"]["summary"]["bullets"]) == 3
    assert result["zu-gross.txt"]["error"]["type"] == "input_too_large"


def test_field_names_can_be_mapped(tmp_path, articles):
    records = [
        {"guid": f"urn:{i}", "headline": a["title"], "body": a["text"], "ressort": "Lokales"}
        for i, a in enumerate(articles[:2])
    ]
    records.append({"guid": "urn:leer", "text": articles[2]["text"]})  # no "body": a bad record
    source = tmp_path / "cms.jsonl"
    write_jsonl(source, records)
    out = tmp_path / "out.jsonl"
    args = ["batch", str(source), "-o", str(out), "-w", "1", "--progress", "none"]
    args += ["--id-field", "guid", "--text-field", "body", "--title-field", "headline"]
    assert main(args) == 0
    result = by_id(read_lines(out))
    assert set(result) == {"urn:0", "urn:1", "urn:leer"}
    assert result["urn:0"]["summary"]["title"] == articles[0]["title"]
    assert result["urn:0"]["fields"] == {"headline": articles[0]["title"], "ressort": "Lokales"}
    assert result["urn:leer"]["error"]["type"] == "bad_record"
    assert "body" in result["urn:leer"]["error"]["message"]
