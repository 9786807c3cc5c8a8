"""Hostile or careless input through the Python API and the CLI: handled, or refused with a
KurzgefasstError; never a traceback, never mojibake without a word."""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kurzgefasst import ConfigurationError, NoArticleError, Summarizer, summarize

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = (FIXTURES / "verkehrswende.txt").read_text(encoding="utf-8")
COOKIE_WALL = (
    "Wir brauchen Ihre Zustimmung\n\n"
    "Mit Klick auf „Alle akzeptieren“ stimmen Sie der Verarbeitung Ihrer Daten zu. Wir und "
    "unsere Partner speichern und verarbeiten Informationen auf Ihrem Gerät, etwa Cookies. Sie "
    "können Ihre Einwilligung jederzeit in den Datenschutzeinstellungen widerrufen. Ohne Ihre "
    "Zustimmung können wir Ihnen diese Inhalte leider nicht anzeigen."
)


def bullet_text(summary) -> str:
    return " ".join(b.text for b in summary.bullets)


@pytest.mark.parametrize(
    "odd",
    ["\u0f73", "\u0f75\u0f81", "e\u0301\u0301\u0301", "\u1100\u1161\u11a8", "\u2028", "\ufeff"],
    ids=["tibetan-0f73", "tibetan-more", "combining-marks", "hangul-jamo", "line-sep", "bom"],
)
def test_odd_unicode_is_summarized(odd: str) -> None:
    summary = summarize(ARTICLE.replace("Gemeinderat", "Gemeinderat" + odd, 1))
    assert len(summary.bullets) == 3


def test_lone_surrogate_is_replaced_with_a_warning() -> None:
    summary = summarize(ARTICLE.replace("Plan", "Plan\ud800", 1))
    assert len(summary.bullets) == 3
    assert any("surrogate" in w for w in summary.warnings)
    summary.to_dict()  # and the summary can be written as JSON / UTF-8
    bullet_text(summary).encode("utf-8")


def test_a_few_invalid_bytes_do_not_turn_the_text_into_mojibake() -> None:
    data = ARTICLE.encode("utf-8")
    cut = data.index(b"Oberb")
    data = data[:cut] + b"\xff\xfe\x80\x81\x82\x83 " + data[cut:]
    summary = summarize(data)
    text = bullet_text(summary) + summary.source_text
    assert "Ã" not in text and "großer" in summary.source_text
    assert any("not valid UTF-8" in w for w in summary.warnings)


def test_windows_1252_archives_are_still_read() -> None:
    summary = summarize(ARTICLE.encode("cp1252"))
    assert "beschließt" in summary.source_text
    assert any("Windows-1252" in w for w in summary.warnings)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_accepted(codec: str) -> None:
    data = ARTICLE.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    summary = summarize(data)
    assert len(summary.bullets) == 3
    assert "Freiburg" in summary.source_text


def test_all_caps_german_is_summarized() -> None:
    summary = summarize(ARTICLE.upper())
    assert len(summary.bullets) >= 2
    assert any("capitals" in w for w in summary.warnings)
    for bullet in summary.bullets:
        for evidence in bullet.evidence:
            assert summary.source_text[evidence.start : evidence.end] == evidence.text


def test_a_cookie_wall_is_no_article() -> None:
    with pytest.raises(NoArticleError, match="consent"):
        summarize(COOKIE_WALL)
    title, *paragraphs = COOKIE_WALL.split("\n\n")
    page = f"<html><body><div class='consent'><h2>{title}</h2>"
    page += "".join(f"<p>{p}</p>" for p in paragraphs) + "<button>Alle akzeptieren</button>"
    page += "</div></body></html>"
    with pytest.raises(NoArticleError, match="consent"):
        summarize(html=page)


def test_an_article_with_a_consent_line_at_the_end_is_still_an_article() -> None:
    summary = summarize(ARTICLE + "\n\n" + COOKIE_WALL.split("\n\n")[1].split(". ")[0] + ".")
    assert len(summary.bullets) == 3


