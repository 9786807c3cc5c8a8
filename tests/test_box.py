"""The box stage: the news first, sentences that lean on another fused, people named, no
meaning-changing cut — each change an edit the guard checked."""

from __future__ import annotations

import pytest

from kurzgefasst import GuardError, Summarizer
from kurzgefasst.box.fuse import fuse, leans_on_previous
from kurzgefasst.box.meaning import meaning_cut
from kurzgefasst.box.standalone import context_reason
from kurzgefasst.guard import check

TITLE = "Fußballprofi Juan Izquierdo nach Zusammenbruch gestorben"
ARTICLE = (
    "Die Fußballwelt trauert um einen jungen Spieler aus Uruguay, der viel zu früh ging.\n\n"
    "Der uruguayische Fußballprofi Juan Izquierdo ist nach seinem Zusammenbruch bei einem "
    "Spiel der Copa Libertadores in São Paulo gestorben. Das teilte das Krankenhaus Albert "
    "Einstein am Dienstag mit. Izquierdo war in der 84. Minute ohne Fremdeinwirkung auf dem "
    "Platz zusammengebrochen.\n\n"
    "Sein Verein Nacional Montevideo sagte alle Termine der Woche ab und stellte einen "
    "Trauerflor für die Spieler bereit. Der Trainer des Vereins, Martín Lasarte, sprach von "
    "einem schwarzen Tag für den Fußball in Südamerika.\n\n"
    "Die Ärzte konnten dem 27-Jährigen trotz stundenlanger Bemühungen nicht mehr helfen. "
    "Die Liga will die Herzuntersuchungen für alle Profis nun deutlich verschärfen. Zudem "
    "sollen bei jedem Spiel künftig zwei Notärzte am Spielfeldrand stehen."
)


@pytest.fixture(scope="module")
def summary():
    return Summarizer().summarize(ARTICLE, title=TITLE, check_language=False)


def test_the_news_comes_first_not_the_hook_before_it(summary) -> None:
    first = summary.bullets[0].text
    assert first.startswith("Der uruguayische Fußballprofi Juan Izquierdo ist nach")


def test_an_attribution_sentence_is_fused_into_the_claim(summary) -> None:
    first = summary.bullets[0]
    assert first.text.endswith(", teilte das Krankenhaus Albert Einstein am Dienstag mit.")
    assert "fused with the next sentence" in first.edits
    assert [e.sentence for e in first.evidence][:2] == [1, 2]


def test_every_bullet_stands_alone_and_passes_the_guard(summary) -> None:
    from kurzgefasst.document import build_document
    from kurzgefasst.inputs import load_article
    from kurzgefasst.options import Options

    doc = build_document(load_article(ARTICLE, Options(check_language=False), title=TITLE))
    for bullet in summary.bullets:
        assert context_reason(bullet.text) is None, bullet.text
        ids = [e.sentence for e in bullet.evidence]
        assert check(bullet.text, doc, ids).ok, bullet.text


def test_a_person_by_age_gets_the_name_when_a_box_needs_it() -> None:
    summary = Summarizer().summarize(ARTICLE, title=TITLE, check_language=False, bullets=5)
    texts = [b.text for b in summary.bullets]
    doctors = [t for t in texts if t.startswith("Die Ärzte")]
    assert doctors, texts
    assert "dem 27-jährigen Juan Izquierdo" in doctors[0]
    bullet = summary.bullets[texts.index(doctors[0])]
    assert any("resolved to" in e for e in bullet.edits)
    assert 1 in [e.sentence for e in bullet.evidence]  # the sentence that names him


def test_rewrite_false_keeps_the_bullet_stage_order() -> None:
    summary = Summarizer().summarize(ARTICLE, title=TITLE, check_language=False, rewrite=False)
    starts = [b.evidence[0].start for b in summary.bullets]
    assert starts == sorted(starts)
    assert not any("fused" in e for b in summary.bullets for e in b.edits)


def test_fuse_rules() -> None:
    assert leans_on_previous("Zudem seien zwei Erwachsene umgekommen.")
    assert leans_on_previous("Das teilte der Zivilschutz am Samstag mit.")
    assert not leans_on_previous("Die Polizei sperrte die Straße.")
    assert fuse("Fünf Kinder starben.", "Zudem seien zwei Erwachsene umgekommen.") == (
        "Fünf Kinder starben; zudem seien zwei Erwachsene umgekommen."
    )
    # A speaker's own words or a quote keep their speaker: never fused.
    assert fuse("Die Partei stimmte zu.", "Wir haben zähneknirschend zugestimmt.") is None
    assert fuse("Die Partei stimmte zu.", "„Es war schwer“, sagte er.") is None


