"""The German layer: sentences, numbers, quotes, pointers, language."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kurzgefasst.german import anaphora, language, numbers, quotes, sentences, tagging


def test_sentences_respect_abbreviations_ordinals_and_quotes() -> None:
    text = (
        "Am 24. Oktober kamen ca. 600 Fans des 1. FC Köln, z. B. aus Bonn. "
        "Dr. Müller sagte: „Das ist gut. Wir feiern.“ Danach gingen alle nach Hause."
    )
    result = sentences.split_text(text)
    assert result == [
        "Am 24. Oktober kamen ca. 600 Fans des 1. FC Köln, z. B. aus Bonn.",
        "Dr. Müller sagte: „Das ist gut. Wir feiern.“",
        "Danach gingen alle nach Hause.",
    ]


def test_number_at_sentence_end_is_not_an_ordinal() -> None:
    text = "Er wurde Dritter von 21. Die Polizei ermittelt am 3. Oktober im 21. Jahrhundert."
    assert sentences.split_text(text) == [
        "Er wurde Dritter von 21.",
        "Die Polizei ermittelt am 3. Oktober im 21. Jahrhundert.",
    ]


def test_token_offsets_match_text() -> None:
    text = "Die SPD-Politikerin lobte das Paket für 3.000 Euro."
    for sentence in sentences.split(text):
        for token in sentence:
            assert text[token.start : token.end] == token.text


@pytest.mark.parametrize(
    "text",
    [
        "Am 24. Oktober kamen ca. 600 Fans des 1. FC Köln, z. B. aus Bonn. Dr. Müller sagte: "
        "„Das ist gut. Wir feiern.“ Mehr unter www.example.org/fans.html oder @fcK.",
        "Die Fans jubelten 🎉🎉 und sangen ❤️ – dann ging es 👍🏽 nach Hause 🇩🇪. Danach :-) Ruhe.",
        "Der Bun\u00addes\u00adtag tagte\u00a0am Mittwoch.\u200b Die Sitzung\tdauerte 3 Std.",
        "Die Stadt Mu\u0308nchen (decomposed) plant 12,5 Mio. Euro für die Schule – laut OB.",
        'Er sagte: "Wir sind bereit." Sie antwortete: »Gut so.« Es folgte die 3. Runde.',
    ],
)
def test_fast_somajo_gives_plain_somajos_tokens(text: str) -> None:
    # The shortcuts of german.tokenizer must never change a token, an offset or a boundary,
    # also for text with emoji, soft hyphens, zero-width spaces and decomposed umlauts.
    from somajo import SoMaJo

    plain = SoMaJo("de_CMC", split_camel_case=False, character_offsets=True)
    assert sentences.split(text) == sentences.split(text, tokenizer=plain)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3.000 Menschen", Decimal(3000)),
        ("12,5 Prozent", Decimal("12.5")),
        ("am 24. Oktober", Decimal(24)),
        ("zwei Tote", Decimal(2)),
        ("1.250,5 Tonnen", Decimal("1250.5")),
        ("100%", Decimal(100)),
    ],
)
def test_numbers_are_normalised(text: str, value: Decimal) -> None:
    assert value in numbers.number_values(text)


def test_scaled_numbers_match_either_form() -> None:
    source = numbers.number_values("Das Paket kostet 3,5 Millionen Euro.")
    assert numbers.unsupported_numbers("Es kostet 3,5 Mio. Euro.", source) == []
    assert numbers.unsupported_numbers("Es kostet 3.500.000 Euro.", source) == []
    assert numbers.unsupported_numbers("Es kostet 4,5 Mio. Euro.", source) == ["4,5 Mio."]


def test_quotes_of_every_style() -> None:
    text = 'Er sagte „ja“, sie sagte »nein«, und «vielleicht» stand im "Bericht".'
    assert [q.text for q in quotes.find_quotes(text)] == ["ja", "nein", "vielleicht", "Bericht"]
    assert quotes.has_unbalanced_quotes("„Das ist der Anfang eines Zitats.")
    assert not quotes.has_unbalanced_quotes("Er sagte: „Das ist ganz.“")


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Das sei hoch wahrscheinlich, hieß es.", True),
        ("Laut der Polizei wurde niemand verletzt.", True),
        ("Der Regierung zufolge steigen die Preise.", True),
        ("Die Preise steigen im Herbst.", False),
    ],
)
def test_attribution(sentence: str, source: bool) -> None:
    assert (quotes.attribution(sentence) is not None) is source


@pytest.mark.parametrize(
    ("sentence", "pointer"),
    [
        ("Er betonte, die Lage sei ernst.", "Er"),
        ("Dies sei ein wichtiges Signal.", "Dies"),
        ("Zudem sollen die Preise steigen.", "Zudem"),
        ("Das ist ein Problem für die Stadt.", "Das"),
        ("Das Paket umfasst Munition.", None),
        ("Es gibt keine Verletzten.", None),
        ("Die Regierung hat beschlossen.", None),
    ],
)
def test_dangling_start(sentence: str, pointer: str | None) -> None:
    assert anaphora.dangling_start(sentence) == pointer


def test_tagging_keeps_name_spelling() -> None:
    tags = tagging.tag(["Pistorius", "besuchte", "die", "USA"])
    assert tags[0] == ("Pistorius", "NE")
    assert tags[3][0] == "USA"


def test_tagging_gives_hantas_own_tags_and_lemmas() -> None:
    """``tag`` and ``pos_tags`` share one Viterbi run and cache words: HanTa's tag_sent is
    the reference, tag for tag and lemma for lemma (before the spelling fixes)."""
    sentence = "Der 27-jährige Stürmer sagte am Mittwoch in Kassel : „ Wir fahren bald . “".split()
    reference = tagging.tagger().tag_sent(sentence, taglevel=1)
    for _ in range(2):  # the second time from the caches
        assert tagging.pos_tags(sentence) == [pos for _, _, pos in reference]
        assert [pos for _, pos in tagging.tag(sentence)] == [pos for _, _, pos in reference]
    assert tagging.tag(["Pistorius", "besuchte", "die", "USA"])[1] == ("besuchen", "VV(FIN)")


def test_language_check_on_short_snippets() -> None:
    """Every hand-written short snippet (DE/EN/FR/NL/IT) is told German or not correctly."""
    import json

    from conftest import FIXTURES

    lines = (FIXTURES / "language_snippets.jsonl").read_text(encoding="utf-8").splitlines()
    snippets = [json.loads(line) for line in lines]
    assert {s["lang"] for s in snippets} == {"de", "en", "fr", "nl", "it"}
    wrong = [s["text"] for s in snippets if language.is_german(s["text"]) != (s["lang"] == "de")]
    assert wrong == []
    assert language.identify("Le gouvernement a annoncé mercredi une nouvelle aide.") == "fr"
    assert language.language_name("nl") == "Dutch"


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """An empty resource cache; loaded resources are forgotten before and after."""
    from kurzgefasst.german import lexicon

    def forget() -> None:
        lexicon._table.cache_clear()
        lexicon.zipf.cache_clear()
        language._identifier.cache_clear()

    monkeypatch.setenv("KURZGEFASST_CACHE_DIR", str(tmp_path))
    forget()
    yield tmp_path
    forget()


_ZIPF_WORDS = [
    "der", "Regierung", "Straße", "STRASSE", "Ärztinnen", "Pistorius", "Selenskyj", "naïve",
    "SPD-Politikerin", "geht’s", "Pistorius'", "A380", "G7", "3.000", "12,5", "0", "7", "07",
    "000", "1989", "2024", "2061", "123456", "µ", "ª", "İstanbul", "東京", "x_y", "", "Qxzvbnm",
]  # fmt: skip


def test_compact_word_list_gives_wordfreqs_values(fresh_cache) -> None:  # type: ignore[no-untyped-def]
    from wordfreq import zipf_frequency

    from kurzgefasst.german import lexicon

    assert lexicon._table() is not None  # built into the fresh cache
    assert list(fresh_cache.glob("wordfreq-de/*/wordfreq-de.marshal"))
    assert [lexicon.zipf(w) for w in _ZIPF_WORDS] == [zipf_frequency(w, "de") for w in _ZIPF_WORDS]


def test_without_a_cache_wordfreq_answers(monkeypatch, fresh_cache) -> None:  # type: ignore[no-untyped-def]
    from wordfreq import zipf_frequency

    from kurzgefasst.german import lexicon

    monkeypatch.setenv("KURZGEFASST_CACHE_DIR", "off")
    assert lexicon._table() is None
    assert lexicon.zipf("Regierung") == zipf_frequency("Regierung", "de")


def test_unpacked_language_model_gives_the_same_verdicts(fresh_cache) -> None:  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    packed = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    unpacked = language._identifier()
    assert list(fresh_cache.glob("py3langid/*/ptc.npy"))
    texts = [
        "Die Bundesregierung hat am Mittwoch ein neues Hilfspaket beschlossen.",
        "The government announced a new aid package on Wednesday.",
        "Le gouvernement a annoncé mercredi une nouvelle aide.",
        "De regering kondigde woensdag een nieuw hulppakket aan.",
        "",
    ]
    assert [unpacked.classify(t) for t in texts] == [packed.classify(t) for t in texts]


def test_written_numbers_in_any_case_and_compounds() -> None:
    text = "ZWEI Busse, Fünfundzwanzig Fahrgäste, dreieinhalb Stunden und eine Million Euro."
    found = {m.text: m.values for m in numbers.find_numbers(text)}
    assert found["ZWEI"] == {Decimal(2)}
    assert found["Fünfundzwanzig"] == {Decimal(25)}
    assert found["dreieinhalb"] == {Decimal("3.5")}
    assert found["eine Million"] == {Decimal(1000000)}
    assert "Busse" not in found and "und" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Keine Anführungszeichen hier, nur Text.",
        "Er sagte: „Wir ‚gehen’ nicht.“ Dann »ja« und ‹a› ›b‹.",
        "Pistorius’ Plan geht’s an: ‚Nein’ – so x'„ab“-y",
        "„Offen bleibt das",
    ],
)
def test_quote_state_answers_as_unbalanced_quotes_on_every_prefix(text: str) -> None:
    expected = [bool(quotes.unbalanced_quotes(text[:i])) for i in range(len(text) + 1)]
    assert quotes.quote_state(text) == expected


def test_inside_quote_for_any_position() -> None:
    text = "Er sagte: „Wir gehen nicht.“ Dann ging er."
    for position in (-50, -3, 0, 5, 12, 27, 28, 29, len(text), len(text) + 9):
        expected = bool(quotes.unbalanced_quotes(text[:position]))
        assert quotes.inside_quote(text, position) == expected, position


def test_mentions_counts_whole_words_as_the_regular_expression_does() -> None:
    import random
    import re

    from kurzgefasst.german import names

    text = (
        "Anna Weber traf Weber-Schmidt und Webers Team; Weber sagte: „Weber!“ "
        "AnnaWeber, _Weber, Weber_, 2Weber, Weber2, Weber² Weber½ WeberWeber Weber Weber."
    )
    for word in ("Weber", "Anna", "Weber-Schmidt", "van der Bellen", "Team", "Weber Weber"):
        expected = len(re.findall(r"\b" + re.escape(word) + r"\b", text))
        assert names.mentions(word, text) == expected, word
    random.seed(0)
    alphabet = "ab _-²½1éÄ."
    for _ in range(2000):
        haystack = "".join(random.choice(alphabet) for _ in range(30))
        word = random.choice(["ab", "a", "ba", "aéb", "a b", "-a", "ab-"])
        expected = len(re.findall(r"\b" + re.escape(word) + r"\b", haystack))
        assert names.mentions(word, haystack) == expected, (word, haystack)
