"""Why an alias is the same node as the entity's name: one short reason per alias, for ``kg entity``.

Every merge the extractor makes follows one of a few rules (kg/ids.py ``person_key``, the
within-article resolution in kg/extract/resolve.py, the curated reference names of states and
organisations). An analyst who sees "Vladimir V. Putin" and "Putin" under one node must be able to
tell which rule joined them, so a wrong merge can be spotted and reported instead of trusted. The
reasons are recomputed from the names with the same functions the extractor uses, so they cannot
drift from what the extractor actually does.
"""

from __future__ import annotations

import re

from kg.ids import normalise, person_key, surname_key

_INITIAL = re.compile(r"^[^\W\d_]\.?$")


def _words(name: str) -> list[str]:
    return [w.strip(".,;:'-") for w in normalise(re.sub(r"[\[\]{}()<>\"*|]", " ", name)).split() if w.strip(".,;:'-")]


def _person_reason(name: str, alias: str) -> str | None:
    """The person-name rule that joins ``alias`` to ``name``, or None."""
    from kg.extract.resolve import strip_title  # the extractor's own rule; spaCy-free import

    key = person_key(name)
    if person_key(alias) == key:
        a, n = _words(alias), _words(name)
        if len(a) != len(n) and any(_INITIAL.match(w) for w in a + n):
            return "middle initial"
        if a == n:
            return "punctuation or brackets"
        return "spelling variant (transliteration)"
    bare = strip_title(alias)
    if bare != alias and person_key(bare) == key:
        return "title or role words dropped"
    if bare != alias and " " not in bare.strip():
        alias = bare
    words = _words(alias)
    if len(words) == 1 and surname_key(alias) == surname_key(name):
        return "surname of the full name in the same article"
    if len(words) == 1 and key.split(" ")[0] == person_key(alias):
        return "given name only one full name in the article has"
    return None


def alias_reason(label: str, name: str, alias: str) -> str:
    """Why ``alias`` names the same ``label`` entity as ``name``: the rule that joined them."""
    if normalise(alias) == normalise(name):
        return "same name up to case, accents or quotes"
    if label == "Person":
        reason = _person_reason(name, alias)
        if reason:
            return reason
    if label in ("Country", "Group"):
        from kg.geo.reference import reference

        ref = reference()
        state = ref.state(name) or ref.demonym_state(name)
        if state is not None:
            if ref.state(alias) is state:
                return "another name of the state (reference list)"
            if ref.demonym_state(alias) is state:
                return "nationality word of the state"
    if label == "Organization":
        from kg.geo.reference import reference

        org = reference().org(name)
        if org is not None and reference().org(alias) is org:
            return "another name in the reference list"
        from kg.extract.resolve import initials  # the acronym rule resolve.py merges by

        if " " not in alias.strip() and alias.replace(".", "").upper() == initials(name):
            return "acronym of the name"
    return "referred to as the same entity in one article"


def alias_reasons(label: str, name: str, aliases: list[str]) -> dict[str, str]:
    """``alias_reason`` for each alias, in the given order."""
    return {a: alias_reason(label, name, a) for a in aliases}
