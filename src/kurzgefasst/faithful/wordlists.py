"""Word lists the rules share: degree words, parts of the day, generic nouns, months and days."""

from __future__ import annotations

from ..german.wordforms import stem

#: Degree and scope words change a claim; the evidence must say them too.
DEGREE_WORDS = frozenset(
    "alle allen aller sämtliche sämtlichen erstmals erstmalig nie niemals jeder jede jedes "
    "ganz ganze ganzen komplett vollständig einzige einzigen ausschliesslich ausschließlich "
    "insgesamt einzeln einzelne einzelner einzelnen erneut mindestens höchstens "
    # how bad or how big: "schwer verletzt" where the article says "leicht verletzt"
    "schwer schwere schweren schwerer leicht leichte leichten tödlich tödliche tödlichen "
    "lebensgefährlich lebensgefährliche massiv massive massiven drastisch drastische "
    "historisch historische historischen rekord".split()
)
#: Parts of the day: a detail of time like a weekday, however common the word.
DAY_PARTS = frozenset(
    "nacht nachts morgen morgens abend abends nachmittag nachmittags vormittag vormittags "
    "mittag mittags".split()
)
#: Nouns that name no fact of their own: a paraphrase may bring them in.
GENERIC_NOUNS = frozenset(
    "entscheid entscheidung event ereignis anlass fall sache nähe zeit moment rahmen ende "
    "anfang beginn teil mal seite art weise thema frage schritt lage situation person personen "
    "leute angaben informationen stelle zusammenhang "
    # a hedge or a source weakens a claim, it never invents one: "Gerüchten zufolge"
    "gerücht gerüchte gerüchten bericht berichte berichten medienberichten spekulationen "
    "schätzungen vermutungen aussage aussagen "
    # whose view it is: "vertritt die Auffassung, dass …" keeps a source, it adds no fact
    "auffassung ansicht meinung überzeugung einschätzung standpunkt sicht".split()
)
#: Nouns at least this common (wordfreq Zipf) are no detail a paraphrase could invent.
COMMON_ZIPF = 4.5
#: Stems of weekdays and months: a date belongs to the event of its own sentence.
TIME_STEMS = frozenset(
    stem(w)
    for w in (
        "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Januar Februar März April "
        "Mai Juni Juli August September Oktober November Dezember"
    ).split()
)
