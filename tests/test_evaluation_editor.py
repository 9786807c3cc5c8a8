"""The editor columns on hand-made boxes: what an editor would flag, the columns flag."""

from __future__ import annotations

from kurzgefasst.document import build_document
from kurzgefasst.evaluation.editor import check_box, context_reason, redundant, summarize_checks
from kurzgefasst.inputs import load_article
from kurzgefasst.options import Options

TITLE = "Fußballprofi Juan Izquierdo nach Zusammenbruch gestorben"
ARTICLE = (
    "Der uruguayische Fußballprofi Juan Izquierdo ist nach seinem Zusammenbruch bei einem "
    "Spiel der Copa Libertadores gestorben. Der 27-Jährige war am Donnerstag in São Paulo auf "
    "dem Platz kollabiert. Die Ärzte konnten dem 27-Jährigen nicht mehr helfen, teilte das "
    "Krankenhaus mit.\n\n"
    "Sein Verein Nacional Montevideo sagte alle Termine ab. Dort trauern Fans und Spieler. "
    "Die Liga will die Herzuntersuchungen für alle Profis verschärfen."
)


def _doc():
    return build_document(load_article(ARTICLE, Options(check_language=False), title=TITLE))


def test_news_first_when_bullet_one_says_what_the_headline_announces() -> None:
    good = check_box(
        [
            "Der uruguayische Fußballprofi Juan Izquierdo ist nach seinem Zusammenbruch bei "
            "einem Spiel der Copa Libertadores gestorben.",
            "Die Liga will die Herzuntersuchungen für alle Profis verschärfen.",
        ],
        _doc(),
    )
    assert good.news and good.news_first
    late = check_box(
        [
            "Die Liga will die Herzuntersuchungen für alle Profis verschärfen.",
            "Der uruguayische Fußballprofi Juan Izquierdo ist nach seinem Zusammenbruch gestorben.",
        ],
        _doc(),
    )
    assert late.news and not late.news_first
    missing = check_box(
        ["Die Liga will die Herzuntersuchungen für alle Profis verschärfen."], _doc()
    )
    assert not missing.news


def test_without_a_title_the_first_sentence_is_the_news() -> None:
    doc = build_document(load_article(ARTICLE, Options(check_language=False)))
    assert doc.title is None
    assert check_box([doc.sentences[0].text], doc).news_first


def test_context_flags_what_needs_the_article() -> None:
    needs = {
        "Die Ärzte konnten dem 27-Jährigen nicht mehr helfen.": "age",
        "Dort trauern Fans und Spieler des Vereins seit Tagen.": "Dort",
        "Über Drittstaaten gelangten die Waffen dann nach Russland.": "dann",
        "Zudem sei die Lage in der Stadt weiter angespannt.": "Zudem",
        "Er hatte zuvor über Schmerzen in der Brust geklagt.": "Er",
        "Wie geht es nun weiter mit dem Verein?": "question",
        "Die Ermittler befragten den SPD-Politiker am Montag stundenlang.": "role",
        "Spieler, Fans und Funktionäre des Vereins Nacional Montevideo …": "fragment",
        "Grund sind laut Wiener Linien Probleme mit der Software.": "Grund",
        "Die Folge wäre ein ungeregeltes Ausscheiden aus der EU.": "Folge",
        "Hintergrund ist ein Streit um die Finanzierung des Projekts.": "Hintergrund",
        "Ziel ist es, die Emissionen bis 2030 zu halbieren.": "Ziel",
    }
    for bullet, word in needs.items():
        reason = context_reason(bullet)
        assert reason is not None, bullet
        assert word.lower() in reason.lower() or word in ("fragment",), (bullet, reason)


def test_context_lets_self_contained_bullets_pass() -> None:
    fine = [
        "Der uruguayische Fußballprofi Juan Izquierdo ist nach seinem Zusammenbruch gestorben.",
        "Die Ärzte konnten dem 27-jährigen Juan Izquierdo nicht mehr helfen.",
        "Die Ermittler befragten den SPD-Politiker Karl Lauterbach am Montag stundenlang.",
        "„Er war ein großartiger Mensch“, sagte Trainer Martín Lasarte über Izquierdo.",
        "Wenn die Liga zustimmt, dann werden alle Profis jährlich untersucht.",
        "Fünf Kinder starben; zudem seien zwei Erwachsene umgekommen, teilte die Polizei mit.",
        "Der Grund für die Verspätung ist ein Unfall auf der A1 bei Salzburg.",
        "Die Folgen des Klimawandels sind in Österreich deutlich spürbar.",
        "Ziel der Reform ist es, die Emissionen bis 2030 zu halbieren.",
    ]
    for bullet in fine:
        assert context_reason(bullet) is None, (bullet, context_reason(bullet))


def test_redundant_pairs_and_summary_columns() -> None:
    a = "Juan Izquierdo ist nach seinem Zusammenbruch bei einem Spiel gestorben."
    b = "Nach seinem Zusammenbruch bei einem Spiel ist Juan Izquierdo gestorben, sagte der Verein."
    c = "Die Liga will die Herzuntersuchungen für alle Profis verschärfen."
    assert redundant(a, b)
    assert not redundant(a, c)
    checks = [check_box([a, b], _doc()), check_box([a, c], _doc())]
    columns = summarize_checks(checks)
    assert columns["redundant"] == 0.5
    assert columns["news"] == 1.0
    assert columns["context"] == 0.0
