"""A generator of varied German news articles (our own text, from templates) for batch tests,
and a check that what it makes is something kurzgefasst summarizes (German, ≥ 3 sentences)."""

from __future__ import annotations

import json
import random
from pathlib import Path

STAEDTE = [
    "Augsburg",
    "Bielefeld",
    "Chemnitz",
    "Darmstadt",
    "Erfurt",
    "Freiburg",
    "Göttingen",
    "Heilbronn",
    "Ingolstadt",
    "Jena",
    "Kassel",
    "Lübeck",
    "Mainz",
    "Nürnberg",
    "Oldenburg",
    "Potsdam",
    "Rostock",
    "Salzburg",
    "Trier",
    "Ulm",
    "Villach",
    "Wiesbaden",
    "Zwickau",
    "Graz",
    "Luzern",
]
VORNAMEN = [
    "Anna",
    "Bernd",
    "Claudia",
    "Dieter",
    "Elke",
    "Frank",
    "Gabriele",
    "Heinz",
    "Ines",
    "Jürgen",
    "Katrin",
    "Lothar",
    "Monika",
    "Norbert",
    "Petra",
    "Rainer",
    "Sabine",
    "Thomas",
    "Ursula",
    "Volker",
]
NACHNAMEN = [
    "Albrecht",
    "Brandt",
    "Dietrich",
    "Engel",
    "Fuchs",
    "Graf",
    "Hoffmann",
    "Jäger",
    "Keller",
    "Lorenz",
    "Maier",
    "Neumann",
    "Otto",
    "Pohl",
    "Roth",
    "Schubert",
    "Vogel",
    "Winkler",
    "Ziegler",
]
MONATE = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]

# Each topic: a title and sentences with slots. {stadt}, {person}, {person2}, {zahl}, {zahl2},
# {prozent}, {tag}, {monat}. The first sentence is the lead.
THEMEN = [
    (
        "{stadt} beschließt neuen Haushalt",
        [
            "Der Stadtrat von {stadt} hat am {tag}. {monat} einen Haushalt von {zahl} Millionen Euro beschlossen.",
            "Oberbürgermeisterin {person} sprach von einem schwierigen, aber soliden Kompromiss.",
            "Den größten Teil des Geldes sollen die Schulen und der Nahverkehr erhalten.",
            "Die Opposition kritisierte, dass die Stadt erneut neue Schulden aufnehmen müsse.",
            "Nach Angaben der Kämmerei steigen die Ausgaben im Vergleich zum Vorjahr um {prozent} Prozent.",
            "Der Haushalt muss noch von der Aufsichtsbehörde genehmigt werden.",
        ],
    ),
    (
        "Großbrand in {stadt}: Lagerhalle zerstört",
        [
            "In {stadt} ist in der Nacht zum {tag}. {monat} eine Lagerhalle vollständig niedergebrannt.",
            "Die Feuerwehr war mit mehr als {zahl2} Einsatzkräften vor Ort und konnte ein Übergreifen der Flammen verhindern.",
            "Verletzt wurde nach ersten Erkenntnissen niemand.",
            "Den Schaden schätzt die Polizei auf rund {zahl} Millionen Euro.",
            "Einsatzleiter {person} sagte, die Löscharbeiten würden wohl noch bis zum Abend dauern.",
            "Die Ursache des Feuers ist bisher unklar, die Kriminalpolizei hat die Ermittlungen aufgenommen.",
        ],
    ),
    (
        "Neue Straßenbahnlinie für {stadt}",
        [
            "Die Verkehrsbetriebe in {stadt} wollen bis zum Jahr 2030 eine neue Straßenbahnlinie bauen.",
            "Die Strecke soll etwa {zahl2} Kilometer lang werden und die Innenstadt mit dem Bahnhof verbinden.",
            "Verkehrsdezernent {person} rechnet mit Kosten von {zahl} Millionen Euro.",
            "Ein großer Teil davon soll aus Fördermitteln des Bundes und des Landes kommen.",
            "Anwohner befürchten während der Bauzeit erhebliche Einschränkungen für den Verkehr.",
            "Im {monat} will die Stadt die Pläne bei einer Bürgerversammlung vorstellen.",
        ],
    ),
    (
        "Unwetter sorgt für Chaos in {stadt}",
        [
            "Ein schweres Gewitter hat am {tag}. {monat} in {stadt} zahlreiche Keller überflutet.",
            "Innerhalb einer Stunde fielen nach Angaben des Wetterdienstes mehr als {zahl2} Liter Regen pro Quadratmeter.",
            "Die Feuerwehr rückte zu über {zahl} Einsätzen aus.",
            "Mehrere Straßen mussten gesperrt werden, weil Bäume auf die Fahrbahn gestürzt waren.",
            "Der Sprecher der Stadt, {person}, bat die Bevölkerung, die Wälder vorerst zu meiden.",
            "Für die kommenden Tage erwarten die Meteorologen wieder ruhigeres Wetter.",
        ],
    ),
    (
        "Traditionsfirma aus {stadt} streicht Stellen",
        [
            "Der Maschinenbauer {nachname} aus {stadt} will in den nächsten zwei Jahren {zahl2} Stellen abbauen.",
            "Als Grund nannte die Geschäftsführung die schwache Nachfrage aus dem Ausland.",
            "Der Umsatz des Unternehmens sei zuletzt um {prozent} Prozent gesunken.",
            "Betriebsratschef {person} kündigte Widerstand gegen die Pläne an.",
            "Die Gewerkschaft fordert, betriebsbedingte Kündigungen auszuschließen.",
            "Die Verhandlungen zwischen Unternehmen und Betriebsrat sollen im {monat} beginnen.",
        ],
    ),
    (
        "Heimsieg für den FC {stadt}",
        [
            "Der FC {stadt} hat sein Heimspiel am Samstag mit 3:1 gewonnen.",
            "Vor {zahl2} Zuschauern brachte {person} die Gastgeber schon in der zehnten Minute in Führung.",
            "Nach der Pause gelang den Gästen zwar der Ausgleich, doch die Mannschaft gab nicht auf.",
            "Trainer {person2} lobte nach dem Spiel vor allem die Moral seiner Spieler.",
            "Mit dem Sieg verbessert sich der Verein auf den {tag}. Platz der Tabelle.",
            "Das nächste Spiel bestreitet die Mannschaft auswärts in {stadt2}.",
        ],
    ),
    (
        "Mehr Kinder an den Schulen in {stadt}",
        [
            "An den Grundschulen in {stadt} werden im neuen Schuljahr rund {zahl2} Kinder mehr erwartet als bisher.",
            "Schulamtsleiterin {person} sagte, es fehlten vor allem Lehrkräfte für Mathematik und Deutsch.",
            "Die Stadt will deshalb zusätzliche Klassenräume in Containern aufstellen.",
            "Die Kosten dafür liegen nach Angaben der Verwaltung bei {zahl} Millionen Euro.",
            "Eltern kritisieren, dass die Planung viel zu spät begonnen habe.",
            "Das Kultusministerium kündigte an, im {monat} weitere Stellen auszuschreiben.",
        ],
    ),
    (
        "Museum in {stadt} zeigt neue Ausstellung",
        [
            "Das Stadtmuseum in {stadt} zeigt ab dem {tag}. {monat} eine große Ausstellung über die Geschichte der Stadt.",
            "Zu sehen sind mehr als {zahl2} Gemälde, Fotografien und Alltagsgegenstände aus drei Jahrhunderten.",
            "Museumsdirektor {person} sprach von dem wichtigsten Projekt seit der Wiedereröffnung des Hauses.",
            "Viele Leihgaben stammen aus privaten Sammlungen und waren noch nie öffentlich zu sehen.",
            "Für Schulklassen bietet das Museum kostenlose Führungen an.",
            "Die Ausstellung läuft bis zum Ende des Jahres.",
        ],
    ),
]


