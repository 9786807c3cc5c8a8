"""Raw input (bytes or str, text or HTML) → Article, with every check a user can fail."""

from __future__ import annotations

import re

from .article import Article, parse_text
from .errors import (
    BinaryInputError,
    EmptyInputError,
    InputTooLargeError,
    NotGermanError,
    TooShortError,
)
from .german.language import MIN_WORDS, identify, language_name, word_count
from .html import looks_like_html, parse_html
from .options import Options

# Control characters other than \t \n \f \r: a share above 2 % means binary data. (One regex
# search instead of a Python loop over 8,192 characters: 0.4 ms of every article.)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def decode(data: bytes | str) -> str:
    """Bytes → str; refuses binary data instead of summarizing mojibake."""
    if isinstance(data, str):
        text = data
    else:
        if b"\x00" in data[:8192]:
            raise BinaryInputError("the input is binary data, not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Old archives are often Windows-1252; accept it only if the result looks like text.
            text = data.decode("cp1252", errors="replace")
    sample = text[:8192]
    controls = len(_CONTROL_RE.findall(sample))
    if "\x00" in sample or (sample and (controls + sample.count("\ufffd")) / len(sample) > 0.02):
        raise BinaryInputError("the input is binary data, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_size(size: int, limit: int, what: str) -> None:
    if size > limit:
        raise InputTooLargeError(f"{what} has {size:,} bytes; the limit is {limit:,}")


def load_article(
    data: bytes | str, options: Options, *, url: str | None = None, title: str | None = None
) -> Article:
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8"))
    _check_size(size, options.max_read_bytes, "the input")
    text = decode(data)
    if not text.strip():
        raise EmptyInputError("the input is empty")
    is_html = options.input_format == "html" or (
        options.input_format == "auto" and looks_like_html(text)
    )
    if is_html:
        _check_size(size, options.max_html_bytes, "the HTML page")
        article = parse_html(text, url=url)
        _check_size(len(article.text.encode("utf-8")), options.max_input_bytes, "the article text")
    else:
        _check_size(size, options.max_input_bytes, "the input text")
        article = parse_text(text, title=title)
    if title and not article.title:
        article.title = title
    if not article.paragraphs:
        raise EmptyInputError("the input has no article text (only headings, credits or boxes)")
    check_article(article.body, check_language=options.check_language)
    return article


def check_article(body: str, *, check_language: bool = True) -> None:
    """Too short, then not German: a few words are no article, whatever their language."""
    words = word_count(body)
    if words < MIN_WORDS:
        raise TooShortError(
            f"the text is too short to summarize ({words} words; at least {MIN_WORDS} are needed)",
            details={"words": words, "min_words": MIN_WORDS},
        )
    if check_language:
        language = identify(body)
        if language != "de":
            raise NotGermanError(
                f"the text looks {language_name(language)}, not German; "
                "kurzgefasst summarizes German news",
                details={"language": language},
            )
