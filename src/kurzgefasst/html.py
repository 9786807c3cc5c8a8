"""HTML page → Article, through trafilatura's main-text extraction with metadata."""

from __future__ import annotations

import re

from .article import Article, parse_text
from .errors import NoArticleError

_HTML_HINT_RE = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|main|div|p|span|section|meta|title|br|h[1-6])\b",
    re.I,
)


def looks_like_html(text: str) -> bool:
    """True when the input is markup rather than pasted text (checked on its first 4 KB)."""
    head = text[:4096]
    return len(_HTML_HINT_RE.findall(head)) >= 2 or head.lstrip().lower().startswith(
        ("<!doctype", "<html")
    )


def parse_html(html: str, *, url: str | None = None) -> Article:
    # Imported here: trafilatura costs ~0.5 s to import and plain-text users never need it.
    from trafilatura import bare_extraction

    try:
        extracted = bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise NoArticleError(f"could not read the HTML page: {exc.__class__.__name__}") from exc
    if extracted is None:
        raise NoArticleError("no article text found in the HTML page")
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = (data.get("text") or "").replace("\r\n", "\n").strip()
    if len(text) < 80:
        raise NoArticleError("no article text found in the HTML page")
    article = parse_text(text, title=(data.get("title") or None))
    if not article.paragraphs:
        raise NoArticleError("the HTML page has no paragraphs of article text")
    article.metadata = {
        key: str(data[key])
        for key in ("url", "date", "sitename", "author", "description", "hostname")
        if data.get(key)
    }
    if url and "url" not in article.metadata:
        article.metadata["url"] = url
    return article
