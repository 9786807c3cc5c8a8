"""Article → Document: sentence spans, offsets and page furniture."""

from __future__ import annotations

from kurzgefasst.article import parse_text
from kurzgefasst.document import build_document


def test_sentence_offsets_point_into_the_article(example_text: str) -> None:
    doc = build_document(parse_text(example_text))
    assert len(doc.sentences) >= 8
    for sentence in doc.sentences:
        assert example_text[sentence.start : sentence.end] == sentence.text


def test_furniture_and_inline_photo_credits_are_trimmed() -> None:
    text = (
        "Detailansicht öffnen In der Altstadt eröffnet am Samstag ein neues Museum für Stadtgeschichte. "
        "(Foto: Anna Beispiel/Musterstadt) Die Ausstellung zeigt mehr als 300 Fundstücke aus acht Jahrhunderten."
    )
    doc = build_document(parse_text(text))
    assert [s.text for s in doc.sentences] == [
        "In der Altstadt eröffnet am Samstag ein neues Museum für Stadtgeschichte.",
        "Die Ausstellung zeigt mehr als 300 Fundstücke aus acht Jahrhunderten.",
    ]
    for sentence in doc.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
