"""Page furniture: one home for what a news page wraps around an article.

Agencies, credit words ("Foto: dpa"), datelines ("Berlin (dpa) - "), the boxes sites put around
an article ("Zusammenfassung", "Lesen Sie auch", hashtags, newsletter calls) and the leftovers of
page buttons ("Detailansicht öffnen"). Like trafilatura's ``xpaths.py``: the modules that find
furniture (``article``, ``document``, the bullet stage, the extractive model's features) hold
the logic, this module holds the vocabulary, so a new site's box title or a new agency is added
in one place.

Some patterns look alike but are kept apart on purpose, each named for where it is used: a
whole line of the input is judged more freely than a few characters inside a sentence, and
``MODEL_FURNITURE_RE`` is a feature the shipped extractive model was trained on (changing it
changes the model's input). Any change here changes summaries: check it with
``kurzgefasst eval --per-article`` before and after (see CONTRIBUTING.md).
"""

from __future__ import annotations

import re

# --- agencies -------------------------------------------------------------------------------

#: News and photo agencies as they appear in credit lines and datelines (a regex alternation).
AGENCIES = (
    r"dpa|AFP|APA|AP|Reuters|REUTERS|KNA|epd|sda|SDA|SID|sid|dts|AFX|dpa-AFX|Keystone|KEYSTONE|"
    r"EPA|epa|imago|IMAGO|Getty Images|Getty|picture alliance|picture-alliance|ddp|Xinhua|ANP"
)
#: An agency tag inside a sentence, "(dpa)", "(AFP/red)": removed from a bullet.
AGENCY_TAG_RE = re.compile(
    r"\s*\((?:dpa|AFP|APA|AP|Reuters|KNA|epd|sda|SDA|SID|dts|red|afp|apa)(?:[/,][^)]{0,20})?\)"
)
#: A line that is only an agency signature: "(dpa)", "AFP/red", "dpa/lhe", "apa/red".
AGENCY_TAIL_RE = re.compile(
    r"^\s*(?:\((?:" + AGENCIES + r")[^)]{0,30}\)|(?:" + AGENCIES + r")(?:\s*/\s*\w{1,15}){0,4}|"
    r"[a-z]{2,4}(?:/[a-z]{2,4}){1,4})\s*$"
)

# --- credits ------------------------------------------------------------------------------

#: A whole line that credits a picture or a source: "Foto: dpa", "© APA", "APA/AFP/NAME".
CREDIT_LINE_RE = re.compile(
    r"^\s*(?:"
    r"(?:Foto|Fotos|Bild|Bilder|Photo|Quelle|Grafik|Video|Symbolbild|Archivbild|Bildquelle)\s*:.{0,160}"
    r"|(?:©|\(c\)|\(C\)|Copyright\b).{0,160}"
    r"|[A-ZÄÖÜ][\wÄÖÜäöüß.\- ]{0,30}(?:\s*/\s*[\wÄÖÜäöüß.\- ]{1,40}){1,6}"  # APA/AFP/NAME
    r"|(?:" + AGENCIES + r")(?:\s*[/,]\s*[\wÄÖÜäöüß.\- ]{1,40}){0,4}"
    r")\s*$"
)
#: First word inside a "(Foto: …)" that opens a sentence: the credit is cut off the sentence.
CREDIT_ASIDE_WORDS = frozenset(
    {"Foto", "Fotos", "Bild", "Bilder", "Archivfoto", "Archivbild", "Grafik", "Symbolbild"}
)
#: An aside "( … )" inside a sentence that only points at pictures or other pages.
MEDIA_ASIDE_RE = re.compile(
    r"^(?:siehe\b|s\.\s|Foto|Fotos|Bild|Bilder|Video|Archiv|Symbolbild|Grafik|Karte|Bildstrecke|"
    r"mehr dazu|hier\b|Anzeige|Werbung)",
    re.I,
)
#: The extractive model's "junk" feature: furniture words anywhere in a sentence. Frozen with
#: the shipped model (models/extractive.json.gz); change it only together with retraining.
MODEL_FURNITURE_RE = re.compile(r"Detailansicht|Foto:|Bild:|Quelle:|©|Illustration:|Grafik:")

# --- page buttons -------------------------------------------------------------------------

#: Two-token button labels that scraped texts glue to the next sentence (MLSUM: "Detailansicht
#: öffnen … (Foto: dpa)"); the document drops them from a sentence's start.
BUTTON_TOKEN_PAIRS = (("Detailansicht", "öffnen"), ("Bild", "vergrößern"), ("Zur", "Bildergalerie"))
#: The same kind of leftovers as text at the start of a bullet (more labels, any spelling).
BUTTON_LEFTOVER_RE = re.compile(
    r"^(?:(?:Detailansicht öffnen|Bild vergrößern|Bild vergrössern|Video abspielen|"
    r"Zur Bildergalerie|Bildergalerie ansehen|Audio abspielen)\s+)+"
)

