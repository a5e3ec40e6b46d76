"""Normalised keys and deterministic ids.

Every node and relationship id is a hash of a normalised key, so the same entity, article or
claim gets the same id on every machine and every run: writes are ``MERGE`` on these ids and
re-importing changes nothing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_EDGE_PUNCT = " \t\n\"'.,;:!?()[]{}"


@lru_cache(maxsize=1 << 16)  # pure, and called for every mention of every article
def normalise(name: str) -> str:
    """Case-, accent-, whitespace- and quote-insensitive form of a name, Unicode-safe.

    Letters of any script are kept (Cyrillic, Arabic, CJK); accents are stripped only where
    the base letter is Latin, so "Zelenskyy" and "Zelénskyy" match but Cyrillic stays Cyrillic.
    """
    text = unicodedata.normalize("NFKC", name).translate(_QUOTES)
    decomposed = unicodedata.normalize("NFD", text)
    kept: list[str] = []
    for ch in decomposed:
        if unicodedata.category(ch) == "Mn" and kept and kept[-1].isascii():
            continue
        kept.append(ch)
    text = unicodedata.normalize("NFC", "".join(kept)).casefold()
    text = _SPACE.sub(" ", text).strip(_EDGE_PUNCT)
    while True:  # strip until stable, so normalise(normalise(x)) == normalise(x)
        before = text
        if text.startswith("the "):
            text = text[4:]
        if text.endswith("'s"):
            text = text[:-2]
        text = text.strip(_EDGE_PUNCT)
        if text == before:
            return text


def make_id(kind: str, *parts: object) -> str:
    """A stable id ``<kind>:<24 hex>`` from a kind and key parts (sha256 of the joined parts).

    Parts are joined with a separator that cannot occur in normalised text, so ("a b", "c") and
    ("a", "b c") hash differently. 96 bits make accidental collisions negligible at any corpus size.
    """
    key = "\x1f".join(str(p) for p in (kind, *parts))
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return f"{kind.lower()}:{digest}"


def content_hash(text: str) -> str:
    """Hash of an article's text, used to skip re-imports of unchanged articles."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