def make_article(index: int, seed: int = 7) -> dict[str, str]:
    """One deterministic article: {"id", "title", "text"} with 4–6 sentences in 2–3 paragraphs."""
    rng = random.Random(seed * 100_003 + index)
    title_template, sentences = THEMEN[index % len(THEMEN)]
    stadt, stadt2 = rng.sample(STAEDTE, 2)
    slots = {
        "stadt": stadt,
        "stadt2": stadt2,
        "person": f"{rng.choice(VORNAMEN)} {rng.choice(NACHNAMEN)}",
        "person2": f"{rng.choice(VORNAMEN)} {rng.choice(NACHNAMEN)}",
        "nachname": rng.choice(NACHNAMEN),
        "zahl": str(rng.randint(2, 480)),
        "zahl2": str(rng.randint(12, 900)),
        "prozent": f"{rng.randint(2, 19)},{rng.randint(1, 9)}",
        "tag": str(rng.randint(1, 28)),
        "monat": rng.choice(MONATE),
    }
    body = [sentences[0], *rng.sample(sentences[1:], rng.randint(3, len(sentences) - 1))]
    body = [s.format(**slots) for s in body]
    split = rng.randint(2, len(body) - 1)
    paragraphs = [" ".join(body[:split]), " ".join(body[split:])]
    return {
        "id": f"artikel-{index:04d}",
        "title": title_template.format(**slots),
        "text": "\n\n".join(paragraphs),
    }


def make_articles(n: int, seed: int = 7) -> list[dict[str, str]]:
    return [make_article(i, seed) for i in range(n)]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def test_generated_articles_are_german_and_long_enough_to_summarize() -> None:
    from kurzgefasst import Summarizer
    from kurzgefasst.german.language import is_german
    from kurzgefasst.german.sentences import split_text

    articles = make_articles(40)
    assert len({a["text"] for a in articles}) == 40, "articles must differ"
    summarizer = Summarizer()
    for article in articles:
        assert is_german(article["text"]), article["id"]
        assert len(split_text(article["text"].replace("\n\n", " "))) >= 4, article["id"]
        summary = summarizer.summarize(article["text"], title=article["title"])
        assert len(summary.bullets) == 3, (article["id"], summary.warnings)
