"""Word rarity from wordfreq's German list (shipped in the wheel, no download)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=131072)
def zipf(word: str) -> float:
    """Zipf frequency (0 = unseen, 7 = "der"); wordfreq lowercases and maps ß → ss itself."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "de")


def rarity(word: str) -> float:
    """0 for the most common words, up to 1 for words wordfreq has never seen."""
    return max(0.0, min(1.0, (7.0 - zipf(word)) / 7.0))
