"""Raw input (bytes or str, text or HTML) → Article, with every check a user can fail."""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import IO

from .article import Article, parse_text
from .consent import is_consent_wall
from .errors import (
    BinaryInputError,
    ConfigurationError,
    EmptyInputError,
    InputTooLargeError,
    NoArticleError,
    NotGermanError,
    TooShortError,
)
from .german.language import MIN_WORDS, identify, language_name, word_count
from .html import looks_like_html, parse_html
from .options import Options
from .recase import is_all_caps, recase

#: Byte order marks and their codecs, longest first (the UTF-32 LE mark starts like UTF-16's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SURROGATE_RE = re.compile("[\ud800-\udfff]")

# Control characters other than \t \n \f \r: a share above 2 % means binary data. (One regex
# search instead of a Python loop over 8,192 characters: 0.4 ms of every article.)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def decode(data: bytes | str, warnings: list[str] | None = None) -> str:
    """Bytes → str; refuses binary data instead of summarizing mojibake.

    Never turns a whole text into mojibake: UTF-8 with a few invalid bytes keeps its umlauts and
    gets U+FFFD for those bytes only; only text with no valid UTF-8 beyond ASCII is read as
    Windows-1252 (old archives). Lone surrogates (possible in a Python str) become U+FFFD. The
    result is NFC-normalized: the sentence splitter needs it, and every offset refers to it.
    Each repair is reported in ``warnings``.
    """
    notes = warnings if warnings is not None else []
    text = data if isinstance(data, str) else _decode_bytes(bytes(data), notes)
    if _SURROGATE_RE.search(text):
        count = len(_SURROGATE_RE.findall(text))
        text = _SURROGATE_RE.sub("\ufffd", text)
        notes.append(f"the input held {count} lone surrogate code point(s); replaced by U+FFFD")
    sample = text[:8192]
    controls = len(_CONTROL_RE.findall(sample))
    if "\x00" in sample or (sample and (controls + sample.count("\ufffd")) / len(sample) > 0.02):
        raise BinaryInputError("the input is binary data, not text")
    text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_bytes(data: bytes, notes: list[str]) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                if codec == "utf-8-sig":
                    break  # UTF-8 with a mark and bad bytes: handled below
                raise BinaryInputError(f"the input starts like {codec} but is not") from None
    if b"\x00" in data[:8192]:
        raise BinaryInputError("the input is binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    if good >= bad:
        # Mostly valid UTF-8 beyond ASCII: a few damaged bytes, not another encoding.
        notes.append(
            f"the input had {bad} byte sequence(s) that are not valid UTF-8; "
            "each was replaced by U+FFFD"
        )
        return text
    # No (or hardly any) valid UTF-8 beyond ASCII: an old archive in Windows-1252.
    notes.append("the input is not UTF-8; it was read as Windows-1252")
    return data.decode("cp1252", errors="replace")


def read_bounded(stream: IO[bytes], max_bytes: int, what: str) -> bytes:
    """At most ``max_bytes`` + 1 bytes: one more than the limit proves the input too large
    without reading all of /dev/zero or a 1.5 GB pipe first."""
    data = bytearray()
    while len(data) <= max_bytes:
        chunk = stream.read(min(1 << 20, max_bytes + 1 - len(data)))
        if not chunk:
            break
        data += chunk
    if len(data) > max_bytes:
        raise InputTooLargeError(
            f"{what} has more than {max_bytes:,} bytes; the limit is {max_bytes:,}"
        )
    return bytes(data)


def _check_size(size: int, limit: int, what: str) -> None:
    if size > limit:
        raise InputTooLargeError(f"{what} has {size:,} bytes; the limit is {limit:,}")


def _check_types(data: object, title: object, url: object) -> None:
    if not isinstance(data, str | bytes | bytearray | memoryview):
        raise ConfigurationError(f"the article must be str or bytes, not {type(data).__name__}")
    if title is not None and not isinstance(title, str):
        raise ConfigurationError(f"title must be a str, not {type(title).__name__}")
    if url is not None and not isinstance(url, str):
        raise ConfigurationError(f"url must be a str, not {type(url).__name__}")


def load_article(
    data: bytes | str, options: Options, *, url: str | None = None, title: str | None = None
) -> Article:
    _check_types(data, title, url)
    # surrogatepass: a lone surrogate must not fail the size check (decode replaces it).
    size = len(data.encode("utf-8", errors="surrogatepass")) if isinstance(data, str) else len(data)
    _check_size(size, options.max_read_bytes, "the input")
    notes: list[str] = []
    text = decode(data, notes)
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
        if is_all_caps(text):
            text = recase(text)
            notes.append("the text was in capitals only; it was recased to read it")
        article = parse_text(text, title=title)
    if title and not article.title:
        article.title = title
    if not article.paragraphs:
        raise EmptyInputError("the input has no article text (only headings, credits or boxes)")
    check_article(article.body, check_language=options.check_language)
    if is_consent_wall(article.body):
        raise NoArticleError(
            "the page is a cookie or consent notice, not an article "
            "(fetch it with consent given, or paste the article text)"
        )
    article.warnings[:0] = notes
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
