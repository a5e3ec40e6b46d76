"""Later mentions of a named person that NER did not tag.

spaCy's small model tags a name where its context looks like a name, not every time it occurs: in
one article it tagged a person's surname once and missed it sixteen times ("Quaid has been ...",
"Quaid's show ...", "critics called Quaid a fraud"). Every missed occurrence is a claim whose speaker
has no entity, a pronoun whose nearest person is somebody else, and an event without its actor.

So once NER's mentions are known, each person's surname (and a one-word name NER tagged as a
person) is looked for again in the whole text, and an occurrence becomes a Person mention when it
reads as that name and nothing else:

- it is a proper noun in the parse, and the article never writes the word in lower case ("Rice",
  "Young", "Brown" stay common nouns wherever the article also writes "rice");
- it stands alone: the word before it is not another capitalised name word ("Ivanka Trump" is not
  "Trump" unless NER said so; a title, "Mr.", or a sentence's opening word is fine) and the word
  after it is not one ("Clinton Foundation", "Trump Tower" are other names);
- no other mention covers it.

Which full name a bare surname joins is :mod:`resolve`'s decision (the nearest preceding full name
with that surname), exactly as for the surnames NER did tag.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import Any

from kg.extract.entities import Mention
from kg.extract.gender import is_given_name
from kg.extract.name_junk import lexicon, titles
from kg.extract.resolve import strip_title
from kg.ids import surname_key

_AFTER = re.compile(r"[ \t\u00a0]+([A-Z][\w\u2019'.-]*)")
_POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")
_GLUE_BEFORE = "_.'\u2019-"  # "O'Brien", "al-Assad", "J.Smith": the name is part of a longer word
_PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|at|ar)-", re.IGNORECASE)
_OPENERS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "ADV", "PRON", "AUX", "PART", "INTJ"})


def _surnames(mentions: list[Mention], lower: AbstractSet[str]) -> set[str]:
    suffixes = lexicon()["name_suffixes"]  # "Jr.", "III" end no surname
    known = titles()
    out: set[str] = set()
    for m in mentions:
        if m.label != "Person":
            continue
        words = [w.strip(".,;:'\u2019") for w in strip_title(m.text).split()]
        while words and words[-1].lower() in suffixes:
            words.pop()
        if not words:
            continue
        last = words[-1].removesuffix("'s").removesuffix("\u2019s")
        for form in {last, _PARTICLE_PREFIX.sub("", last)}:
            if (len(form) > 1 and form[0].isupper() and form.lower() not in lower
                    and form.lower() not in known and any(c.islower() for c in form)):
                out.add(form)
    return out


def trim_name_openers(mentions: list[Mention], lower: AbstractSet[str]) -> None:
    """A word before a person's name that is no given name and either stands before another given
    name ("Miss World Teresa Ocampo": "World") or is a word the article writes in lower case before
    the surname of a person it names in full (a headline's "Reckless Ocampo"): cut off, with any
    title before it, in place, so the mention is the name and joins the person (a junk full name
    would collect every bare surname)."""
    known = titles()
    particles = lexicon().get("name_particles", frozenset())
    full: dict[str, set[str]] = {}  # surname -> the full names (as written) that end in it
    for m in mentions:
        if m.label == "Person" and len(m.text.split()) >= 2:
            full.setdefault(surname_key(m.text), set()).add(m.text)
    for m in mentions:
        if m.label != "Person":
            continue
        name = strip_title(m.text)  # "Miss World Teresa ...": the title stays, the glued word goes
        offset = m.text.rfind(name) if name and m.text.endswith(name) else 0
        words = m.text[offset:].split()
        if len(words) < 2:
            continue
        first = words[0].strip(".,;:'\u2019")
        low = first.lower()
        if (low in known or low in particles or not first[:1].isupper() or is_given_name(first)
                or words[1].lower() in particles):
            continue
        rest_known = len(words) == 2 and bool(full.get(surname_key(words[1]), set()) - {m.text})
        if (len(words) >= 3 and is_given_name(words[1])) or (low in lower and rest_known):
            cut = m.text.index(words[1], offset + len(words[0]))
            m.start, m.text = m.start + cut, m.text[cut:]


def surname_mentions(doc: Any, text: str, mentions: list[Mention], lower: AbstractSet[str],
                     sent_of: Callable[[int], int]) -> list[Mention]:
    """Person mentions for the untagged occurrences of the article's people's surnames."""
    names = _surnames(mentions, lower)
    if not names:
        return []
    covered = _merged(mentions)
    starts = [s for s, _e in covered]
    out: list[Mention] = []
    known = titles()
    for s, e in sorted(_occurrences(text, names)):
        k = bisect_right(starts, s) - 1
        if (k >= 0 and covered[k][1] > s) or (k + 1 < len(covered) and covered[k + 1][0] < e):
            continue  # inside (or overlapping) a mention NER or an earlier stage found
        span = doc.char_span(s, e)
        if span is None or len(span) != 1 or span[0].pos_ != "PROPN":
            continue
        tok = span[0]
        if tok.dep_ in ("compound", "amod") and tok.head.pos_ == "NOUN":
            continue  # "the Brandt administration", "the Brandt years": a modifier, not the person acting
        if not text.startswith(_POSSESSIVE, e) and _AFTER.match(text, e):
            continue  # "Clinton Foundation": part of another name
        if tok.i > 0:
            prev = doc[tok.i - 1]
            if (prev.text[:1].isupper() and prev.lower_.strip(".") not in known
                    and not (prev.is_sent_start and prev.pos_ in _OPENERS)):
                continue  # "Ivanka Trump": another person with the same surname
        out.append(Mention(s, e, text[s:e], "Person", sent_of(tok.i)))
    return out


def _occurrences(text: str, names: set[str]) -> list[tuple[int, int]]:
    """Where each name stands as a word of its own (``str.find``: no pattern to compile per article)."""
    found = []
    for name in names:
        pos = text.find(name)
        while pos >= 0:
            end = pos + len(name)
            before = text[pos - 1] if pos else " "
            after = text[end] if end < len(text) else " "
            if not (before.isalnum() or before in _GLUE_BEFORE) and not (after.isalnum() or after in "_-"):
                found.append((pos, end))
            pos = text.find(name, end)
    return found


def _merged(mentions: list[Mention]) -> list[tuple[int, int]]:
    """The character ranges mentions cover, merged and sorted."""
    out: list[tuple[int, int]] = []
    for s, e in sorted((m.start, m.end) for m in mentions):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
