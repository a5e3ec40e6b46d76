"""Where and when an event happened, as the sentence states it: a Place/Country given by
"in/at/near" on the trigger (or on the verb that carries an event noun), a DATE phrase on either.
Kept apart from kg.extract.events: it reads only the parse and the entity index, not the actors."""

from __future__ import annotations

from typing import Any

from kg.extract.speakers import EntityIndex

_PLACE_PREPS = ("in", "at", "near", "outside", "inside")


def _anchors(tok: Any) -> list[Any]:
    """The trigger and, for a noun, the verb that carries it: both can take "in Kabul", "on Monday"."""
    out = [tok]
    if tok.pos_ in ("NOUN", "PROPN"):
        head = tok.head.head if tok.dep_ == "pobj" else tok.head
        if head.pos_ in ("VERB", "AUX"):
            out.append(head)
    return out


def event_place(tok: Any, index: EntityIndex) -> str | None:
    for a in _anchors(tok):
        for c in a.children:
            if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is None:
                    continue
                found = index.best_within(obj.idx, obj.idx + len(obj.text), obj.idx)
                if found and index.label(found) in ("Place", "Country"):
                    return found
    return None


def event_date(tok: Any) -> str | None:
    for a in _anchors(tok):
        for c in a.children:
            cand = c
            if c.dep_ == "prep" and c.lower_ in ("on", "in", "during", "since"):
                cand = next((g for g in c.children if g.dep_ == "pobj"), c)
            elif c.dep_ not in ("npadvmod", "tmod"):
                continue
            if cand.ent_type_ == "DATE":
                span = [t for t in cand.subtree if t.ent_type_ == "DATE"]
                if span:
                    doc = tok.doc
                    return str(doc[span[0].i: span[-1].i + 1].text)
    return None
