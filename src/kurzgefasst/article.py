"""Pasted article text → Article: title, lead, paragraphs; credits, datelines and site boxes removed.

Offsets: every paragraph keeps its start offset in ``Article.text`` so evidence can point back
to the exact characters a user pasted. Lines are never rewritten in place; a hard-wrapped
paragraph is joined by replacing its newlines with spaces, which keeps every offset valid.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Literal

from .furniture import (
    AGENCY_TAIL_RE,
    BOX_TITLE_RE,
    CREDIT_LINE_RE,
    DATELINE_RE,
    HASHTAG_LINE_RE,
    LIST_ITEM_RE,
    NEWSLETTER_RE,
    NOT_PLACES,
    RELATED_RE,
)

ParagraphKind = Literal["lead", "body"]


@dataclass(frozen=True)
class Paragraph:
    text: str
    #: Offset of the paragraph's first character in ``Article.text``.
    start: int
    kind: ParagraphKind = "body"

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Removed:
    """A piece of the input that is deliberately not summarized, with the reason."""

    kind: str  # credit | title | summary_box | related | hashtags | newsletter | boilerplate
    text: str


@dataclass
class Article:
    #: The text every offset refers to (the pasted text with \r\n → \n, or the text
    #: extracted from an HTML page).
    text: str
    title: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    credit: str | None = None
    #: Place (and agency) of a dateline like "Berlin (dpa) - ", kept out of the sentences.
    dateline: str | None = None
    removed: list[Removed] = field(default_factory=list)
    #: Metadata from HTML or the caller: url, date, sitename, author.
    metadata: dict[str, str] = field(default_factory=dict)
    #: What the reader should know about the input itself (e.g. invalid bytes replaced).
    warnings: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


# --- line classification (the patterns live in furniture.py) ------------------------------

_SENTENCE_END_RE = re.compile(r"[.!?…:;\"“”»«'’)]\s*$")


def split_dateline(paragraph: str) -> tuple[str | None, int]:
    """Return (dateline, length of the prefix to drop) for a paragraph starting with one."""
    match = DATELINE_RE.match(paragraph)
    if not match:
        return None, 0
    place = match.group("place")
    if place.split()[0].strip(".") in NOT_PLACES or len(place) > 45:
        return None, 0
    # A dash after a capitalised word is common in ordinary sentences ("Merkel – die …"):
    # without an agency tag, accept only short places followed by a capitalised word.
    if not match.group("agency"):
        rest = paragraph[match.end() :]
        if len(place.split()) > 2 or not rest[:1].isupper():
            return None, 0
    dateline = paragraph[: match.end()].strip(" -–—:")
    return dateline, match.end()


def _is_title(line: str) -> bool:
    stripped = line.strip()
    words = stripped.split()
    return (
        2 <= len(words) <= 25
        and len(stripped) <= 200
        and not stripped.endswith((".", ",", ";"))
        and not LIST_ITEM_RE.match(stripped)
    )


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    """Group non-empty lines into blocks separated by blank lines."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for offset, line in _lines_with_offsets(text):
        if line.strip():
            current.append((offset, line))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_hard_wrapped(block: list[tuple[int, str]]) -> bool:
    """True when a block's lines are one paragraph wrapped at a fixed width (e-mail, PDF)."""
    if len(block) < 2:
        return False
    breaks = sum(
        1
        for (_, line), (_, nxt) in itertools.pairwise(block)
        if not _SENTENCE_END_RE.search(line) and nxt.lstrip()[:1].islower()
    )
    return breaks >= max(1, (len(block) - 1) // 2)


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Lines a human would call paragraphs; wrapped lines are joined (newline → space)."""
    lines: list[tuple[int, str]] = []
    for block in _blocks(text):
        if _is_hard_wrapped(block):
            start = block[0][0]
            end = block[-1][0] + len(block[-1][1])
            lines.append((start, text[start:end].replace("\n", " ")))
        else:
            lines.extend(block)
    return lines


def parse_text(text: str, *, title: str | None = None) -> Article:
    """Structure pasted article text. ``text`` must already be normalised (\\n line ends)."""
    article = Article(text=text, title=title)
    lines = _logical_lines(text)
    index = 0

    # Credits and a headline at the top, in either order ("Foto: …" may sit under the title).
    for _ in range(3):
        if index >= len(lines):
            break
        line = lines[index][1].strip()
        if CREDIT_LINE_RE.match(line) and len(line) < 200 and not line.endswith((".", "!", "?")):
            article.credit = line if article.credit is None else f"{article.credit}; {line}"
            article.removed.append(Removed("credit", line))
            index += 1
        elif (
            article.title is None
            and index + 1 < len(lines)
            and _is_title(line)
            and not any(
                p.match(line) for p in (BOX_TITLE_RE, RELATED_RE, NEWSLETTER_RE, HASHTAG_LINE_RE)
            )
        ):
            article.title = line
            article.removed.append(Removed("title", line))
            index += 1
        else:
            break

    in_box: str | None = None  # kind of the site box we are inside, if any
    box_lines = 0
    for offset, line in lines[index:]:
        stripped = line.strip()
        if HASHTAG_LINE_RE.match(stripped):
            article.removed.append(Removed("hashtags", stripped))
            continue
        if BOX_TITLE_RE.match(stripped):
            in_box, box_lines = "summary_box", 0
            article.removed.append(Removed("summary_box", stripped))
            continue
        if RELATED_RE.match(stripped):
            in_box = "related"
            article.removed.append(Removed("related", stripped))
            continue
        if in_box is not None:
            # Inside a box: bullet lines and short unpunctuated headlines belong to it; a
            # summary box may also come without markers: short lines of one sentence each.
            if (
                LIST_ITEM_RE.match(stripped)
                or (
                    in_box == "related"
                    and not _SENTENCE_END_RE.search(stripped)
                    and len(stripped) < 160
                )
                or (
                    in_box == "summary_box"
                    and box_lines >= 0  # no marked line yet: a box with markers ends at the body
                    and box_lines < _MAX_BOX_LINES
                    and _box_line(stripped)
                )
            ):
                article.removed.append(Removed(in_box, stripped))
                box_lines = -1 if LIST_ITEM_RE.match(stripped) or box_lines < 0 else box_lines + 1
                continue
            in_box = None
        if NEWSLETTER_RE.search(stripped) and len(stripped) < 250:
            article.removed.append(Removed("newsletter", stripped))
            continue
        if AGENCY_TAIL_RE.match(stripped) or (
            CREDIT_LINE_RE.match(stripped) and len(stripped) < 120 and not stripped.endswith(".")
        ):
            article.removed.append(Removed("credit", stripped))
            continue
        if len(stripped.split()) < 3 and not _SENTENCE_END_RE.search(stripped):
            # Subheadings, stray icon words, "Video" labels: not summary material.
            article.removed.append(Removed("boilerplate", stripped))
            continue
        _add_paragraph(article, offset, line)
    return article


#: A site's summary box has a few points; after this many lines the body has begun.
_MAX_BOX_LINES = 6
_BOX_LINE_CHARS = 220


def _box_line(line: str) -> bool:
    """A line that reads like one point of an unmarked summary box: short, one sentence."""
    inner = line.rstrip(".!").rstrip()
    return len(line) <= _BOX_LINE_CHARS and not re.search(r"[.!?]\s+[A-ZÄÖÜ„\"»«]", inner)


def _add_paragraph(article: Article, offset: int, line: str) -> None:
    lstripped = line.lstrip()
    offset += len(line) - len(lstripped)
    text = lstripped.rstrip()
    if not article.paragraphs:
        dateline, cut = split_dateline(text)
        if dateline:
            article.dateline = dateline
            offset += cut
            text = text[cut:]
    kind: ParagraphKind = "lead" if not article.paragraphs else "body"
    article.paragraphs.append(Paragraph(text=text, start=offset, kind=kind))
