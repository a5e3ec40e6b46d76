"""A person's grammatical gender, for "he"/"she" agreement, from what the article itself writes.

Honorifics first ("Mr. Jordan", "Mrs. Clinton"), then the given name: the 1990 US Census lists of
male and female first names with their frequencies, as the MIT-licensed ``names`` package ships
them (the data is a US government work, public domain). A name counts for one sex only when it is
at least ``_RATIO`` times as common among them ("Taylor" and "Casey" stay unknown), and never when
it is mostly the other sex's outside the US ("Andrea", "Jean", "Kim": ``given_names_any_gender``). Names the lists
do not have (most non-English given names) stay unknown, and unknown agrees with either pronoun:
this only ever removes a candidate that cannot be meant ("she said" after "Bill Clinton").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from kg import settings, yamlfile

_RATIO = 4.0
_HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "madam": "f", "dame": "f", "lord": "m",
               "lady": "f"}
_WORD = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    """Upper-case given name -> "m" or "f" (names common to both sexes left out)."""
    freq = _frequencies()
    out = {}
    for sex, other in (("m", "f"), ("f", "m")):
        for name, share in freq[sex].items():
            if share >= _RATIO * freq[other].get(name, 0.0):
                out[name] = sex
    return out


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, dict[str, float]]:
    """"m"/"f" -> upper-case given name -> share of that sex's people (per cent)."""
    freq: dict[str, dict[str, float]] = {"m": {}, "f": {}}
    try:
        folder = resources.files("names")
        for sex, fname in (("m", "dist.male.first"), ("f", "dist.female.first")):
            for line in folder.joinpath(fname).read_text(encoding="ascii").splitlines():
                parts = line.split()
                if len(parts) >= 2:
                    freq[sex][parts[0]] = float(parts[1])
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        pass  # the lists are an aid: without them only honorifics decide
    return freq


def _key(word: str) -> str:
    """Upper case without accents ("José" -> "JOSE"), as the census lists write names."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.strip(".,")) if not unicodedata.combining(c)).upper()


def is_given_name(word: str) -> bool:
    """Is ``word`` a given name of either sex in the census lists ("Alicia", "Jordan", "Andrés")?"""
    key = _key(word)
    freq = _frequencies()
    return key in freq["m"] or key in freq["f"]


def honorific_gender(before: str) -> str | None:
    """"m"/"f" when the words right before a name end in an honorific ("... said Mrs.")."""
    words = _WORD.findall(before.lower())
    return _HONORIFICS.get(words[-1]) if words else None


def given_name_gender(name: str) -> str | None:
    """"m"/"f" from the first word of a person's name ("Hillary Clinton" -> "f"), else None; a
    one-word name (a bare surname) tells nothing."""
    words = name.split()
    if len(words) < 2 or len(words[0]) < 2 or "-" in words[0]:
        return None  # a hyphenated given name ("Jean-Claude") is not the lists' "Jean"
    key = _key(words[0])
    if key.lower() in _any_gender():
        return None
    return _given_names().get(key)


@lru_cache(maxsize=1)
def _any_gender() -> frozenset[str]:
    """Given names the US lists give one sex that elsewhere are mostly the other's ("Andrea",
    "Jean", "Kim"): ``given_names_any_gender`` in ``schema/names.yaml``."""
    data = yamlfile.read(settings.schema_dir() / "names.yaml") or {}
    return frozenset(str(w).lower() for w in data.get("given_names_any_gender") or ())
