"""Page text is never a bullet: UI, ads, date stamps, teasers, interview questions."""

from __future__ import annotations

import pytest

from kurzgefasst.german.page_text import page_text_reason, strip_page_text


@pytest.mark.parametrize(
    "sentence",
    [
        "Mit nur zwei Klicks melden Sie den Fehler der Redaktion.",
        "Du kannst jetzt dein neues Passwort festlegen.",
        "Die folgenden Angebote sind mit Affiliate-Links versehen.",
        "06.11.23 - Sensation in der schwarzen Hochburg Petersberg bei Fulda!",
        "Herr Vilanek, in Deutschland gibt es sieben Millionen TV-Haushalte, die DVB-T nutzen.",
        "Für den Erwerb der Media Broadcast mussten Sie tief in die Tasche greifen.",
        "Zum Beispiel über den Oktober, der äußerst regenreich war, aber auch ungewöhnlich milde...",
        "Das passiert noch beim SK Rapid >>>",
        "Der Trailer gibt euch einen kurzen Überblick zu den zusätzlichen Inhalten.",
        "Ein Fehler ist aufgetreten.",
        "Vielen Dank!",
    ],
)
def test_page_text_is_recognised(sentence: str) -> None:
    assert page_text_reason(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Sie wollen die Steuern senken, sagte die Ministerin am Montag.",
        "„Haben Sie keine Angst“, rief der Bürgermeister den Anwohnern zu.",
        "Die Polizei hat am 31.10.2023 einen Verdächtigen festgenommen.",
        "Die Stadt Mannheim hat die Rheinbrücke am Freitag für den Schwerverkehr gesperrt.",
        "Frau Müller hatte die Firma 2019 gegründet.",
        "Im Stellwerk ist ein Fehler aufgetreten, der den Zugverkehr stundenlang stoppte.",
        "Vielen Dank an alle Helfer, sagte der Feuerwehrkommandant.",
    ],
)
def test_article_statements_pass(sentence: str) -> None:
    assert page_text_reason(sentence) is None


def test_strip_site_tag_and_link_aside() -> None:
    assert strip_page_text("(Motorsport-Total.com) - Alfa Romeo stellt das Auto vor.") == (
        "Alfa Romeo stellt das Auto vor."
    )
    text = "Ein Blick auf den Kader zeigt es (Das passiert noch beim SK Rapid >>>)."
    assert strip_page_text(text) == "Ein Blick auf den Kader zeigt es."
