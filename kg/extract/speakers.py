"""Who is speaking: map a speaker phrase to a resolved entity.

Three cases, in order: the phrase contains an entity mention (a Person first, then an
Organization, Country or Group: "Russia's foreign ministry" speaks for the ministry if it is an
entity, else for Russia); a pronoun ("he", "his account") resolves to the nearest preceding
compatible entity; a discourse noun ("the briefing", "the remarks", "the statement") stands for
the most recent speaker of a claim, because news prose refers back to an address by its form.

Finding the speaker phrase in the parse lives in :mod:`speaker_phrase` (re-exported here).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

from kg.extract.cues import (
    DISCOURSE_NOUNS,
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    ROLE_NOUNS,
)
from kg.extract.speaker_phrase import (  # noqa: F401  (re-exported: claims, content, speaker_names, tests)
    clip_speaker,
    coordinated_with_outer_cue,
    end_of,
    inverted_speaker,
    left_subject,
    np_span,
    preceding_speaker,
    speaker_phrase,
)
from kg.model import Entity

_SPEAKER_PREF = {"Person": 0, "Organization": 1, "Country": 2, "Group": 3, "Place": 4, "Event": 5}
_COLLECTIVE = ("Organization", "Country", "Group")
_MODIFIER_DEPS = ("amod", "compound", "nmod")
_SINGULAR_GROUP_PRONOUNS = frozenset({"it", "its"})
_DEFINITE = re.compile(r"(?:the|this|that|his|her|their|its)\s", re.IGNORECASE)


_SUBORDINATE = frozenset({"vice", "deputy", "assistant", "acting", "former", "ex", "under", "lieutenant"})


class EntityIndex:
    """Entity mentions sorted by offset, for overlap and "nearest before" queries."""

    def __init__(self, entities: list[Entity], text: str = "") -> None:
        self.refresh(entities, text)

    def refresh(self, entities: list[Entity], text: str | None = None) -> None:
        """(Re)build the index over ``entities`` (after a speaker name became an entity)."""
        if text is not None:
            self.text = text  # the article text (role nouns look at the words around a person's mentions)
            self._low = text.lower()
        self.by_id = {e.id: e for e in entities}
        self.mentions = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        self._starts = [m[0] for m in self.mentions]
        # merged covered ranges: "is any mention here?" in one bisect (asked for every token)
        self._cover_starts: list[int] = []
        self._cover_ends: list[int] = []
        for s, e, _ in self.mentions:
            if self._cover_ends and s <= self._cover_ends[-1]:
                self._cover_ends[-1] = max(self._cover_ends[-1], e)
            else:
                self._cover_starts.append(s)
                self._cover_ends.append(e)

    def label(self, entity_id: str) -> str:
        return self.by_id[entity_id].label

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Mentions overlapping ``[start, end)``."""
        k = max(0, bisect_left(self._starts, start) - 8)
        return [m for m in self.mentions[k:bisect_left(self._starts, end)] if m[1] > start]

    def ids_within(self, start: int, end: int) -> list[str]:
        seen: dict[str, None] = {}
        for _s, _e, eid in self.within(start, end):
            seen.setdefault(eid)
        return list(seen)

    def best_within(self, start: int, end: int, head: int | None = None) -> str | None:
        """The entity a phrase stands for: the mention at its head word, else the best-ranked one."""
        k = bisect_left(self._cover_starts, end) - 1
        if k < 0 or self._cover_ends[k] <= start:
            return None
        found = self.within(start, end)
        if not found:
            return None
        if head is not None:
            at_head = [m for m in found if m[0] <= head < m[1]]
            if at_head:  # the tightest mention: "Dushanbe" inside "the Ukrainian embassy in Dushanbe"
                return min(at_head, key=lambda m: m[1] - m[0])[2]
        found.sort(key=lambda m: (_SPEAKER_PREF.get(self.label(m[2]), 9), m[0]))
        return found[0][2]

    def person_named(self, word: str) -> str | None:
        """A Person whose name ends with ``word`` (a surname NER did not tag as a mention)."""
        key = word.casefold()
        for eid, ent in self.by_id.items():
            if ent.label == "Person" and any(n.split()[-1:] == [word] or n.casefold().split()[-1:] == [key]
                                             for n in [ent.name, *ent.aliases]):
                return eid
        return None

    def has_person(self, start: int, end: int) -> bool:
        return any(self.label(m[2]) == "Person" for m in self.within(start, end))

    def role_holder(self, pos: int, role: str, limit: int = 3000) -> str | None:
        """The nearest person before ``pos`` whose mention stands next to ``role`` ("Senator X",
        "X, the senator", "X, a spokeswoman for ..."): the antecedent a definite role noun points to."""
        if not self.text:
            return None
        low = self._low
        word = re.compile(r"\b" + re.escape(role) + r"\b")
        for s, e, eid in self._before(pos, limit, ("Person",)):
            after = low[e: min(e + 60, pos)]
            after = after[: after.find(". ")] if ". " in after else after  # its own sentence only
            if word.search(low[max(0, s - 40): e] + " " + after):
                return eid
        return None

    def titled(self, pos: int, role: str, limit: int = 3000) -> str | None:
        """The nearest person before ``pos`` the article writes with ``role`` as a title right before
        the name ("President Mendes"; "Gov. Mendes" for "governor" is not matched): stricter than
        ``role_holder``, for the ends of events, where a victim stands near the word too ("officers
        shot X")."""
        if not self.text:
            return None
        title = re.compile(r"(?:^|[^a-z-])(\w+[ -])?" + re.escape(role.lower()) + r"\.? +$")
        for s, _e, eid in self._before(pos, limit, ("Person",)):
            found = title.search(self._low[max(0, s - len(role) - 20):s])
            if found and (found.group(1) or "").strip(" -") not in _SUBORDINATE:
                return eid  # "President Mendes", never "Vice President Mendes" for "the president"
        return None

    def nearest_subject(self, pos: int, doc: Any, limit: int = 600) -> str | None:
        """The nearest person before ``pos`` (within a few sentences) who is a clause's subject."""
        if doc is None:
            return None
        for s, e, eid in self._before(pos, limit, ("Person",)):
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                return eid
        return None

    def nearest_before(self, pos: int, labels: tuple[str, ...], limit: int = 1500) -> str | None:
        return next((eid for _s, _e, eid in self._before(pos, limit, labels)), None)

    def nearest_referent(self, pos: int, doc: Any, plural: bool, limit: int = 600) -> str | None:
        """The nearest body, state or group before ``pos`` that a pronoun can stand for: a mention
        that heads its noun phrase, not a modifier ("the radical Islamic movement", "the Republican
        nominee" name no one who speaks), and for "it"/"its" not a plural ("Democrats")."""
        for s, e, eid in self._before(pos, limit, _COLLECTIVE):
            span = doc.char_span(s, e, alignment_mode="expand") if doc is not None else None
            if span is None:
                return eid
            root = span.root
            if root.dep_ in _MODIFIER_DEPS and root.head.i > root.i and root.head.pos_ == "NOUN":
                continue
            if not plural and root.tag_ in ("NNS", "NNPS"):
                continue
            return eid
        return None

    def _before(self, pos: int, limit: int, labels: tuple[str, ...]) -> Iterator[tuple[int, int, str]]:
        """Mentions of entities with one of ``labels`` that end before ``pos``, nearest first, back to
        ``limit`` characters (the walk the antecedent look-ups share)."""
        k = bisect_left(self._starts, pos) - 1
        while k >= 0:
            s, e, eid = self.mentions[k]
            if pos - s > limit:
                return
            if e <= pos and self.label(eid) in labels:
                yield s, e, eid
            k -= 1


