"""The guard: hand-written bad bullets must fail with the right rule, good ones must pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from kurzgefasst.document import Document, build_document
from kurzgefasst.evaluation.faithfulness import checked_rules
from kurzgefasst.guard import RULES, check
from kurzgefasst.inputs import load_article
from kurzgefasst.options import Options

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def doc() -> Document:
    text = (FIXTURES / "drohnen.txt").read_text(encoding="utf-8")
    return build_document(load_article(text, Options()))


def index_of(doc: Document, start: str) -> int:
    return next(s.index for s in doc.sentences if s.text.startswith(start))


def rules(text: str, doc: Document, ids: tuple[int, ...] = ()) -> set[str]:
    return {p.rule for p in check(text, doc, ids).problems}


# One bad bullet per rule of the registry: (bullet, the sentence it claims to rest on).
BAD_BULLETS = {
    "evidence": ("Quantencomputer revolutionieren die Landwirtschaft.", None),
    "numbers": ("Die Bundesregierung kündigte neue Hilfe im Wert von 700 Mio. Euro an.", None),
    "names": ("Verteidigungsminister Olaf Scholz will das Paket an die Ukraine liefern.", None),
    "quotes": ("„Wir lassen die Ukraine niemals im Stich“, sagte Pistorius in Berlin.", None),
    "attribution": (
        "Russland hat in der Nacht mehr als 3.000 Drohnen eingesetzt.",
        "Er sagte, Russland habe",
    ),
    # generated bullets only (no sentence ids): a detail the article lacks, a dropped caveat
    "novel": ("Selenskyj bat in Kiew wegen einer Grippe um weitere Luftabwehrsysteme.", None),
    "caveat": ("Die ukrainische Luftabwehr fing 12,5 Prozent der Drohnen nicht ab.", None),
    # a negation the article does not make; two names that trade places
    "negation": ("Die Bundesregierung kündigte keine neue Hilfe an.", None),
    "roles": (
        "Verteidigungsminister Boris Pistorius (SPD) will die Ukraine bis Dezember an das Paket "
        "liefern.",
        None,
    ),
}


@pytest.mark.parametrize("rule", [rule.name for rule in RULES])
def test_every_rule_of_the_registry_catches_its_bad_bullet(doc: Document, rule: str) -> None:
    """A rule added to the registry needs a bad bullet here (and a line in faithfulness.md)."""
    bullet, source = BAD_BULLETS[rule]
    ids = (index_of(doc, source),) if source else ()
    assert rule in rules(bullet, doc, ids)


def test_the_evaluation_counts_exactly_the_rules_the_guard_runs() -> None:
    assert checked_rules() == {rule.name for rule in RULES} == set(BAD_BULLETS)
    documented = (Path(__file__).parents[1] / "docs" / "faithfulness.md").read_text("utf-8")
    assert all(f"### `{rule.name}`" in documented for rule in RULES)


def test_a_sentence_of_the_article_passes_with_its_evidence(doc: Document) -> None:
    sentence = doc.sentences[index_of(doc, "Laut dem ukrainischen Militär")]
    verdict = check(sentence.text, doc, (sentence.index,))
    assert verdict.ok, verdict.problems
    assert verdict.evidence == (sentence.index,)


def test_evidence_is_found_for_a_bullet_without_sentence_ids(doc: Document) -> None:
    verdict = check("Die Bundesregierung kündigte Hilfe im Wert von 600 Mio. Euro an.", doc)
    assert verdict.ok, verdict.problems
    assert verdict.evidence[0] == index_of(doc, "Die Bundesregierung kündigte")


@pytest.mark.parametrize(
    "bullet",
    [
        "Laut dem ukrainischen Militär wurden 15 Prozent der Drohnen nicht abgefangen.",
        "Laut dem ukrainischen Militär wurden 12,5 Prozent von 4.000 Drohnen nicht abgefangen.",
        "Die Bundesregierung kündigte neue Hilfe im Wert von 700 Mio. Euro an.",
        "Pistorius will das Paket bis zum 24. Dezember an die Ukraine liefern.",
        "Laut dem ukrainischen Militär wurden zwanzig Prozent der Drohnen nicht abgefangen.",
    ],
)
def test_a_changed_number_fails(doc: Document, bullet: str) -> None:
    assert "numbers" in rules(bullet, doc)


@pytest.mark.parametrize(
    "bullet",
    [
        "Laut dem ukrainischen Militär wurden 12,5 % der Drohnen nicht abgefangen.",
        "Die Bundesregierung kündigte neue Hilfe im Wert von 600 Millionen Euro an.",
        "Die Bundesregierung kündigte neue Hilfe im Wert von 600.000.000 Euro an.",
        "Selenskyj zufolge setzte Russland in der Nacht mehr als 3000 Drohnen ein.",
    ],
)
def test_the_same_number_in_another_format_passes(doc: Document, bullet: str) -> None:
    assert "numbers" not in rules(bullet, doc)


def test_a_swapped_name_fails(doc: Document) -> None:
    bullet = "Verteidigungsminister Olaf Scholz will das Paket bis Dezember an die Ukraine liefern."
    problems = check(bullet, doc).problems
    assert [p.rule for p in problems if p.rule == "names"] == ["names", "names"]
    assert any("Scholz" in p.detail for p in problems)


def test_a_name_in_another_case_is_the_same_name(doc: Document) -> None:
    bullet = (
        "Selenskyjs Bitte um Luftabwehr folgt auf Russlands Angriff mit mehr als 3.000 Drohnen."
    )
    assert "names" not in rules(bullet, doc)


def test_an_invented_quote_fails(doc: Document) -> None:
    bullet = "„Wir lassen die Ukraine niemals im Stich“, sagte Pistorius in Berlin."
    assert "quotes" in rules(bullet, doc)


def test_a_verbatim_quote_passes_whatever_the_quote_marks(doc: Document) -> None:
    bullet = '"Wir lassen die Ukraine nicht allein", sagte Pistorius in Berlin.'
    assert "quotes" not in rules(bullet, doc)


def test_a_quote_left_open_fails(doc: Document) -> None:
    assert "quotes" in rules("„Wir lassen die Ukraine nicht allein, sagte Pistorius.", doc)


def test_dropping_the_speaker_fails_attribution(doc: Document) -> None:
    source = index_of(doc, "Er sagte, Russland habe")
    bullet = "Russland hat in der Nacht mehr als 3.000 Drohnen eingesetzt."
    assert "attribution" in rules(bullet, doc, (source,))


def test_reported_speech_turned_into_fact_fails_attribution(doc: Document) -> None:
    source = index_of(doc, "Zudem sei die Stimmung")
    bullet = "Die Stimmung in der Hauptstadt war sehr angespannt."
    problems = check(bullet, doc, (source,)).problems
    assert "attribution" in [p.rule for p in problems]


def test_keeping_the_source_passes_attribution(doc: Document) -> None:
    source = index_of(doc, "Zudem sei die Stimmung")
    bullet = "Die Stimmung sei in der Hauptstadt nach Einschätzung von Experten sehr angespannt."
    assert check(bullet, doc, (source,)).ok


def test_a_bullet_the_article_does_not_support_fails_evidence(doc: Document) -> None:
    assert "evidence" in rules("Quantencomputer revolutionieren die Landwirtschaft.", doc)


def test_a_word_not_in_the_given_sentences_fails_evidence(doc: Document) -> None:
    source = index_of(doc, "Auch die Opposition")
    bullet = "Auch die Opposition im Bundestag forderte weniger Tempo bei den Lieferungen."
    assert "evidence" in rules(bullet, doc, (source,))