@pytest.mark.parametrize(
    ("bullet", "source"),
    [
        (
            "Die Bundesregierung hat zwar 100 Milliarden Euro bereitgestellt.",
            "Die Bundesregierung hat zwar 100 Milliarden Euro bereitgestellt, aber wenig davon "
            "kommt in Calden an.",
        ),
        (
            "Die Tests sind kostenlos.",
            "Die Tests sind kostenlos, wenn der Bund zustimmt.",
        ),
        (
            "Die Gratistests gelten für alle.",
            "Die Gratistests gelten nicht für alle.",
        ),
        ("Die Tests gibt es gratis.", "Die Tests gibt es nur für Ungeimpfte gratis."),
    ],
)
def test_meaning_changing_cuts_are_found(bullet: str, source: str) -> None:
    assert meaning_cut(bullet, [source]) is not None


def test_harmless_cuts_pass() -> None:
    source = "Die Stadt Mannheim hat die Rheinbrücke am Freitag für den Schwerverkehr gesperrt."
    assert meaning_cut("Die Stadt Mannheim hat die Rheinbrücke gesperrt.", [source]) is None


def test_strict_fails_on_a_meaning_changing_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    import kurzgefasst.box as box

    def cut(text: str, sources: list[str]) -> str | None:
        return "a cut after 'zwar' drops its 'aber'" if "Liga" in text else None

    monkeypatch.setattr(box, "meaning_cut", cut)
    with pytest.raises(GuardError, match="zwar"):
        Summarizer().summarize(ARTICLE, title=TITLE, check_language=False, strict=True, bullets=5)


def _document(text: str, title: str | None = None):
    from kurzgefasst.document import build_document
    from kurzgefasst.inputs import load_article
    from kurzgefasst.options import Options

    return build_document(load_article(text, Options(check_language=False), title=title))


ROLE_ARTICLE = (
    "Der Hamburger SV verpflichtet den Innenverteidiger Lukas Wendtland vom 1. FC Heidenheim. "
    "Wendtland unterschrieb am Montag einen Vertrag bis 2028. "
    "Der Innenverteidiger war zuletzt an Holstein Kiel ausgeliehen. "
    "Die Ablöse soll nach Medienberichten bei zwei Millionen Euro liegen."
)


def test_a_role_noun_gets_the_name_the_article_ties_to_it() -> None:
    from kurzgefasst.box.resolve import resolve_role

    doc = _document(ROLE_ARTICLE)
    third = doc.sentences[2]
    named = resolve_role(third.text, doc, third.index)
    assert named is not None
    assert named.text.startswith("Der Innenverteidiger Lukas Wendtland war zuletzt")
    assert named.evidence == 0
    assert check(named.text, doc, (2, named.evidence)).ok
    # Several people by role ("die Innenverteidiger") are left alone.
    assert resolve_role("Die Innenverteidiger trainierten am Montag.", doc, 2) is None


def test_a_role_the_article_gives_someone_else_is_not_resolved() -> None:
    from kurzgefasst.box.resolve import resolve_role

    doc = _document(
        "Finanzministerin Petra Lindqvist reist am Freitag nach Brüssel. "
        "Lindqvist will dort für das Hilfspaket werben. "
        "Der Finanzminister Anton Berger aus Wien lehnt das Paket ab. "
        "Berger sprach von einem Fass ohne Boden. "
        "Der Finanzminister der Nachbarländer will am Freitag zustimmen."
    )
    last = doc.sentences[4]
    assert resolve_role(last.text, doc, last.index) is None


def test_reported_speech_gets_its_speaker_from_the_sentence_before() -> None:
    from kurzgefasst.box.attribution import speaker_before, with_speaker

    doc = _document(
        "Die Stadtwerke Kassel erhöhen die Preise für Fernwärme im Januar um zwölf Prozent, "
        "teilte Geschäftsführerin Maren Vogt am Dienstag mit. "
        "Die Kosten für Gas seien stark gestiegen. "
        "Im Sommer hatte der Stadtrat über neue Tarife beraten. "
        "Die alten Tarife seien zu niedrig gewesen."
    )
    who = speaker_before(doc, 1)
    assert who is not None and who.phrase == "Geschäftsführerin Maren Vogt" and who.sentence == 0
    said = with_speaker(doc.sentences[1].text, who.phrase)
    assert said == "Die Kosten für Gas seien stark gestiegen, so Geschäftsführerin Maren Vogt."
    assert context_reason(said) is None
    assert check(said, doc, (1, 0)).ok
    # A sentence that is no reported speech breaks the chain; a bullet naming its speaker stays.
    assert speaker_before(doc, 3) is None
    assert with_speaker("Das sei teuer, sagte Vogt.", "Maren Vogt") is None


