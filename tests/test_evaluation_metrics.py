"""ROUGE for German, the paired bootstrap and the faithfulness counters of `kurzgefasst eval`."""

from __future__ import annotations

import pytest

pytest.importorskip("rouge_score")

from kurzgefasst.document import build_document
from kurzgefasst.evaluation.faithfulness import check_bullet, checked_rules, squash_input
from kurzgefasst.evaluation.rouge import GermanTokenizer, rouge
from kurzgefasst.evaluation.stats import paired_bootstrap
from kurzgefasst.inputs import load_article
from kurzgefasst.options import Options

ARTICLE = (
    "Kassel – Die Stadtwerke Kassel haben am Montag 120 neue Elektrobusse bestellt. "
    "Die Fahrzeuge kosten nach Angaben des Unternehmens rund 60 Millionen Euro. "
    "„Wir fahren bald elektrisch“, sagte Geschäftsführerin Anna Weber bei der Vorstellung.\n\n"
    "Die ersten Busse sollen im Frühjahr 2026 auf den Linien 4 und 7 fahren. "
    "Er kündigte zudem neue Ladestationen am Betriebshof an."
)


def test_umlauts_and_eszett_survive_the_tokenizer() -> None:
    assert GermanTokenizer(stem=False).tokenize("Größe, Übermaß und Äpfel!") == [
        "größe",
        "übermaß",
        "und",
        "äpfel",
    ]


def test_words_that_differ_only_in_umlauts_do_not_match() -> None:
    # rouge-score's default tokenizer turns both into "gr e" and scores 100.
    assert rouge(["Größe"], "Grüße")["rouge1"] == 0.0


def test_inflected_forms_match_after_stemming() -> None:
    assert rouge(["die Soldaten"], "der Soldat")["rouge1"] == pytest.approx(50.0)
    assert rouge(["die Soldaten"], "der Soldat", stem=False)["rouge1"] == 0.0


def test_bullets_are_lines_for_rouge_lsum() -> None:
    reference = ["Der Hafen wächst.", "Die Zölle steigen."]
    assert rouge(reference, reference)["rougeLsum"] == pytest.approx(100.0)
    swapped = rouge(list(reversed(reference)), reference)
    assert swapped["rougeLsum"] == pytest.approx(100.0)  # summary-level LCS, per line
    assert swapped["rouge2"] < 100.0


def test_bootstrap_of_identical_systems_is_zero() -> None:
    scores = [12.0, 30.5, 18.2, 25.0, 9.9, 40.1, 22.2, 17.0]
    diff = paired_bootstrap(scores, list(scores))
    assert (diff.mean, diff.low, diff.high) == (0.0, 0.0, 0.0)


def test_bootstrap_separates_a_consistently_better_system() -> None:
    base = [10.0 + (i * 7) % 13 for i in range(60)]
    better = [s + 2.0 + (i % 3) * 0.5 for i, s in enumerate(base)]
    diff = paired_bootstrap(better, base)
    assert diff.low > 1.5 and diff.high < 3.5
    assert diff.p_not_better == 0.0
    # Same seed, same answer: figures in the docs are reproducible.
    assert paired_bootstrap(better, base) == diff


@pytest.fixture(scope="module")
def doc():  # type: ignore[no-untyped-def]
    return build_document(load_article(ARTICLE, Options()))


def _check(text: str, doc, evidence: tuple[int, ...] = ()):  # type: ignore[no-untyped-def]
    texts = tuple(doc.sentences[i].text for i in evidence)
    return check_bullet(text, doc, evidence, texts, squash_input(ARTICLE, None))


def test_a_source_sentence_has_no_problems(doc) -> None:  # type: ignore[no-untyped-def]
    check = _check(doc.sentences[0].text, doc, (0,))
    assert not check.problems
    assert check.evidence_verbatim and check.verbatim
    assert check.dangling is None


def test_a_changed_number_is_counted(doc) -> None:  # type: ignore[no-untyped-def]
    check = _check("Die Stadtwerke Kassel haben am Montag 450 neue Elektrobusse bestellt.", doc)
    assert check.problems["numbers"] == 1
    assert not check.verbatim


def test_an_invented_quote_is_counted(doc) -> None:  # type: ignore[no-untyped-def]
    check = _check("„Wir fahren nie wieder Diesel“, sagte Geschäftsführerin Anna Weber.", doc)
    assert check.problems["quotes"] == 1
    assert "numbers" not in check.problems


def test_dangling_start_and_missing_evidence(doc) -> None:  # type: ignore[no-untyped-def]
    check = _check(doc.sentences[-1].text, doc)
    assert check.dangling == "Er"
    # No declared evidence (a generative system): never counted as verbatim evidence.
    assert not check.evidence_verbatim


def test_the_evaluation_knows_the_rules_the_guard_checks() -> None:
    assert {"numbers", "names", "quotes", "attribution", "evidence"} <= checked_rules()
