"""Typed errors: every failure a user can cause has its own class and a one-line message."""

from __future__ import annotations


class KurzgefasstError(Exception):
    """Base class of every error kurzgefasst raises on purpose."""

    #: Short machine-readable name, used in JSON error bodies and batch error records.
    code = "error"
    #: HTTP status the service answers with.
    http_status = 400

    def __init__(self, message: str = "", *, details: dict[str, object] | None = None) -> None:
        super().__init__(message)
        #: Machine-readable facts behind the message (e.g. {"language": "en"}), so a client can
        #: phrase its own message (the web page does, in German) without parsing English text.
        self.details: dict[str, object] = dict(details or {})


class EmptyInputError(KurzgefasstError):
    code = "empty_input"


class BinaryInputError(KurzgefasstError):
    code = "binary_input"
    http_status = 415


class InputTooLargeError(KurzgefasstError):
    code = "input_too_large"
    http_status = 413


class NotGermanError(KurzgefasstError):
    code = "not_german"


class TooShortError(KurzgefasstError):
    """Too few words for a summary (checked before the language: a few words have none)."""

    code = "too_short"


class NoArticleError(KurzgefasstError):
    """The input (usually HTML) holds no article text worth summarizing."""

    code = "no_article"


class FetchError(KurzgefasstError):
    """A URL could not be fetched (refused, unreachable, wrong type, too large)."""

    code = "fetch_failed"
    http_status = 502


class FetchTimeoutError(FetchError):
    code = "fetch_timeout"
    http_status = 504


class UnsafeURLError(FetchError):
    """The URL points to a scheme or address a server must never fetch."""

    code = "unsafe_url"
    http_status = 400


class GuardError(KurzgefasstError):
    """Raised in strict mode when a bullet fails the guard instead of being repaired."""

    code = "guard_failed"
    http_status = 422


class ConfigurationError(KurzgefasstError):
    """Bad options: unknown engine, impossible bullet count, missing model file."""

    code = "bad_options"
    http_status = 422


class EngineUnavailableError(KurzgefasstError):
    """A generative engine gave no usable answer (server down, too slow, garbage).

    The pipeline catches it for engines with a fallback and answers with the extractive
    summary plus a warning; it only reaches the caller for engines without one.
    """

    code = "engine_unavailable"
    http_status = 503
