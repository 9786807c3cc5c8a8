"""The bullet stage: self-contained (pronouns, connectives), tight, one readable sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from kurzgefasst.article import parse_text
from kurzgefasst.bullets import Draft, Refusal, draft, remove_asides, shorten, unusable_reason
from kurzgefasst.document import Document, build_document
from kurzgefasst.engines.base import Candidate
from kurzgefasst.german.anaphora import dangling_start
from kurzgefasst.inputs import load_article
from kurzgefasst.options import Options

FIXTURES = Path(__file__).parent / "fixtures"
OPTIONS = Options()
LEGACY = Options(tighten=False)


def make_doc(text: str) -> Document:
    return build_document(load_article(text, Options(check_language=False)))


def sentence_doc(text: str) -> Document:
    """One sentence as a Document, past the input checks (one sentence is shorter than the
    shortest article the input accepts, and "zustimmt" is no consent wall here)."""
    return build_document(parse_text(text))


@pytest.fixture(scope="module")
def doc() -> Document:
    return make_doc((FIXTURES / "drohnen.txt").read_text(encoding="utf-8"))


def sentence_draft(doc: Document, start: str, options: Options = OPTIONS) -> Draft | Refusal:
    sentence = next(s for s in doc.sentences if s.text.startswith(start))
    return draft(Candidate(sentence.text, (sentence.index,), 1.0, "test"), doc, options)


def refusal(result: Draft | Refusal) -> str:
    """The kind of refusal (``contracts.REFUSALS``); fails when the candidate became a bullet."""
    assert isinstance(result, Refusal), result
    return result.kind


def bullet(doc: Document, start: str, options: Options = OPTIONS) -> Draft:
    result = sentence_draft(doc, start, options)
    assert isinstance(result, Draft), result
    return result


# --- pronouns ------------------------------------------------------------------------------


def test_a_leading_pronoun_is_replaced_by_the_one_person_before_it(doc: Document) -> None:
    result = bullet(doc, "Er sagte, Russland habe")
    assert result.text == (
        "Wolodymyr Selenskyj sagte, Russland habe in der Nacht mehr als 3.000 Drohnen eingesetzt."
    )
    assert "'Er' replaced by 'Wolodymyr Selenskyj'" in result.edits
    # The sentence that names him is evidence too, after the sentence the bullet is made of.
    assert result.evidence_ids == (1, 0)


def test_a_pronoun_after_the_verb_is_replaced_too() -> None:
    doc = make_doc(
        "Die frühere Richterin Irmgard Griss hat am Donnerstag ihren Rückzug aus der Justiz "
        "angekündigt.\n\n"
        "Am Freitag stellte sie in Wien ihr Programm für die Wahl im Frühjahr vor."
    )
    result = bullet(doc, "Am Freitag stellte sie")
    assert (
        result.text
        == "Am Freitag stellte Irmgard Griss in Wien ihr Programm für die Wahl im Frühjahr vor."
    )


@pytest.mark.parametrize(
    ("article", "case"),
    [
        (
            "Boris Pistorius traf Wolodymyr Selenskyj am Dienstag in Kiew. "
            "Er sagte, die Ukraine brauche mehr Munition und mehr Luftabwehr.",
            "two people: either could be meant",
        ),
        (
            "Außenministerin Annalena Baerbock reiste am Dienstag überraschend nach Kiew. "
            "Er sagte, die Lage an der Front sei sehr ernst und gefährlich.",
            "the article shows a woman, the pronoun is 'Er'",
        ),
        (
            "Verteidigungsminister Boris Pistorius stellte am Montag den neuen Plan vor. "
            "Er sieht deutlich mehr Geld für die Bundeswehr und die Reserve vor.",
            "'den neuen Plan' may be what 'Er' means",
        ),
        (
            "Präsident Wolodymyr Selenskyj besuchte am Dienstag Soldaten in Charkiw. "
            "Sie forderten mehr Munition und eine bessere Ausrüstung für den Winter.",
            "'Sie forderten' is plural: a group, not the president",
        ),
        (
            "Der Regen hat in der Nacht viele Straßen in der Stadt überflutet. "
            "Er sagte, die Feuerwehr sei mit allen Fahrzeugen im Einsatz gewesen.",
            "nobody is named before",
        ),
    ],
)
def test_a_pronoun_with_no_unambiguous_person_is_not_used(article: str, case: str) -> None:
    doc = make_doc(article)
    result = sentence_draft(doc, doc.sentences[1].text[:10])
    assert refusal(result) == "unclear_pronoun", f"{case}: {result}"


# --- connectives -----------------------------------------------------------------------------


def test_a_connective_before_the_verb_goes_and_the_word_order_is_fixed(doc: Document) -> None:
    result = bullet(doc, "Zudem sei die Stimmung")
    assert (
        result.text
        == "Die Stimmung sei in der Hauptstadt nach Einschätzung von Experten sehr angespannt."
    )
    assert "'Zudem' dropped" in result.edits


def test_a_connective_before_a_noun_simply_goes(doc: Document) -> None:
    assert bullet(doc, "Auch die Opposition").text == (
        "Die Opposition im Bundestag forderte mehr Tempo bei den Lieferungen."
    )


def test_a_pointer_that_carries_meaning_is_not_dropped(doc: Document) -> None:
    result = sentence_draft(doc, "Dafür stimmten")
    assert result == Refusal("dangling_start", "Dafür")
    assert str(result) == "starts with 'Dafür', which points to another sentence"


def test_a_connective_before_a_phrase_that_cannot_move_is_skipped() -> None:
    doc = make_doc(
        "Die Regierung in Berlin plant neue Regeln für den Handel mit Waffen. "
        "Zudem habe der Mann, der die Waffen verkaufte, keine Genehmigung besessen."
    )
    assert sentence_draft(doc, "Zudem habe") == Refusal("dangling_start", "Zudem")


# --- tightening -------------------------------------------------------------------------------


def test_wie_berichtet_and_a_picture_aside_go(doc: Document) -> None:
    result = bullet(doc, "Wie berichtet")
    assert (
        result.text
        == "Der Bundestag hat bereits im Sommer ein erstes Paket mit Munition beschlossen."
    )
    assert "aside removed" in result.edits


def test_hashtag_marks_go_and_a_party_label_stays(doc: Document) -> None:
    result = bullet(doc, "Verteidigungsminister Boris Pistorius")
    assert result.text == (
        "Verteidigungsminister Boris Pistorius (SPD) will das Paket bis Dezember an die Ukraine liefern."
    )


def test_the_weekday_of_a_statement_goes_but_the_speaker_stays(doc: Document) -> None:
    result = bullet(doc, "„Wir lassen")
    assert result.text == "„Wir lassen die Ukraine nicht allein“, sagte Pistorius in Berlin."


def test_a_dateline_and_an_agency_tag_go(doc: Document) -> None:
    text = "Kiew (dpa) - Die Bundesregierung kündigte neue Hilfe im Wert von 600 Mio. Euro an."
    result = draft(Candidate(text, (), 1.0, "test"), doc, OPTIONS)
    assert isinstance(result, Draft)
    assert result.text == "Die Bundesregierung kündigte neue Hilfe im Wert von 600 Mio. Euro an."


def test_asides_with_a_number_negation_or_qualifier_stay() -> None:
    text = (
        "Die Regierung hat (nach langem Streit im Kabinett) mehr Geld (rund 40 Prozent) "
        "bewilligt (nicht aber für Panzer) und (wahrscheinlich bis Mai) ausgezahlt."
    )
    assert remove_asides(text) == (
        "Die Regierung hat mehr Geld (rund 40 Prozent) bewilligt (nicht aber für Panzer) "
        "und (wahrscheinlich bis Mai) ausgezahlt."
    )


def test_a_long_sentence_is_cut_at_a_clause_boundary() -> None:
    # The front part keeps most of the sentence: tightening, not halving.
    text = (
        "Die Bundesregierung hat am Dienstag ein neues Hilfspaket mit Luftabwehr und Munition "
        "beschlossen, und die Opposition kritisierte das Paket als zu klein."
    )
    assert next(shorten(text, 120)) == (
        "Die Bundesregierung hat am Dienstag ein neues Hilfspaket mit Luftabwehr und Munition beschlossen."
    )


def test_a_relative_clause_after_a_name_may_be_cut() -> None:
    # Behind the verb parts too: German moves the relative clause to the end.
    text = (
        "In der zweiten Runde bekommt es Thiem am Mittwoch in Rio de Janeiro mit dem Argentinier "
        "Diego Schwartzman zu tun, der den Brasilianer Joao Souza in zwei Sätzen besiegt hatte."
    )
    assert next(shorten(text, 140)) == (
        "In der zweiten Runde bekommt es Thiem am Mittwoch in Rio de Janeiro mit dem Argentinier "
        "Diego Schwartzman zu tun."
    )


@pytest.mark.parametrize(
    "text",
    [
        # after a common noun the relative clause may say which ones are meant
        "Die Polizei hat am Montagabend nach einer Verfolgungsjagd durch die Innenstadt von Graz "
        "alle Schüler festgenommen, die an dem Überfall auf die Tankstelle beteiligt waren.",
        # cutting would drop the condition
        "Die Bundesregierung will der Ukraine im kommenden Jahr deutlich mehr Geld für Luftabwehr "
        "geben, wenn der Bundestag dem Haushalt mit großer Mehrheit zustimmt.",
        # cutting would leave the verb of the first clause behind
        "Die Bundesregierung hat, weil die Lage an der Front sich in den letzten Wochen deutlich "
        "verschlechtert hat, ein neues Paket beschlossen.",
        # cutting would drop who says it
        "Die Lage an der Front ist nach vielen Wochen schwerer Kämpfe im Osten sehr ernst, "
        "sagte der ukrainische Präsident Wolodymyr Selenskyj am Dienstag in Kiew.",
        # what follows a colon is often what the front part announces
        "Was die Hilfe für die Ukraine angeht, kann die Bundesregierung nun mithalten: Das "
        "Paket umfasst Luftabwehr.",
        # cutting would drop more than the sentence keeps
        "Die Regierung hat ein Paket beschlossen, und die Opposition im Bundestag kritisierte "
        "das Paket am Abend in einer langen Debatte als viel zu klein und als viel zu spät.",
    ],
)
def test_a_long_sentence_without_a_safe_boundary_is_not_cut(text: str) -> None:
    assert list(shorten(text, 100)) == []


def test_a_sentence_too_long_to_cut_is_skipped() -> None:
    text = (
        "Die Bundesregierung will der Ukraine im kommenden Jahr deutlich mehr Geld für die "
        "Luftabwehr und für Munition geben, wenn der Bundestag dem Haushalt zustimmt."
    )
    doc = sentence_doc(text)
    result = draft(Candidate(text, (0,), 1.0, "test"), doc, Options(max_chars=100))
    assert refusal(result) == "too_long"


def test_every_bullet_is_one_sentence_with_a_full_stop(doc: Document) -> None:
    for sentence in doc.sentences:
        result = draft(Candidate(sentence.text, (sentence.index,), 1.0, "test"), doc, OPTIONS)
        if isinstance(result, Draft):
            assert result.text.endswith((".", "!", "“", "»", '"'))
            assert len(result.text) <= OPTIONS.max_chars
            assert dangling_start(result.text) is None


# --- tighten=False: the first version's bullets ------------------------------------------


def test_tighten_false_keeps_whole_cleaned_sentences(doc: Document) -> None:
    result = bullet(doc, "Wie berichtet", LEGACY)
    assert result.text.startswith("Wie berichtet, hat der Bundestag")
    assert result.text.endswith("(siehe Grafik unten).")
    assert sentence_draft(doc, "Zudem sei", LEGACY) == Refusal("dangling_start", "Zudem")
    assert sentence_draft(doc, "Er sagte", LEGACY) == Refusal("dangling_start", "Er")


def test_engines_keep_repairable_sentences_in_their_pool(doc: Document) -> None:
    sentence = next(s for s in doc.sentences if s.text.startswith("Er sagte"))
    assert unusable_reason(sentence, OPTIONS, doc=doc) is None
    assert unusable_reason(sentence, OPTIONS) is None
    assert unusable_reason(sentence, LEGACY) is not None


# --- the detector the evaluation counts ------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Er sagte, die Lage sei ernst.", "Er"),
        ("Zudem sei die Lage ernst.", "Zudem"),
        ("Nun wird der Unternehmer vor Gericht stehen.", "Nun"),
        ("Das ist ein großer Erfolg für die Regierung.", "Das"),
        ("Der 42-Jährige will in Berufung gehen.", "Der 42-Jährige"),
        ("Ich kann das nicht genau sagen.", "Ich"),
        ("Hofer: Er habe nichts gewusst.", "Er"),
        ("Das neue Gesetz gilt ab Mai.", None),
        ("Es gibt keine Hinweise auf Betrug.", None),
        ("Es gehe darum, die Lage zu verbessern, so der Minister.", None),
        ("„Wir lassen die Ukraine nicht allein“, sagte Pistorius.", None),
        ("Die Regierung hat ein Paket beschlossen.", None),
    ],
)
def test_dangling_start(sentence: str, expected: str | None) -> None:
    assert dangling_start(sentence) == expected


# --- cases found on real news: each once produced a broken bullet ---------------------------


def test_a_coordinated_subject_is_not_split() -> None:
    doc = make_doc(
        "Die Aufregung im Stadtrat war am Dienstag groß. "
        "Dennoch standen Anlass und Aufregung in keinerlei Verhältnis zueinander."
    )
    assert sentence_draft(doc, "Dennoch standen") == Refusal("dangling_start", "Dennoch")


def test_an_apposition_is_removed_only_when_the_clause_goes_on_with_its_verb() -> None:
    from kurzgefasst.bullets import remove_appositions

    assert remove_appositions(
        "Stephan Weil, der Ministerpräsident des Landes Niedersachsen, erklärte am Montag seinen Rücktritt."
    ) == ("Stephan Weil erklärte am Montag seinen Rücktritt.")
    listed = (
        "Von Känel, der frühere Landestrainer, Jugendtrainer und Drittligatrainer des ASV Dachau, "
        "sieht seinen neuen Job als Chance."
    )
    assert remove_appositions(listed) is None


def test_a_caption_without_a_verb_is_no_bullet() -> None:
    text = "Die drei Gründer in ihren Büros in München: Bastian Nominacher, Alexander Rinke und Martin Klenk."
    doc = make_doc(text)
    assert refusal(draft(Candidate(text, (0,), 1.0, "test"), doc, OPTIONS)) == "no_verb"


def test_a_heading_glued_to_a_sentence_is_no_bullet() -> None:
    from kurzgefasst.bullets import glued

    assert glued('Pelosi spricht von "Bestechung" Die Sprecherin sieht die Vorwürfe untermauert.')
    assert not glued(
        "„Wir lassen die Ukraine nicht allein“, sagte Pistorius am Mittwoch in Berlin."
    )
    assert not glued("Der Umsatz stieg um 3,5 Mio. Euro auf 12 Mio. Euro im Jahr 2023.")


def test_a_head_before_a_colon_that_names_the_source_stays() -> None:
    text = "Fazit der Stiftung Warentest: Nach aktuellem Stand der Forschung besteht kaum Grund zur Sorge."
    doc = sentence_doc(text)
    result = draft(Candidate(text, (0,), 1.0, "test"), doc, OPTIONS)
    assert isinstance(result, Draft) and result.text == text
    caption = (
        "Demonstration im Zentrum von Bratislava: Am Jahrestag wollen viele Menschen demonstrieren."
    )
    result = draft(Candidate(caption, (0,), 1.0, "test"), sentence_doc(caption), OPTIONS)
    assert isinstance(result, Draft)
    assert result.text == "Am Jahrestag wollen viele Menschen demonstrieren."


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Lieber schreibe ich mir vor dem Auftritt ein paar Notizen auf.", "first_person"),
        (
            "Gedreht wurde halbdokumentarisch, und als er einmal Gefahr lief, rief jemand aus dem Team.",
            "unclear_pronoun",
        ),
        (
            "In der ersten Szene des Films, die ohne Musik auskommt, tritt er seinen Weg ins Apartment an.",
            "unclear_pronoun",
        ),
    ],
)
def test_a_pronoun_inside_the_sentence_with_nobody_to_mean_is_not_used(
    sentence: str, kind: str
) -> None:
    doc = make_doc("Der Film läuft ab Donnerstag in den Kinos der Stadt. " + sentence)
    assert refusal(sentence_draft(doc, sentence[:12])) == kind


# --- units: what follows a colon, short sentences, coordinating conjunctions -----------------


def test_what_follows_a_colon_is_the_bullet_when_the_whole_is_too_long() -> None:
    doc = make_doc(
        "Die Aktie des Konzerns fiel am Montag um drei Prozent. "
        "Der Kurssturz dürfte den neuen Großaktionär Paul Singer, der erst vor wenigen Monaten "
        "mit viel Geld und großen Erwartungen bei dem Konzern eingestiegen war, kaum begeistern: "
        "Im April hatte sein Hedgefonds Elliott beim Softwarehersteller SAP investiert."
    )
    result = bullet(doc, "Der Kurssturz")
    assert (
        result.text
        == "Im April hatte sein Hedgefonds Elliott beim Softwarehersteller SAP investiert."
    )
    assert "kept what follows the colon" in result.edits
    # The evidence is the whole sentence the part was taken from.
    assert result.sentence_ids == (1,)


@pytest.mark.parametrize(
    "sentence",
    [
        # The head names whose statement follows: without it the claim loses its source.
        "Das betonte Innenminister Karner am Montag in Wien: Die Grenzkontrollen bleiben bis "
        "Dezember bestehen.",
        # The part after the colon is reported speech: it needs the head's speaker.
        "Das ist für die Gewerkschaft klar: Die Löhne seien um mindestens fünf Prozent zu niedrig.",
        # A quote after the colon.
        "Der Kanzler wurde am Abend deutlich: „Wir werden das Gesetz nicht ändern.“",
    ],
)
def test_what_follows_a_colon_is_not_taken_from_its_source(sentence: str) -> None:
    from kurzgefasst.bullets import sentence_tail

    doc = make_doc("Die Regierung hat am Montag ein neues Paket vorgestellt. " + sentence)
    assert sentence_tail(doc.sentences[1]) is None


def test_a_pointer_before_a_colon_points_forward() -> None:
    assert dangling_start("Das ist der Plan: Die Steuern steigen im Mai.") is None
    assert dangling_start("Es soll ein großer Wurf werden: Das ZDF startet eine Serie.") is None
    assert dangling_start("Das ist der Plan.") == "Das"


def test_a_short_sentence_is_a_bullet_only_when_it_says_something_alone() -> None:
    doc = make_doc(
        "Die Wiener Austria hat am Sonntag gegen Rapid mit 2:0 gewonnen. "
        "Die Austria ist Herbstmeister. "
        "Die Fans sind dafür. "
        "Aus gut dreißig Metern Entfernung. "
        "Haben oder nicht haben."
    )
    assert bullet(doc, "Die Austria ist").text == "Die Austria ist Herbstmeister."
    assert sentence_draft(doc, "Die Fans sind") == Refusal("short_vague", "dafür")
    assert refusal(sentence_draft(doc, "Aus gut")) == "short_no_verb"
    assert refusal(sentence_draft(doc, "Haben oder")) == "short_fragment"


def test_a_coordinating_conjunction_goes_before_any_phrase() -> None:
    doc = make_doc(
        "Die Zahl der Organspender ist im vergangenen Jahr leicht gestiegen. "
        "Doch in Deutschland stehen mehr als 9000 Menschen auf der Warteliste für eine Organspende."
    )
    result = bullet(doc, "Doch in Deutschland")
    assert result.text == (
        "In Deutschland stehen mehr als 9000 Menschen auf der Warteliste für eine Organspende."
    )


def test_a_heading_glued_to_a_sentence_by_a_lost_line_break_goes() -> None:
    doc = make_doc(
        "Der Gipfel in Biarritz ist am Montag zu Ende gegangen. "
        "Die USA lassen Frankreichs Präsidenten erst einmal gewähren Nach zweieinhalb Jahren im "
        "Amt war das Treffen für Macron eine Gelegenheit, sich als Vermittler zu zeigen. "
        "Er wählte die Partei Die Linke und sagte Nein."
    )
    result = bullet(doc, "Die USA lassen")
    assert result.text == (
        "Nach zweieinhalb Jahren im Amt war das Treffen für Macron eine Gelegenheit, sich als "
        "Vermittler zu zeigen."
    )
    assert "glued heading removed" in result.edits
    from kurzgefasst.bullets import sentence_tail

    assert sentence_tail(doc.sentences[2]) is None  # "Die Linke" is a party


def test_an_age_that_stands_for_a_name_is_replaced_by_it() -> None:
    doc = make_doc(
        "Der frühere Bürgermeister Hans Gruber hat am Montag seinen Rücktritt erklärt. "
        "Der 64-Jährige will sich künftig um seine Familie kümmern."
    )
    result = bullet(doc, "Der 64-Jährige")
    assert result.text == "Hans Gruber will sich künftig um seine Familie kümmern."
    assert result.evidence_ids == (1, 0)
    # Nobody named before it: the sentence is not used.
    doc = make_doc(
        "Die Polizei hat am Montag zwei Männer festgenommen. "
        "Der 31-Jährige soll die Tat bereits gestanden haben."
    )
    assert refusal(sentence_draft(doc, "Der 31-Jährige")) == "unclear_pronoun"


def test_a_time_word_before_the_verb_goes_and_the_subject_moves_forward() -> None:
    doc = make_doc(
        "Bei einem Volksfest in Kassel ist am Samstag ein Mann verletzt worden. "
        "Nun sucht die Polizei den Werfer einer Flasche."
    )
    assert bullet(doc, "Nun sucht").text == "Die Polizei sucht den Werfer einer Flasche."


def test_a_label_with_an_article_before_a_colon_is_no_interview_turn() -> None:
    doc = make_doc(
        "Der Stadtrat hat am Dienstag ein neues Programm für Solarstrom beschlossen. "
        "Das Prinzip: Die Eigentümer großer Häuser installieren eine Anlage auf dem Dach. "
        "Hofer: Es ist nicht die Aufgabe der Stadt, das alles zu bezahlen."
    )
    assert bullet(doc, "Das Prinzip").text == (
        "Das Prinzip: Die Eigentümer großer Häuser installieren eine Anlage auf dem Dach."
    )
    assert unusable_reason(doc.sentences[2], OPTIONS, doc=doc) == Refusal("interview_turn")


def test_the_agencies_caveat_is_no_bullet_of_its_own() -> None:
    doc = make_doc(
        "Laut dem ukrainischen Verteidigungsministerium hat Russland mehr als 3.000 Drohnen "
        "eingesetzt. Die Angaben ließen sich nicht unabhängig überprüfen. "
        "Die genauen Zahlen lassen sich von unabhängiger Seite kaum bestätigen. "
        "Die Polizei konnte die Angaben der Zeugen am Abend nicht bestätigen. "
        "Die Angaben des Ministeriums zeigen einen starken Anstieg der Angriffe."
    )
    reasons = [unusable_reason(s, OPTIONS, doc=doc) for s in doc.sentences]
    caveat = Refusal("caveat")
    assert reasons == [None, caveat, caveat, None, None]
    assert str(caveat) == "a caveat about the claim of the sentence before"


def test_a_colon_inside_a_title_is_no_boundary() -> None:
    from kurzgefasst.bullets import sentence_tail

    doc = make_doc(
        "Das Festival zeigt bis März Animationsfilme von Frauen. "
        "Spätestens seit in South Park: Der Film die USA ihrem nördlichen Nachbarn den Krieg "
        "erklärten, weiß man, dass im Animationsfilm Kanada an allem schuld ist."
    )
    assert sentence_tail(doc.sentences[1]) is None


def test_wie_berichtet_before_a_list_is_no_sentence() -> None:
    doc = make_doc(
        "Die Regierung hat weitere Ausfuhren von Waffen genehmigt. "
        "Wie berichtet, für 285.379 Stück Granaten, außerdem für 68 Granatwerfer und 399 Gewehre."
    )
    assert refusal(sentence_draft(doc, "Wie berichtet")) == "no_verb"


def test_a_subheading_ending_in_a_noun_glued_to_the_next_sentence_goes() -> None:
    # 20 Minuten's crossheads lose their line break and end in a noun: "… von Corona Konkret …".
    doc = make_doc(
        "Ein Mann stand am Donnerstag vor dem Kantonsgericht Glarus. "
        "Glaubt nicht an Existenz von Corona Konkret fordert der Mann in seiner Verteidigung "
        "umfassende Beweise für die Existenz des Virus. "
        "Ministerpräsident Stephan Weil hat am Montag die Pläne des Landes vorgestellt. "
        "Der Film Im Westen nichts Neues hat in Los Angeles vier Oscars gewonnen."
    )
    result = bullet(doc, "Glaubt nicht")
    assert result.text == (
        "Konkret fordert der Mann in seiner Verteidigung umfassende Beweise für die Existenz des "
        "Virus."
    )
    from kurzgefasst.bullets import sentence_tail

    assert sentence_tail(doc.sentences[2]) is None  # "Weil" is a name after a first name
    assert sentence_tail(doc.sentences[3]) is None  # a title starting with a preposition
