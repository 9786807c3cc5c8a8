"""Pasted text → Article: credits, titles, boxes and datelines never reach the sentences."""

from __future__ import annotations

import pytest

from kurzgefasst.article import parse_text, split_dateline


def test_credit_title_lead_and_boxes(example_text: str) -> None:
    article = parse_text(example_text)
    assert article.credit == "APA/APA/AFP/JOHN MACDOUGALL"
    assert article.title == "Pistorius kündigt neue Hilfe für die Ukraine an"
    assert article.dateline == "Berlin (dpa)"
    assert article.paragraphs[0].kind == "lead"
    assert article.paragraphs[0].text.startswith("Verteidigungsminister Boris Pistorius")
    body = article.body
    for leftover in (
        "Pistorius sagt Hilfe zu",
        "Lesen Sie auch",
        "#Ukraine",
        "Zusammenfassung",
        "APA/",
    ):
        assert leftover not in body
    kinds = {r.kind for r in article.removed}
    assert {"credit", "title", "summary_box", "related", "hashtags"} <= kinds


def test_paragraph_offsets_point_into_the_input(example_text: str) -> None:
    article = parse_text(example_text)
    for paragraph in article.paragraphs:
        assert example_text[paragraph.start : paragraph.end] == paragraph.text


def test_summary_box_after_stray_icon_word_and_related_headlines(school_text: str) -> None:
    text = school_text.replace("Das Wichtigste in Kürze", "info_outline Das Wichtigste in Kürze")
    article = parse_text(text)
    body = article.body
    assert "GEW warnt vor Lehrermangel" not in body
    assert "Wie andere Länder gegensteuern" not in body
    assert "Newsletter" not in body
    assert article.credit == "Foto: dpa/Max Mustermann"
    assert article.title == "Land stellt 2.500 neue Lehrkräfte ein"


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("Berlin (dpa) - Die Regierung hat beschlossen.", "Berlin (dpa)"),
        ("Wien – Die Regierung hat beschlossen.", "Wien"),
        ("Frankfurt/Main (dpa/lhe) - Ein Zug ist entgleist.", "Frankfurt/Main (dpa/lhe)"),
        ("WASHINGTON (AP) — Der Präsident sprach.", "WASHINGTON (AP)"),
        ("Merkel – die frühere Kanzlerin – sprach.", None),
        ("Der Mann – ein Rentner – wurde verletzt.", None),
        ("Die Grünen - Die Partei hat gewählt.", None),
    ],
)
def test_datelines(paragraph: str, dateline: str | None) -> None:
    assert split_dateline(paragraph)[0] == dateline


def test_hard_wrapped_paragraph_is_joined_without_moving_offsets() -> None:
    text = (
        "Die Stadt will bis zum Jahr 2030 insgesamt\nfünfzig neue Spielplätze bauen, teilte die"
        "\nVerwaltung am Freitag mit.\n\nDer Gemeinderat muss noch zustimmen, was im Herbst erwartet wird."
    )
    article = parse_text(text)
    assert len(article.paragraphs) == 2
    first = article.paragraphs[0]
    assert "\n" not in first.text
    assert text[first.start : first.end].replace("\n", " ") == first.text


def test_one_paragraph_per_line_is_kept_apart() -> None:
    text = "Erster Absatz mit einem ganzen Satz.\nZweiter Absatz mit einem ganzen Satz."
    assert len(parse_text(text).paragraphs) == 2


BOX_WITHOUT_MARKERS = """Stadt sperrt die Rheinbrücke für Lastwagen

Das Wichtigste in Kürze
Die Rheinbrücke ist ab Montag für Lastwagen über 7,5 Tonnen gesperrt.
Grund sind Risse in zwei Stahlträgern.
Die Sanierung soll bis 2027 dauern.

Die Stadt Mannheim hat die Rheinbrücke am Freitag für den Schwerverkehr gesperrt. Prüfer \
hatten bei einer Routinekontrolle Risse in zwei Stahlträgern gefunden, wie ein Sprecher sagte.

Für Autos und Busse bleibt die Brücke offen. Die Umleitung führt über die Autobahn."""


def test_summary_box_without_markers_is_not_input() -> None:
    article = parse_text(BOX_WITHOUT_MARKERS)
    body = article.body
    assert "Grund sind Risse" not in body
    assert "bis 2027" not in body
    assert body.startswith("Die Stadt Mannheim hat die Rheinbrücke")
    assert "Für Autos und Busse bleibt die Brücke offen." in body


def test_summary_box_with_markers_ends_at_the_first_body_line() -> None:
    text = BOX_WITHOUT_MARKERS.replace("\nDie Rheinbrücke ist", "\n- Die Rheinbrücke ist")
    text = text.replace("\nGrund sind", "\n- Grund sind").replace(
        "\nDie Sanierung", "\n- Die Sanierung"
    )
    text = text.replace("Tonnen gesperrt.\n", "Tonnen gesperrt.\n", 1).replace(
        "bis 2027 dauern.\n\n", "bis 2027 dauern.\nDie Stadt sucht eine Lösung.\n\n"
    )
    body = parse_text(text).body
    assert "Grund sind Risse" not in body
    assert "Die Stadt sucht eine Lösung." in body
