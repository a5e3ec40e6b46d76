"""A person's grammatical gender, for "he"/"she" agreement, from what the article itself writes.

Honorifics first ("Mr. Jordan", "Mrs. Clinton"), then the given name: the 1990 US Census lists of
male and female first names with their frequencies, as the MIT-licensed ``names`` package ships
them (the data is a US government work, public domain). A name counts for one sex only when it is
at least ``_RATIO`` times as common among them ("Jordan" and "Taylor" stay unknown). Names the lists
do not have (most non-English given names) stay unknown, and unknown agrees with either pronoun:
this only ever removes a candidate that cannot be meant ("she said" after "Bill Clinton").
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

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


def is_given_name(word: str) -> bool:
    """Is ``word`` a given name of either sex in the census lists ("Alicia", "Jordan")?"""
    key = word.strip(".,").upper()
    freq = _frequencies()
    return key in freq["m"] or key in freq["f"]


def honorific_gender(before: str) -> str | None:
    """"m"/"f" when the words right before a name end in an honorific ("... said Mrs.")."""
    words = _WORD.findall(before.lower())
    return _HONORIFICS.get(words[-1]) if words else None


def given_name_gender(name: str) -> str | None:
    """"m"/"f" from the first word of a person's name ("Hillary Clinton" -> "f"), else None; a
    one-word name (a bare surname) tells nothing."""
    words = _WORD.findall(name)
    if len(words) < 2 or len(words[0]) < 2:
        return None
    return _given_names().get(words[0].upper())
