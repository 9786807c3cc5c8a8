"""What users type as a URL → what the fetcher takes: ``example.org/a.html`` → ``https://…``.

A pasted address without a scheme is a URL, not an attack: it gets ``https://`` when it starts
with a host name (a dotted name or ``localhost``, maybe with a port). Anything else is returned
unchanged and the fetcher explains what it refuses.
"""

from __future__ import annotations

import re

_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_HOST_RE = re.compile(
    r"^(?:localhost|[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}|\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?(?:[/?#]|$)"
)


def complete_url(text: str) -> str:
    url = text.strip()
    if url.startswith("//"):
        return "https:" + url
    if _SCHEME_RE.match(url) and not _HOST_RE.match(url):  # "localhost:8000/x" is a host
        return url
    if _HOST_RE.match(url):
        return "https://" + url
    return url


def looks_like_url(text: str) -> bool:
    """True for ``http(s)://…`` and for a scheme-less address that starts with a host name."""
    url = text.strip()
    return url.startswith(("http://", "https://")) or (
        not _SCHEME_RE.match(url) and bool(_HOST_RE.match(url)) and "/" in url
    )
