"""Paraphrase or invention: the guard's rules for bullets it finds evidence for itself.

The article (tests/fixtures/guard/seebruecke.txt, written for these tests) has a dateline, a
list, quotes in «», a police report, an accusation, a "soll" rumour, a restriction in the next
sentence and an open question. Each bad bullet must fail with the rule named; each correct
paraphrase must pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kurzgefasst import faithful
from kurzgefasst.document import Document, build_document
from kurzgefasst.german.wordforms import Vocabulary, stem
from kurzgefasst.inputs import load_article
from kurzgefasst.options import Options

FIXTURE = Path(__file__).parent / "fixtures" / "guard" / "seebruecke.txt"


@pytest.fixture(scope="module")
def doc() -> Document:
    return build_document(load_article(FIXTURE.read_text(encoding="utf-8"), Options()))


def rules(text: str, doc: Document) -> set[str]:
    return {f.rule for f in faithful.check(text, doc)[1]}


@pytest.mark.parametrize(
    "bullet",
    [
        # paraphrase with a neutral official source ("teilte mit") left out
        "Die Quaibrücke bleibt nach dem Unfall eines Lastwagens bis Ende Mai gesperrt.",
        # two facts from two sentences, one clause each
        "Die Reparatur der Brücke kostet rund 2,4 Millionen Franken und dauert acht Wochen.",
        # a compound of two article words, and the police report with its source
        "Der Lastwagenfahrer war laut Polizei mit 60 km/h unterwegs, erlaubt sind 30 km/h.",
        # list items are part of the article
        "Die Umleitung führt über die Rudolf-Brun-Brücke, die Bahnhofbrücke und die Walchebrücke.",
        # a quote in another quote style, with the speaker's "ich"
        "Stadträtin Simone Brander sagte: „Ich verstehe den Ärger der Anwohner.“",
        "Stadträtin Brander sagt, die Brücke sei ‹erst im Herbst geprüft› worden.",
        # the rumour and the accusation kept as such
        "Anwohner sollen die Sperrung schon vor dem Unfall gefordert haben.",
        "Der Quartierverein wirft der Stadt vor, Warnungen ignoriert zu haben.",
        # place adjective of the dateline's place
        "Die Zürcher Quaibrücke ist die wichtigste Verbindung über den See.",
        # a negation in other words, a restriction kept, a passive for the active
        "Die Stadt will die alte Brücke keinesfalls abreissen.",
        "Nur die Feuerwehr darf die Brücke während der Sperrung noch befahren.",
        "Vom Quartierverein wird der Stadt vorgeworfen, Warnungen über Jahre ignoriert zu haben.",
        # the source kept by a verb of saying, or "sagte X" as "laut X"
        "Der Quartierverein behauptet, die Stadt habe Warnungen über Jahre ignoriert.",
        "Laut Stadträtin Simone Brander wurde die Brücke erst im Herbst geprüft.",
        "Laut einem Anwohner kam die Polizei erst nach einer halben Stunde.",
        # a caveat kept in other words
        "Die Trams der Linien 2 und 4 fahren an Werktagen über den Bellevue-Platz.",
    ],
)
def test_correct_paraphrases_pass(doc: Document, bullet: str) -> None:
    aligned, findings = faithful.check(bullet, doc)
    assert not findings, findings
    assert aligned.evidence


@pytest.mark.parametrize(
    ("bullet", "rule"),
    [
        ("Die Brücke in der Zürcher Innenstadt ist die wichtigste Verbindung.", "novel"),
        ("Die Reparatur kostet 2,4 Millionen Franken, weil das Geländer ersetzt wird.", "novel"),
        ("Alle Trams fahren während der Sperrung über den Bellevue-Platz.", "novel"),
        ("Der 30-jährige Fahrer wurde leicht verletzt.", "numbers"),
        ("Der Fahrer wurde am Dienstagmorgen leicht verletzt.", "numbers"),
        ("Die Reparatur der Brücke dauert 30 Wochen.", "numbers"),
        ("Anwohner haben die Sperrung bereits vor dem Unfall gefordert.", "attribution"),
        ("Die Stadt hat Warnungen über Jahre ignoriert.", "attribution"),
        ("Die Brücke wird nach der Reparatur breiter.", "attribution"),
        ("Die Trams der Linien 2 und 4 fahren über den Bellevue-Platz.", "caveat"),
        # a party's claim stated as fact, though an authority is named in the sentence
        ("Die Polizei kam erst nach einer halben Stunde.", "attribution"),
        # negation and restriction added or dropped
        ("Die Quaibrücke bleibt nach dem Unfall nicht gesperrt.", "negation"),
        ("Die Stadt will die alte Brücke abreissen.", "negation"),
        ("Die Feuerwehr darf die Brücke noch befahren.", "negation"),
        ("Die Reparatur kostet nur rund 2,4 Millionen Franken.", "negation"),
        # who accuses whom, and a verb turned into its opposite
        (
            "Die Stadt wirft dem Quartierverein vor, Warnungen über Jahre ignoriert zu haben.",
            "roles",
        ),
        ("Die Quaibrücke wird nach dem Unfall bis Ende Mai geöffnet.", "novel"),
    ],
)
def test_inventions_fail_with_their_rule(doc: Document, bullet: str, rule: str) -> None:
    assert rule in rules(bullet, doc)


def test_a_fused_bullet_shows_every_sentence_it_rests_on(doc: Document) -> None:
    aligned, _ = faithful.check(
        "Die Reparatur der Brücke kostet rund 2,4 Millionen Franken und dauert acht Wochen.", doc
    )
    texts = [doc.sentences[i].text for i in aligned.evidence]
    assert any("2,4 Millionen" in t for t in texts)
    assert any("acht Wochen" in t for t in texts)


def test_word_forms_find_stems_compounds_and_place_adjectives() -> None:
    vocab = Vocabulary("Zürcher Luxus-Klinik Goldmedaille Olympischen Lastwagens Fahrer".split())
    assert stem("Gründen") == stem("Grund") or stem("Gründe") == stem("Gründen")
    assert vocab.knows("Zürich")
    assert vocab.knows("Lastwagenfahrer")
    assert vocab.knows("Olympia-Gold")
    assert not vocab.knows("Knieverletzung")
    assert not vocab.knows("Nordseeküste")


def test_a_box_checked_as_editors_write_it() -> None:
    """The public check: a fused bullet shows both sentences, a quote in another style with the
    speaker's "Ich" passes, a list item is the article's, a dropped restriction is named."""
    from kurzgefasst.check import check_box

    box = [
        "Die Reparatur kostet rund 2,4 Millionen Franken und dauert acht Wochen.",
        "Stadträtin Simone Brander sagte: ‹Ich verstehe den Ärger der Anwohner.›",
        "Die Umleitung führt unter anderem über die Walchebrücke.",
        "Die Trams der Linien 2 und 4 fahren über den Bellevue-Platz.",
    ]
    result = check_box(FIXTURE.read_text(encoding="utf-8"), box)
    fused, quote, listed, restricted = result.bullets
    assert fused.ok and len(fused.evidence) == 2
    assert quote.ok, quote.problems
    assert listed.ok, listed.problems
    assert [p.code for p in restricted.problems] == ["caveat"]
