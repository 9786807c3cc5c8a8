"""Every engine's bullets pass the guard: failing ones are repaired or dropped (with a warning),
and ``strict=True`` raises instead."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from kurzgefasst import GuardError, Options, Summarizer
from kurzgefasst.contracts import Candidate, Usability
from kurzgefasst.document import Document
from kurzgefasst.engines import ENGINES
from kurzgefasst.engines.base import Engine
from kurzgefasst.german.anaphora import dangling_start
from kurzgefasst.guard import check

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = (FIXTURES / "drohnen.txt").read_text(encoding="utf-8")


class InventingEngine(Engine):
    """A generative engine that gets facts wrong, as small language models do."""

    name = "inventing"
    needs_fallback: ClassVar[bool] = True
    bullets: ClassVar[list[str]] = []

    def rank(self, doc: Document, n: int, usable: Usability) -> list[Candidate]:
        return [Candidate(text, (), 1.0, self.name) for text in self.bullets]


@pytest.fixture
def inventing(monkeypatch: pytest.MonkeyPatch) -> type[InventingEngine]:
    monkeypatch.setitem(ENGINES, "inventing", f"{__name__}:InventingEngine")
    return InventingEngine


def test_extractive_bullets_are_checked_self_contained_and_short() -> None:
    summary = Summarizer().summarize(ARTICLE)
    assert len(summary.bullets) == 3
    for bullet in summary.bullets:
        assert len(bullet.text) <= 200
        assert dangling_start(bullet.text) is None
        for evidence in bullet.evidence:
            assert summary.source_text[evidence.start : evidence.end] == evidence.text
    assert not summary.warnings


def test_a_resolved_pronoun_shows_in_edits_and_evidence() -> None:
    # The bullet stage's own repair; the box stage (rewrite) would fuse "Er sagte …" instead.
    summary = Summarizer().summarize(ARTICLE, bullets=6, rewrite=False)
    resolved = [b for b in summary.bullets if any("replaced by" in e for e in b.edits)]
    assert resolved, [b.text for b in summary.bullets]
    bullet = resolved[0]
    assert bullet.text.startswith("Wolodymyr Selenskyj sagte")
    assert [e.text[:12] for e in bullet.evidence] == ["Er sagte, Ru", "Der ukrainis"]
    assert bullet.to_dict()["edits"] == list(bullet.edits)


def test_an_invented_number_gives_its_place_to_the_default_box_bullet_on_its_sentence(
    inventing: type[InventingEngine],
) -> None:
    inventing.bullets = [
        "Laut dem ukrainischen Militär wurden 25 Prozent der Drohnen nicht abgefangen."
    ]
    summary = Summarizer().summarize(ARTICLE, engine="inventing")
    # The model's first place keeps its fact, in the default box's form and with its number.
    first = summary.bullets[0]
    assert first.text == (
        "Laut dem ukrainischen Militär wurden 12,5 Prozent der Drohnen nicht abgefangen."
    )
    assert first.engine == "extractive"
    assert any("repaired a bullet from inventing" in w and "'25'" in w for w in summary.warnings)
    assert [n.code for n in summary.notices] == ["guard_repaired", "default_fill"]
    assert not any("25 Prozent" in b.text for b in summary.bullets)
    for bullet in summary.bullets:
        assert check(bullet.text, _doc(summary), [e.sentence for e in bullet.evidence]).ok


def test_a_bullet_that_cannot_be_repaired_is_dropped_and_replaced(
    inventing: type[InventingEngine],
) -> None:
    # Its best evidence ("Dafür stimmten …") cannot stand alone, so there is nothing to repair with.
    inventing.bullets = ["Mehrere Abgeordnete der Partei von Olaf Scholz stimmten am Abend dafür."]
    summary = Summarizer().summarize(ARTICLE, engine="inventing")
    assert len(summary.bullets) == 3
    assert all(b.engine == "extractive" for b in summary.bullets)
    assert any(
        w.startswith("dropped a bullet from inventing") and "Scholz" in w for w in summary.warnings
    )
    assert "guard_dropped" in [n.code for n in summary.notices]


def test_strict_mode_raises_instead_of_repairing(inventing: type[InventingEngine]) -> None:
    inventing.bullets = ["„Wir lassen die Ukraine niemals im Stich“, sagte Pistorius in Berlin."]
    with pytest.raises(GuardError, match="quotes"):
        Summarizer().summarize(ARTICLE, engine="inventing", strict=True)


def test_strict_mode_passes_good_bullets(inventing: type[InventingEngine]) -> None:
    inventing.bullets = ["Die Bundesregierung kündigte neue Hilfe im Wert von 600 Mio. Euro an."]
    summary = Summarizer().summarize(ARTICLE, engine="inventing", strict=True)
    assert [b.text for b in summary.bullets if b.engine == "inventing"] == inventing.bullets
    assert not summary.warnings


def test_a_generated_bullet_the_bullet_stage_cannot_use_is_a_warning(
    inventing: type[InventingEngine],
) -> None:
    inventing.bullets = ["Er sagte, die Lage an der Front sei ernst und die Hilfe komme zu spät."]
    summary = Summarizer().summarize(ARTICLE, engine="inventing")
    assert any(w.startswith("skipped a bullet from inventing") for w in summary.warnings)
    assert [n.code for n in summary.notices] == ["generated_skipped"]
    assert summary.rejected[0].reasons == ("bullet: a pronoun whose person is not clear",)


def test_tighten_false_gives_whole_source_sentences() -> None:
    summarizer = Summarizer()
    tight = summarizer.summarize(ARTICLE, bullets=6)
    loose = summarizer.summarize(ARTICLE, bullets=6, options=Options(bullets=6, tighten=False))
    for bullet in loose.bullets:
        assert bullet.text.rstrip(".") in bullet.evidence[0].text.replace("#", "")
        assert not any("replaced" in e or "dropped" in e for e in bullet.edits)
    assert [b.text for b in tight.bullets] != [b.text for b in loose.bullets]


def _doc(summary: object) -> Document:
    from kurzgefasst.document import build_document
    from kurzgefasst.inputs import load_article

    return build_document(load_article(ARTICLE, Options()))


def test_an_article_of_only_long_sentences_still_gets_a_summary() -> None:
    sentence = (
        "Die Bundesregierung hat am Dienstag nach langen und zähen Beratungen im Kabinett ein "
        "neues Hilfspaket für die Ukraine mit Luftabwehrsystemen, Munition, Ersatzteilen für "
        "Panzer und medizinischer Ausrüstung im Wert von {n} Millionen Euro beschlossen."
    )
    article = " ".join(sentence.format(n=n) for n in (300, 400, 500))
    summary = Summarizer().summarize(article, max_chars=170)
    assert summary.bullets
    assert all(len(b.text) <= 255 for b in summary.bullets)
    assert any("over 170 characters" in w for w in summary.warnings)