def test_the_box_adds_the_speaker_and_records_it() -> None:
    article = (
        "Die Stadtwerke Kassel erhöhen die Preise für Fernwärme im Januar um zwölf Prozent, "
        "teilte Geschäftsführerin Maren Vogt am Dienstag mit.\n\n"
        "Im Sommer hatte der Stadtrat über neue Tarife beraten. Die Opposition kritisierte "
        "die Pläne scharf. Sprecher Jonas Albers sagte am Mittwoch, die Kunden würden "
        "entlastet. Die Stadtwerke wollten einen Härtefallfonds einrichten."
    )
    summary = Summarizer().summarize(article, check_language=False, bullets=5)
    said = [b for b in summary.bullets if b.text.endswith(", so Sprecher Jonas Albers.")]
    for bullet in said:
        assert any(e.startswith("speaker added") for e in bullet.edits)
    for bullet in summary.bullets:
        assert context_reason(bullet.text) is None, bullet.text


@pytest.mark.parametrize(
    "bullet",
    [
        "Wie unterscheiden sich die Ergebnisse in den Bundesländern?.",
        "Eine Sonderbewilligung ist dafür nicht mehr nötig.",
        "Einer der allerdings nur begrenzter Natur ist.",
    ],
)
def test_more_bullets_that_need_the_article(bullet: str) -> None:
    assert context_reason(bullet) is not None


@pytest.mark.parametrize(
    "bullet",
    [
        "Die neue Show startet diesen Mittwoch um 20.15 Uhr im Ersten.",
        "Die Grünen setzen sich dafür ein, dass die Mieten sinken.",
        "2019 hatte die EU-Kommission Google bestraft: Der Konzern musste 4,3 Milliarden Euro zahlen.",
        "Wegen eines Defekts hatten die Sanitäter den Schlüssel im Wagen stecken lassen.",
    ],
)
def test_more_bullets_that_stand_alone(bullet: str) -> None:
    assert context_reason(bullet) is None


def test_a_role_is_never_resolved_to_part_of_a_longer_name() -> None:
    from kurzgefasst.box.resolve import resolve_role

    doc = _document(
        "Bundespräsident Alexander Van der Bellen besuchte am Sonntag die Festspiele. "
        "Die Reise des Präsidenten kostete nach Angaben der Kanzlei 57.000 Euro."
    )
    second = doc.sentences[1]
    named = resolve_role(second.text, doc, second.index)
    assert named is None or "Van der Bellen" in named.text


def test_a_longer_name_is_not_cut_to_its_first_two_words() -> None:
    from kurzgefasst.box.resolve import people_before

    doc = _document(
        "Bundespräsident Alexander Van der Bellen besuchte am Sonntag die Festspiele. "
        "Van der Bellen sprach mit den Künstlern. Van der Bellen reiste am Abend ab."
    )
    assert all(full != "Alexander Van" for full, _, _ in people_before(doc, 3))


def test_a_role_of_the_other_gender_is_not_the_person_named_before() -> None:
    from kurzgefasst.box.resolve import resolve_role

    doc = _document(
        "Der Abgeordnete Hendrik Hollstedt kommt oft zu den Sitzungen. "
        "Hollstedt gilt als Vertrauter der Kanzlerin. "
        "Er berät die Kanzlerin in Fragen der Haushaltspolitik."
    )
    second = doc.sentences[1]
    assert resolve_role(second.text, doc, second.index) is None


def test_a_reason_without_what_it_explains_is_fused_or_left_out() -> None:
    # "Grund sind …" (issue: "Grund sind laut Wiener Linien Probleme …") says why the sentence
    # before happened: alone it needs the article, after that sentence it is the box's reason.
    article = (
        "Die Stadtwerke Kassel erhöhen die Preise für Fernwärme im Januar um zwölf Prozent. "
        "Grund sind die gestiegenen Kosten für Gas und Strom. "
        "Rund 40.000 Haushalte in Kassel heizen mit Fernwärme der Stadtwerke. "
        "Die Verbraucherzentrale Hessen rät den Kunden, ihre Abschläge zu prüfen. "
        "Der Stadtrat will im Februar über einen Härtefallfonds für Familien beraten."
    )
    summary = Summarizer().summarize(article, check_language=False)
    texts = [b.text for b in summary.bullets]
    assert not any(t.startswith("Grund") for t in texts), texts
    for bullet in summary.bullets:
        if "Kosten für Gas" in bullet.text:
            assert "Fernwärme" in bullet.text and "fused with the next sentence" in bullet.edits