def test_news_about_data_protection_is_no_cookie_wall() -> None:
    news = (
        "Datenschutzbehörde verhängt Bußgeld gegen Versandhändler\n\n"
        "Die irische Datenschutzbehörde hat am Montag ein Bußgeld von 12 Millionen Euro gegen "
        "einen Versandhändler verhängt. Das Unternehmen habe Daten seiner Kunden ohne deren "
        "Zustimmung an Partner für personalisierte Werbung weitergegeben, teilte die Behörde mit."
        "\n\nDer Händler kündigte an, gegen die Entscheidung Widerspruch einzulegen. Die "
        "Einwilligung der Kunden sei in jedem Fall eingeholt worden, sagte ein Sprecher in Dublin."
    )
    assert len(summarize(news).bullets) >= 2


def test_news_about_a_cookie_ruling_is_no_cookie_wall() -> None:
    news = (
        "Gericht kippt vorausgefüllte Cookie-Häkchen\n\n"
        "Das Landgericht Kassel hat am Mittwoch geurteilt, dass Webseiten die Zustimmung zu "
        "Cookies nicht mit vorab gesetzten Häkchen einholen dürfen. Nutzer müssten der "
        "Verwendung von Cookies ausdrücklich zustimmen, die Cookie-Banner vieler Anbieter seien "
        "daher rechtswidrig. Geklagt hatte ein Verbraucherverband gegen einen Onlinehändler, "
        "dessen Cookie-Hinweis nur einen Knopf zum Akzeptieren bot.\n\n"
        "Der Händler kündigte an, in Berufung zu gehen. Nutzer müssen künftig wohl häufiger "
        "klicken, bevor sie eine Seite lesen können."
    )
    assert summarize(news).bullets  # was refused as a cookie wall


def test_evidence_text_is_exactly_the_source_slice() -> None:
    rnd = random.Random(5)
    for _ in range(12):
        chars = [("\n" if c == " " and rnd.random() < 0.08 else c) for c in ARTICLE]
        summary = summarize("".join(chars))
        for bullet in summary.bullets:
            for evidence in bullet.evidence:
                assert summary.source_text[evidence.start : evidence.end] == evidence.text


@pytest.mark.parametrize(
    "call",
    [
        lambda: summarize(123),
        lambda: summarize(None),
        lambda: summarize(["Text"]),
        lambda: summarize(url=123),
        lambda: summarize(html=b"<p>x</p>", url="https://example.org"),
        lambda: summarize(ARTICLE, bullets="3"),
        lambda: summarize(ARTICLE, bullets=True),
        lambda: summarize(ARTICLE, max_chars=None),
        lambda: summarize(ARTICLE, engine=7),
        lambda: Summarizer().summarize(ARTICLE, title=5),
        lambda: summarize(ARTICLE, input_format=["html"]),
    ],
)
def test_wrong_argument_types_are_configuration_errors(call) -> None:
    with pytest.raises(ConfigurationError):
        call()


def kurzgefasst(*args: str, **kwargs) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kurzgefasst.cli", "summarize", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_the_cli_stops_reading_an_endless_file_at_the_limit() -> None:
    process = kurzgefasst("/dev/zero")
    try:
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 2
    assert b"the limit is" in err and b"Traceback" not in err


def test_the_cli_stops_reading_stdin_at_the_limit() -> None:
    process = kurzgefasst("-", stdin=subprocess.PIPE)
    written = 0
    block = b"Der Rat tagte. " * 4096

    def feed() -> None:
        nonlocal written
        assert process.stdin is not None
        try:
            while written < 200_000_000:
                process.stdin.write(block)
                written += len(block)
            process.stdin.close()
        except (BrokenPipeError, OSError):
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    started = time.monotonic()
    err = process.stderr.read() if process.stderr else b""
    process.wait(timeout=120)
    writer.join(timeout=30)
    assert process.returncode == 2, err
    assert b"standard input has more than" in err
    # It stopped at the limit (5 MB) plus what the pipe holds, not after 200 MB.
    assert written < 20_000_000, written
    assert time.monotonic() - started < 60