def _possessor(text: str, ent: Entity, start: int, end: int) -> bool:
    """Is one of ``ent``'s mentions inside ``[start, end)`` followed by a possessive "'s"?"""
    return any(start <= m.start and m.end < end and text.startswith(("'s", "\u2019s"), m.end) for m in ent.mentions)


def resolve_speaker(index: EntityIndex, start: int, end: int, head_text: str, head_pos: int,
                    last_speaker: str | None, doc: Any = None) -> str | None:
    """Entity id for the speaker phrase ``[start, end)`` whose head word is ``head_text``.

    A definite role noun ("the spokesman", "the senator") stands for the nearest person the article
    gave that role ("Senator Ann Ruiz", "Ann Ruiz, the senator"); an indefinite one ("a spokesman for
    the ministry") introduces someone new and speaks for the body named in its phrase. A personal
    pronoun stands for the nearest person who was a subject (the one the text is about), else the
    nearest person."""
    word = head_text.lower()
    if word in DISCOURSE_NOUNS and last_speaker:
        return last_speaker  # before any name inside the phrase ("disclosures about Sweden")
    definite = _DEFINITE.match(index.text[start:end]) is not None if index.text else False
    if word in ROLE_NOUNS and definite and not index.has_person(start, end):
        holder = index.role_holder(start, word)
        if holder:
            return holder  # before the body inside the phrase ("the secretary general of the UN")
    found = index.best_within(start, end, head_pos)
    if found and index.label(found) == "Place" and not index.best_within(head_pos, head_pos + 1, head_pos) \
            and not _possessor(index.text, index.by_id[found], start, end):
        # "Police in Chicago said": a place named inside the phrase, not at its head, never speaks
        # ("Connecticut's tax commissioner" speaks for the state that is the possessor)
        others = [m for m in index.within(start, end) if index.label(m[2]) != "Place"]
        found = min(others, key=lambda m: (_SPEAKER_PREF.get(index.label(m[2]), 9), m[0]))[2] if others else None
    if found:
        return found
    if head_text[:1].isupper() and word not in PERSON_PRONOUNS:
        named = index.person_named(head_text)
        if named:
            return named
    if word in PERSON_PRONOUNS:
        return index.nearest_subject(start, doc) or index.nearest_before(start, ("Person",))
    if word in GROUP_PRONOUNS:
        return index.nearest_referent(start, doc, plural=word not in _SINGULAR_GROUP_PRONOUNS)
    if word in DISCOURSE_NOUNS:
        return last_speaker
    return None
