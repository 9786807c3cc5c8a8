"""The Python API end to end: bullets, evidence, engines, errors."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from kurzgefasst import (
    BinaryInputError,
    ConfigurationError,
    EmptyInputError,
    InputTooLargeError,
    NoArticleError,
    NotGermanError,
    Options,
    TooShortError,
    render,
    summarize,
)


def test_three_bullets_with_evidence_offsets(example_text: str) -> None:
    summary = summarize(example_text)
    assert len(summary.bullets) == 3
    for bullet in summary.bullets:
        assert bullet.text.endswith((".", "!", "“", "»"))
        assert bullet.evidence
        for evidence in bullet.evidence:
            assert example_text[evidence.start : evidence.end] == evidence.text
    assert summary.title == "Pistorius kündigt neue Hilfe für die Ukraine an"


def test_boxes_credits_and_datelines_never_reach_a_bullet(
    example_text: str, school_text: str
) -> None:
    for text in (example_text, school_text):
        joined = " ".join(summarize(text, bullets=5).texts)
        for leftover in (
            "APA/",
            "Foto:",
            "(dpa)",
            "Berlin (",
            "Hannover (",
            "•",
            "Lesen Sie",
            "Newsletter",
        ):
            assert leftover not in joined
        assert "Pistorius sagt Hilfe zu" not in joined
        assert "GEW warnt vor Lehrermangel" not in joined


def test_no_bullet_starts_with_a_dangling_pronoun(school_text: str) -> None:
    for bullet in summarize(school_text, bullets=5).bullets:
        assert not bullet.text.startswith(("Er ", "Sie ", "Auch ", "Das kündigte"))


def test_lead_engine_takes_the_first_usable_sentences(school_text: str) -> None:
    summary = summarize(school_text, engine="lead", bullets=2)
    assert summary.engine == "lead"
    assert summary.bullets[0].text.startswith("Das Land Niedersachsen will")


def test_bullets_follow_article_order(example_text: str) -> None:
    starts = [b.evidence[0].start for b in summarize(example_text).bullets]
    assert starts == sorted(starts)


def test_html_input_is_detected(council_html: str) -> None:
    summary = summarize(council_html, bullets=2)
    assert len(summary.bullets) == 2
    assert summary.title and "Radwegenetz" in summary.title
    joined = " ".join(summary.texts)
    assert "Buslinie" not in joined and "Alle Rechte" not in joined
    # Evidence offsets point into the extracted article text.
    for bullet in summary.bullets:
        for evidence in bullet.evidence:
            assert summary.source_text[evidence.start : evidence.end] == evidence.text


def test_short_article_gives_fewer_bullets_and_a_warning() -> None:
    text = "Die Stadt Musterstadt baut im kommenden Jahr eine neue Brücke über den Fluss."
    summary = summarize(text)
    assert len(summary.bullets) == 1
    assert any("only 1 of 3" in w for w in summary.warnings)
    assert [n.code for n in summary.notices] == ["few_bullets"]
    assert summary.to_dict()["notices"] == [{"code": "few_bullets", "message": summary.warnings[0]}]


def test_json_contract(example_text: str) -> None:
    data = json.loads(render(summarize(example_text), "json"))
    assert {"title", "bullets", "engine", "warnings", "timings_ms"} <= set(data)
    bullet = data["bullets"][0]
    assert {"text", "evidence"} <= set(bullet)
    assert {"text", "start", "end"} <= set(bullet["evidence"][0])
    assert data["timings_ms"]["total"] > 0


def test_renderers(example_text: str) -> None:
    summary = summarize(example_text)
    assert render(summary, "text").startswith("• ")
    assert render(summary, "text", heading="Kurz gesagt").startswith("Kurz gesagt\n\n• ")
    assert render(summary, "markdown").splitlines()[2].startswith("- ")
    html = render(summary, "html")
    assert html.startswith("<aside") and "Zusammenfassung" in html


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_every_format_shows_evidence_on_request(example_text: str, fmt: str) -> None:
    summary = summarize(example_text)
    first_source = summary.bullets[0].evidence[0].text
    shown = render(summary, fmt, evidence=True)
    quoted = json.dumps(first_source, ensure_ascii=False)[1:-1] if fmt == "json" else first_source
    assert quoted in shown
    if fmt in ("markdown", "html"):
        assert shown.count("Quelle") == sum(len(b.evidence) for b in summary.bullets)
        assert "Quelle" not in render(summary, fmt)


def test_box_heading_is_chosen() -> None:
    summary = summarize((ROOT / "examples" / "artikel.txt").read_text(encoding="utf-8"))
    assert render(summary, "markdown", heading="Das Wichtigste in Kürze").startswith(
        "**Das Wichtigste in Kürze**\n\n- "
    )
    assert "<h2" not in render(summary, "html", heading="")
    assert "Darum geht&#x27;s</h2>" in render(summary, "html", heading="Darum geht's")


def test_html_rendering_escapes_article_text() -> None:
    text = (
        "Der Verein <script>alert(1)</script> feierte am Samstag sein hundertjähriges Bestehen im Rathaus. "
        "Zahlreiche Gäste aus der ganzen Region kamen zu dem großen Fest am Marktplatz. "
        "Der Bürgermeister lobte das Engagement der vielen ehrenamtlichen Mitglieder des Vereins."
    )
    html = render(summarize(text, input_format="text"), "html")
    assert "<script>" not in html


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ("", EmptyInputError),
        ("   \n\t  \n", EmptyInputError),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, BinaryInputError),
        (
            "The government announced a new aid package on Wednesday. The chancellor said the money "
            "would go to families and small businesses. Critics said it came too late.",
            NotGermanError,
        ),
        ("Die Regierung hat beschlossen, dass es so weitergeht. " * 5000, InputTooLargeError),
        (
            "<html><body><nav><a href='/'>Start</a></nav><div>Menü</div></body></html>",
            NoArticleError,
        ),
    ],
)
def test_bad_input_raises_typed_errors(data: str | bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        summarize(data)


SHORT_FOREIGN = [
    "This is an English text about the weather. It rains a lot in London today. Nobody likes it.",
    "The city council approved the budget for next year on Tuesday evening. The opposition voted against it.",
    "Le conseil municipal a adopté mardi soir le budget de l'année prochaine. L'opposition a voté contre.",
    "De gemeenteraad heeft dinsdagavond de begroting voor volgend jaar goedgekeurd. De oppositie stemde tegen.",
    "Il consiglio comunale ha approvato martedì sera il bilancio del prossimo anno. L'opposizione ha votato contro.",
    "Apple unveiled its new iPhone in California on Tuesday. The smartphone goes on sale in October in Germany.",
]


@pytest.mark.parametrize("text", SHORT_FOREIGN)
def test_short_foreign_texts_are_refused_in_plain_words(text: str) -> None:
    with pytest.raises(NotGermanError) as caught:
        summarize(text)
    assert "%" not in str(caught.value)
    assert caught.value.details["language"] in ("en", "fr", "nl", "it")


def test_a_few_words_are_too_short_not_foreign() -> None:
    with pytest.raises(TooShortError) as caught:
        summarize("Der Bundestag tagt heute.")
    assert "too short" in str(caught.value) and "%" not in str(caught.value)
    assert caught.value.code == "too_short"


def test_two_german_sentences_are_summarized() -> None:
    text = (
        "Der Stadtrat von Kassel hat am Dienstag den Haushalt für das kommende Jahr beschlossen. "
        "Die Opposition stimmte geschlossen dagegen und kritisierte die hohen Schulden der Stadt."
    )
    summary = summarize(text)
    assert 1 <= len(summary.bullets) <= 2
    assert summary.bullets[0].text.startswith("Der Stadtrat von Kassel")


def test_size_limit_is_configurable() -> None:
    text = "Die Regierung hat am Mittwoch ein neues Gesetz für die Schulen beschlossen. " * 20
    with pytest.raises(InputTooLargeError):
        summarize(text, max_input_bytes=500)


def test_bad_options() -> None:
    with pytest.raises(ConfigurationError):
        Options(bullets=0)
    with pytest.raises(ConfigurationError):
        summarize("Ein Satz.", engine="gibtsnicht")


def test_a_dateline_cut_from_a_later_paragraph_is_reported() -> None:
    text = (
        "Hafen in Not\n\n"
        "Der Hamburger Hafen verliert seit Jahren Marktanteile an Rotterdam und Antwerpen, und die "
        "Stadt sucht nach Auswegen.\n\n"
        "Hamburg (dpa) - Der Senat hat am Donnerstag einen neuen Hafenplan mit Investitionen von "
        "800 Millionen Euro vorgestellt.\n\n"
        "Die Opposition kritisierte die Pläne des Senats scharf und kündigte Widerstand in der "
        "Bürgerschaft an.\n"
    )
    summary = summarize(text)
    assert any("dateline removed" in b.edits for b in summary.bullets)
    assert summary.dateline == "Hamburg (dpa)"


def test_summary_renders_itself_and_has_a_short_repr(example_text: str) -> None:
    summary = summarize(example_text)
    assert summary.render("markdown") == render(summary, "markdown") == summary.to_markdown()
    assert summary.render() == str(summary)
    assert summary.bullets[0].text in str(summary)
    assert repr(summary).startswith("<Summary 3 bullets, engine='extractive'")
    assert len(repr(summary)) < 200
    assert example_text[200:260] not in repr(summary)


def test_the_web_page_has_a_german_line_for_every_notice_code() -> None:
    """Programs decide by notice codes; the page shows one German line per code."""
    import re
    from pathlib import Path

    from kurzgefasst.contracts import NOTICES

    script = Path(__file__).parents[1] / "src" / "kurzgefasst" / "service" / "static" / "app.js"
    block = script.read_text("utf-8").split("const NOTICES = {", 1)[1].split("};", 1)[0]
    assert set(re.findall(r"^\s*(\w+):", block, re.M)) == set(NOTICES)
