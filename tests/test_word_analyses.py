"""The shipped table of HanTa word analyses changes speed, never a tag or a lemma."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import pytest

from kurzgefasst.german import tagging, word_analyses

SENTENCES = [
    "Die Bundesregierung beschließt ein milliardenschweres Entlastungspaket für Pendler .",
    "Der Stürmer verletzte sich beim Aufwärmtraining und fällt wochenlang aus .",
    "Laut Staatsanwaltschaft soll der Angeklagte Schmiergelder kassiert haben .",
    "Hochwasser : Die Feuerwehr evakuierte am Mittwochabend mehrere Ortsteile .",
]


@lru_cache(maxsize=1)
def hanta_alone() -> Any:
    """HanTa exactly as it ships: no table, no caches of ours."""
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


def test_the_table_is_used_with_the_installed_hanta() -> None:
    assert word_analyses._matching_table() == word_analyses.TABLE
    stored = [w for s in SENTENCES for w in s.split() if word_analyses.lookup(w.lower())]
    # Frequent words outside HanTa's own cache come from the table; rarer ones
    # ("Entlastungspaket", "Aufwärmtraining") are still analysed by HanTa.
    assert {w.lower() for w in stored} == {
        "milliardenschweres",
        "pendler",
        "stürmer",
        "evakuierte",
        "mittwochabend",
        "ortsteile",
    }


def test_tags_and_lemmas_are_hantas_own() -> None:
    reference = hanta_alone()
    for sentence in SENTENCES:
        words = sentence.split()
        expected = reference.tag_sent(words, taglevel=1)
        assert tagging.pos_tags(words) == [pos for _, _, pos in expected]
        assert [pos for _, pos in tagging.tag(words)] == [pos for _, _, pos in expected]
        for word in words:
            assert tagging.tagger().analyze(word) == reference.analyze(word)


def _sample(n: int) -> list[str]:
    db = sqlite3.connect(f"file:{word_analyses.TABLE}?mode=ro", uri=True)
    try:
        (count,) = db.execute("SELECT count(*) FROM analyses").fetchone()
        step = max(1, count // n)
        rows = db.execute("SELECT word FROM analyses").fetchall()
    finally:
        db.close()
    return [word for (word,) in rows[::step]]


def test_stored_analyses_choose_as_hantas_own() -> None:
    """Every use HanTa makes of a word's analyses (the sentence tagger's cutoff of 5 with and
    without the capital, the single best for ``analyze``) gives the same answer from the table."""
    reference = hanta_alone()
    model = tagging.tagger()
    for word in _sample(300):
        for form in (word, word[:1].upper() + word[1:]):
            for casesensitive in (True, False):
                for cutoff, conditional in ((5, True), (0, False)):
                    args = (form, cutoff, casesensitive, conditional)
                    assert model._tag_word(*args) == reference._tag_word(*args), args


@pytest.fixture
def other_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(word_analyses, "model_fingerprint", lambda: "HanTa 9.9 another model")
    monkeypatch.setattr(word_analyses, "_connection", None)
    word_analyses._matching_table.cache_clear()
    yield
    monkeypatch.undo()
    word_analyses._matching_table.cache_clear()
    word_analyses._connection = None


def test_a_table_built_from_another_model_is_not_read(other_model: None) -> None:
    assert word_analyses.lookup("pendler") is None
