"""Roles that titles give: "Russian Foreign Ministry Spokeswoman Maria Zakharova" says Zakharova holds
the role "Spokeswoman" in the Russian Foreign Ministry; "NATO Secretary General Jens Stoltenberg", a
role in NATO; "German Chancellor Olaf Scholz", a role in Germany's state.

Why a stage of its own: names keep titles out of a person's name (kg/extract/resolve.py
``strip_title``), so the role those words state would otherwise be lost. English news writes a
role as a pre-nominal title: a body, then role words, then the name, in one noun phrase with
nothing between. The rule reads exactly that shape off the entity mentions and the text between
them, so it needs no parse and costs a few string tests per person mention:

* the body is the mention that ends right before the title (only a possessive "'s", spaces and
  hyphens between: "Syria's President X"): an
  Organization, a Country, or a nationality word standing for its state ("German" -> Germany);
* the title is the words between it and the name, plus title words the person's mention itself
  starts with, all of them title or portfolio words (schema/names.yaml ``titles``,
  ``generic_body_words``: "Foreign Minister", "Secretary General"), at least one a role word, not
  an honorific only ("Mr."; ``honorifics``).

A title with no body before it ("Secretary of State Antony Blinken") states no body: nothing is made.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from kg.extract.entities import lexicon
from kg.model import Entity

_GAP = re.compile(r"^[ \t\-\u2010\u2011]*$")  # what may stand between body and title, besides words
_POSSESSIVE = re.compile(r"^['\u2019]s\b")
_WORD = re.compile(r"[^\W\d_][\w'.\-]*")


@dataclass(frozen=True)
class TitleRole:
    person: str  # entity id
    body: str  # entity id of the Organization or Country the title names
    role: str  # the title words as written ("Foreign Minister")
    start: int  # where the phrase starts (the body's mention), for the evidence sentence
    end: int  # where the person's mention ends


_JOINERS = frozenset({"and", "or", "&", "the", "of", "for", "on"})  # may sit inside a title, never open it


def _role_words(words: list[str]) -> bool:
    """Title words only: "Foreign Minister", "Secretary of State"; never "and President" (a list)."""
    lex = lexicon()
    low = [part.strip(".,").lower() for w in words for part in w.split("-") if part.strip(".,")]
    if not low or low[0] in _JOINERS or {"and", "or", "&"} & set(low):
        return False
    return (all(w in lex["titles"] or w in lex["generic_body_words"] for w in low)
            and any(w in lex["titles"] and w not in lex["honorifics"] for w in low))


def _state_of(ent: Entity, by_id: dict[str, Entity]) -> str | None:
    """The entity a body mention stands for as a party to a role: itself, or a nationality word's state."""
    if ent.label in ("Organization", "Country"):
        return ent.id
    state = ent.properties.get("country") if ent.label == "Group" else None
    if not isinstance(state, str) or not state.startswith("country:"):
        return None
    # the state need not be named yet: the places stage adds a nationality word's Country to the article
    return state if state not in by_id or by_id[state].label == "Country" else None


def title_roles(text: str, entities: list[Entity]) -> list[TitleRole]:
    """Every "<body> <title> <person>" phrase of ``text`` over the article's ``entities``."""
    from kg.extract.resolve import title_of  # the names stage's own split of title and name

    by_id = {e.id: e for e in entities}
    spans = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
    ends = sorted((end, start, eid) for start, end, eid in spans)
    end_keys = [e[0] for e in ends]
    out: dict[tuple[str, str], TitleRole] = {}
    for start, end, eid in spans:
        if by_id[eid].label != "Person":
            continue
        inner = (title_of(text[start:end]) or "").split()
        k = bisect_left(end_keys, start + 1) - 1  # the nearest mention ending at or before this one starts
        while k >= 0 and ends[k][2] == eid:
            k -= 1
        if k < 0:
            continue
        body_end, body_start, body_id = ends[k]
        gap = _POSSESSIVE.sub("", text[body_end:start])
        title = _WORD.findall(gap)
        if not _GAP.match(_WORD.sub("", gap)) or not _role_words(title + inner):
            continue
        state = _state_of(by_id[body_id], by_id)
        if state is None or state == eid:
            continue
        role = " ".join(title + inner)
        out.setdefault((eid, state), TitleRole(eid, state, role, body_start, end))
    return list(out.values())
