"""False alarms on faithful paraphrases: what editors and good models write must pass the guard.

Each class of false alarm seen on a strong model's fact-checked boxes has a bullet that must
pass and a bad bullet of the same shape that must still fail. The article
(tests/fixtures/guard/goldschatz.txt) was written for these tests. Bullets are checked as the
LLM engine checks a model's bullet (bullet stage strict, then the guard).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kurzgefasst.check import check_bullet
from kurzgefasst.document import Document, build_document
from kurzgefasst.german.quotes import english_quotes, verbatim
from kurzgefasst.german.wordforms import Vocabulary
from kurzgefasst.inputs import load_article
from kurzgefasst.options import Options

FIXTURE = Path(__file__).parent / "fixtures" / "guard" / "goldschatz.txt"


@pytest.fixture(scope="module")
def doc() -> Document:
    return build_document(load_article(FIXTURE.read_text(encoding="utf-8"), Options()))


def problems(text: str, doc: Document) -> set[str]:
    return {p.code for p in check_bullet(text, doc, Options(), lenient=False).problems}


@pytest.mark.parametrize(
    "bullet",
    [
        # word forms: a noun made of the article's participle, a genitive on a compound
        "Nach dem Einschmelzen des Goldschatzes aus dem Heimatmuseum von Hohenfurt meldete "
        "die Polizei die Festnahme von zwei Männern in Basel.",
        # a compound of a three-letter word and another word of the article
        "Die Diebe kamen mit einem Bus nach Hohenfurt, der Busfahrer wusste laut Polizei von "
        "nichts.",
        # a name given with its role in a table row
        "Die Vitrinen des Herstellers Vitrotec galten als sicher.",
        # a number of a table row read with the column heads, three rows above
        "Das Heimatmuseum von Hohenfurt zählte 2023 12.500 Besucher.",
        # the age of "der 45-Jährige" retold as "ein 45-jähriger Fahrer"
        "Ein 45-jähriger Busfahrer wurde laut Polizei nach einer Befragung freigelassen.",
        # an age said as "31 Jahre alt" where the article writes "31-jähriger"
        "Die Polizei nahm am Montag in Basel zwei Männer fest, einer von ihnen ist ein 31 Jahre "
        "alter Tunesier.",
        # a person named by role and age, not a pronoun
        "Der 31-jährige Tunesier wurde laut Polizei am Montag in Basel festgenommen.",
        # the police report goes on in reported speech: no source needed
        "Die Täter stiegen über das Dach des Museums ein und richteten einen Schaden von "
        "80.000 Franken an.",
        # an open question ("unklar, ob Wärter oder Putzkraft") the bullet leaves open
        "Ein Mitarbeiter hatte zuvor die Alarmanlage ausgeschaltet.",
        # "nur" before a number the bullet keeps
        "Die Versicherung zahlt für den Goldschatz 20.000 Franken.",
        # whose view it is, said with "vertritt die Auffassung"
        "Museumsdirektor Peter Brandner vertritt die Auffassung, dass die Münzen unersetzlich "
        "sind.",
        # a hedge kept as "möglicher … gilt als"
        "Als möglicher Drahtzieher gilt ein Händler aus Zürich.",
        # the reason a speaker gives in a sentence of its own
        "Das Museum hatte im Keller keine Kameras, weil die Kameras laut Brandner zu teuer "
        "gewesen seien.",
        # a quote with an omission, and a quote in English marks
        "Brandner sagte: „Wir haben alles verloren, … und wir werden es nie zurückbekommen“.",
        "Brandner sagte, die Stadt werde den Schatz “nie zurückbekommen”.",
    ],
)
def test_faithful_paraphrases_pass(doc: Document, bullet: str) -> None:
    assert problems(bullet, doc) == set()


@pytest.mark.parametrize(
    ("bullet", "code"),
    [
        # a compound the article does not have
        ("Nach dem Einschmelzen des Goldschatzes kamen die Diebe mit einem Lastwagen.", "novel"),
        # a name with a role noun that sits next to another name in the article
        ("Die Vitrinen des Museums stammen von einem Hersteller aus Zürich.", "names"),
        # another age for the same person
        ("Ein 46-jähriger Busfahrer wurde nach einer Befragung freigelassen.", "numbers"),
        # a duration is no age: the article's 31 is one
        ("Der Goldschatz lag seit 31 Jahren im Heimatmuseum von Hohenfurt.", "numbers"),
        # an age alone stands for a name the bullet does not give
        ("Der 45-Jährige wurde nach einer Befragung freigelassen.", "standalone"),
        # the open question answered
        ("Ein Wärter hatte die Alarmanlage ausgeschaltet.", "attribution"),
        # a director's claim stated as fact
        ("Die Münzen aus dem Heimatmuseum sind unersetzlich.", "attribution"),
        # "fast" before a number dropped: another number
        ("Der Schatz war 300 Jahre alt.", "negation"),
        # a possibility stated as fact
        ("Ein Händler aus Zürich ist der Drahtzieher.", "attribution"),
        # a quote with an omission whose parts are not the article's
        (
            "Brandner sagte: „Wir haben alles verloren, … und wir werden es bald zurückbekommen“.",
            "quotes",
        ),
        ("Brandner sagte, die Stadt werde den Schatz “bald zurückbekommen”.", "quotes"),
    ],
)
def test_inventions_of_the_same_shape_still_fail(doc: Document, bullet: str, code: str) -> None:
    assert code in problems(bullet, doc)


def test_participles_plurals_and_compounds_are_word_forms() -> None:
    vocabulary = Vocabulary(
        "Das Gold wurde eingeschmolzen und der Täter festgenommen . Firmen , Ski , "
        "Ausnahmerennfahrerin , Tranferfenster".split()
    )
    for word in ("Einschmelzen", "Festnahme", "Firma", "Skirennfahrerin", "Transferfensters"):
        assert vocabulary.knows(word), word
    for word in ("Gesetz", "Satz", "Schmelze", "Abschuss"):
        assert not vocabulary.knows(word), word


def test_a_quote_with_omissions_is_verbatim_part_by_part() -> None:
    source = '"Das Handy zusammenhauen, den Computer zusammenhauen und das Konto löschen", sagt er.'
    assert verbatim("Das Handy zusammenhauen, … das Konto löschen", source)
    assert verbatim("den Computer […] löschen", source)
    assert not verbatim("das Konto löschen … Das Handy zusammenhauen", source)
    assert not verbatim("Das Handy zusammenhauen, … das Auto löschen", source)
    assert [q.text for q in english_quotes("Er kritisiert den “Hofstaat” und „alles“.")] == [
        "Hofstaat"
    ]