# --- boxes around the article ---------------------------------------------------------------

#: Titles of a site's own summary box.
BOX_TITLES = (
    r"Zusammenfassung|Das Wichtigste in Kürze|Das Wichtigste|Darum geht'?s|Darum geht’s|"
    r"Auf einen Blick|Kurz und knapp|Kurz zusammengefasst|Das Wichtigste im Überblick|"
    r"In Kürze|Key Facts|Die wichtigsten Punkte|Das müssen Sie wissen|Das Wichtigste zusammengefasst"
)
#: A box title line, optionally after one stray icon word ("info", "chevron_right", "Liste").
BOX_TITLE_RE = re.compile(r"^\s*(?:[\w\-]{1,20}\s+)?(?:" + BOX_TITLES + r")\s*:?\s*$", re.I)
#: The start of a box of links to other articles.
RELATED_RE = re.compile(
    r"^\s*(?:Lesen Sie (?:auch|mehr|hier)|Mehr zum Thema|Mehr dazu|Weitere Artikel|Auch interessant|"
    r"Das könnte Sie (?:auch )?interessieren|Zum Thema|Weiterlesen|Mehr (?:News|Nachrichten|Artikel)|"
    r"Verwandte Artikel|Empfehlungen|Meistgelesen|Top-Artikel|Lesetipp|Ebenfalls interessant)\b.*$",
    re.I,
)
#: A list item line ("• …", "- …", "1. …"): a box's points, never a headline.
LIST_ITEM_RE = re.compile(r"^\s*(?:[•▪●◦·*\-–—‣►>]|\d{1,2}[.)])\s+\S")
#: A line of hashtags only.
HASHTAG_LINE_RE = re.compile(r"^\s*(?:#[\wÄÖÜäöüß\-]+[\s,;]*)+$")
#: Calls to subscribe, follow, share; ads and navigation labels.
NEWSLETTER_RE = re.compile(
    r"(?:Newsletter|Push-Nachricht|WhatsApp-Kanal|Telegram-Kanal).{0,80}"
    r"(?:abonnieren|anmelden|bestellen|registrieren|hier|kostenlos)"
    r"|^\s*(?:Folgen Sie uns|Jetzt (?:abonnieren|anmelden|lesen)|Hier (?:geht'?s|geht’s|klicken)|"
    r"Anzeige|Werbung|Mehr anzeigen|Teilen|Artikel teilen|Kommentare|Zur Startseite|"
    r"Mehr Infos|Abonnieren Sie|Melden Sie sich)\b",
    re.I,
)

# --- datelines ------------------------------------------------------------------------------

#: "Berlin (dpa) - ", "Wien – ", "WASHINGTON (AP) — ", "Frankfurt/Main (dpa/lhe) - " at the
#: start of the article's first paragraph (``article.split_dateline`` judges the match).
DATELINE_RE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\wÄÖÜäöüß.'’]*(?:[ /\-][A-ZÄÖÜa-zäöü][\wÄÖÜäöüß.'’]*){0,3})"
    r"(?:\s*(?P<agency>\((?:[^()]{1,40})\)))?"
    r"(?:\s*[-–—]\s+|(?<=\))\s*[:.]?\s+(?=[A-ZÄÖÜ\"„»]))"
)
#: Capitalised sentence starts that are no place before a dash ("Die – …").
NOT_PLACES = frozenset(
    """Der Die Das Ein Eine Einer Er Sie Es Wir Ihr Ich Man Dies Diese Dieser Doch Aber Und Auch
    Am Im In Mit Nach Vor Bei Für Laut Wie Was Wer Wo Noch Nur So Dann Als Seit Bis""".split()
)
#: A dateline left at the start of any sentence (a bullet): "Zürich/Bern – ",
#: "Spielfeld/Šentilj/Bad Radkersburg – "; any letters, up to five words.
SENTENCE_DATELINE_RE = re.compile(
    r"^(?P<place>[^\W\d_][\w.'’\-]*(?:[ /][^\W\d_][\w.'’\-]*){0,4})"
    r"\s*(?:\([^()]{1,25}\)\s*)?[–—-]\s+(?=[^\W\d_„\"«»])"
)
#: Sentence starts that are no place before a dash, for ``SENTENCE_DATELINE_RE``.
SENTENCE_NOT_PLACES = frozenset(
    {"Der", "Die", "Das", "Ein", "Eine", "Er", "Sie", "Es", "Wir", "Ich", "Man"}
)
