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


_BRACKETS = re.compile(r"[\[\]{}()<>\"\u201c\u201d*|]")
_INITIAL = re.compile(r"^[^\W\d_]\.?$")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|an|ar|at|az)-")
# transliteration variants of one name: Sergey/Sergei, Dmitry/Dmitriy/Dmitrii, Zelensky/Zelenskyy,
# Yevgeny/Evgeny, Aleksandr/Alexandr, Mohammed/Muhammad; applied to a normalised word
_FOLDS = (
    (re.compile(r"^ye(?=[^aeiouy])"), "e"),
    (re.compile(r"ks(?=\w)"), "x"),
    (re.compile(r"(?:iy|yy|ii|yi|y)$"), "i"),
    (re.compile(r"^m[ou]ham+[ae]d$"), "muhammad"),
)


def _fold(word: str) -> str:
    for pattern, repl in _FOLDS:
        word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=1 << 16)
def person_key(name: str) -> str:
    """The key that decides whether two person names are one node, across articles too: the
    normalised name without stray brackets and quotes ("Vladimir] Putin"), without middle initials
    ("Vladimir V. Putin"), with transliteration variants folded ("Sergey"/"Sergei"). The displayed
    name keeps its own spelling; the other spellings become aliases."""
    words = [w.strip(".,;:'-") for w in normalise(_BRACKETS.sub(" ", name)).split()]
    words = [w for w in words if w]
    if len(words) > 2:  # a middle initial, never a first or last name
        words = [words[0], *(w for w in words[1:-1] if not _INITIAL.match(w)), words[-1]]
    return " ".join(_fold(w) for w in words)


def surname_key(name: str) -> str:
    """The part of a full name a short mention uses: "Bashar al-Assad" -> "assad"."""
    key = person_key(name)
    last = key.rsplit(" ", 1)[-1]
    return _ARTICLE_PREFIX.sub("", last)


# words that never make a lookup key on their own ("of" would find every "X of Y")
_FILLER = frozenset(["a", "an", "and", "at", "de", "del", "der", "des", "for", "in", "of", "on", "or", "the", "to"])
_MAX_WORDS = 8  # longer names give their full form only, not every run of words


def name_keys(names: Iterable[str]) -> list[str]:
    """Lookup keys for an entity's names: each name lower-cased and normalised, and every run of
    whole words in it ("Nikolai Patrushev" -> "nikolai patrushev", "nikolai", "patrushev").

    Saved queries find an entity with ``toLower(trim($name)) IN e.keys``, which an index on ``keys``
    answers directly; a substring scan over every name would read the whole graph.
    """
    return list(_name_keys(tuple(names)))


@lru_cache(maxsize=1 << 14)  # the same entities' names come back in article after article
def _name_keys(names: tuple[str, ...]) -> tuple[str, ...]:
    """The cached worker of ``name_keys``."""
    keys: set[str] = set()
    for name in names:
        for form in {" ".join(name.lower().split()), normalise(name)}:
            if not form:
                continue
            keys.add(form)
            words = [w for w in (t.strip(_EDGE_PUNCT) for t in form.split()) if w]
            if len(words) > _MAX_WORDS:
                continue
            for n in range(1, len(words)):
                for i in range(len(words) - n + 1):
                    run = words[i:i + n]
                    if run[0] in _FILLER or run[-1] in _FILLER or (n == 1 and len(run[0]) < 2):
                        continue
                    keys.add(" ".join(run))
    return tuple(sorted(keys))


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
