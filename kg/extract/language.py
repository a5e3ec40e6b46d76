"""A cheap "is this English?" test: the share of very common English function words.

English news prose runs at 35-50 % of tokens from this list; other Latin-script languages
stay well under 10 %, and non-Latin scripts have almost no matching tokens at all.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_COMMON = frozenset(
    ["the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "with", "was", "as", "by", "it", "at", "from", "be", "are", "has", "have", "said", "this", "an", "were", "not", "or", "but", "his", "he", "they", "will", "been", "their", "its", "which", "who", "had", "would", "after", "also", "more", "than", "about", "she", "her", "we", "i", "you", "there", "over", "into", "when", "can", "could", "one", "new", "all"]
)
MIN_WORDS = 20
MIN_SHARE = 0.12


def english_share(text: str, sample: int = 3000) -> tuple[float, int]:
    """(share of common English words, number of words) in the first ``sample`` characters."""
    words = _WORD.findall(text[:sample].lower())
    if not words:
        return 0.0, 0
    return sum(w in _COMMON for w in words) / len(words), len(words)


def not_english(text: str) -> str | None:
    """A warning when the text is clearly not English, else None (short texts are given the benefit)."""
    share, n = english_share(text)
    if n >= MIN_WORDS and share < MIN_SHARE:
        return f"not English ({share:.0%} common English words in {n})"
    return None
