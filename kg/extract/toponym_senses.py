"""Which sense a place name has in this article: a disease, a person's given name, or a place
inside an organisation's name.

* A disease named after a place ("Ebola", "Marburg virus", "West Nile virus") is no place in an
  article about illness: NER tags it GPE, and an unlocated "Ebola" is a false place. One sense per
  article: once "Marburg virus" is written, a bare "Marburg" is the virus too.
* A name that is the given name of a person the article names in full ("Georgia Ward ... Georgia
  finished sixth", "Jordan Hale ... Jordan said") is that person where it stands alone, unless a locative preposition or "<place
  noun> of" puts it on the map.
* A place the article names is also a place where it opens or closes an organisation's name ("the
  Leeds City Council", "told BBC Leeds", "Leeds Trinity University"): the body is based there, and
  geoparsing counts such embedded toponyms (Gritta et al. 2019, "A Pragmatic Guide to Geoparsing
  Evaluation"). The organisation keeps its own mention; the place gets one inside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from kg import settings, yamlfile
from kg.extract.entities import Mention, lexicon
from kg.ids import normalise


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    data = yamlfile.read(settings.schema_dir() / "pathogens.yaml") or {}
    names = frozenset(normalise(str(n)) for n in data.get("names") or ())
    illness = re.compile(r"\b(?:" + "|".join(re.escape(str(w)) for w in data.get("illness_words") or ("virus",))
                         + r")\b", re.IGNORECASE)
    heads = re.compile(r"[ -](?:" + "|".join(re.escape(str(w)) for w in data.get("heads") or ("virus",))
                       + r")\b", re.IGNORECASE)
    return names, illness, heads


def not_pathogens(mentions: list[Mention], text: str) -> list[Mention]:
    """Drop Place mentions of a name this article uses for a disease (see the module docstring), and
    of a bare compass word or name suffix (``never_places_alone`` in schema/names.yaml)."""
    names, illness, heads = _lexicon()
    places = [m for m in mentions if m.label == "Place"]
    if not places:
        return mentions
    alone = lexicon()["never_places_alone"]
    if any(m.text.lower() in alone for m in places):
        mentions = [m for m in mentions if not (m.label == "Place" and m.text.lower() in alone)]
    pathogens = {m.text for m in mentions if heads.match(text, m.end)}
    listed = {m.text for m in places if normalise(m.text) in names}
    if listed - pathogens and illness.search(text):
        pathogens |= listed
    if not pathogens:
        return mentions
    return [m for m in mentions if not (m.label == "Place" and m.text in pathogens)]


def given_names(doc: Any, mentions: list[Mention], cued: Callable[[Any, int], bool]) -> None:
    """A lone place-looking name that opens a person's full name in this article is that person.

    A state's name is kept when the article also calls that person by surname alone ("Israel Katz
    ... Katz said ... Israel would respond"): news calls adults by surname, so a bare first name
    that is also a state is then the state; a first-name-only story ("Georgia Ward, 12 ... Georgia
    trains daily") has no bare surname."""
    full = [m.text.split() for m in mentions if m.label == "Person" and " " in m.text.strip()]
    firsts = {words[0] for words in full}
    if not firsts:
        return
    bare = {m.text.strip() for m in mentions if m.label == "Person" and " " not in m.text.strip()}
    by_surname = {words[0] for words in full if words[-1] in bare}
    for m in mentions:
        if m.label not in ("Place", "Country") or m.text not in firsts or m.text.isupper():
            continue
        if m.label == "Country" and m.text in by_surname:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and not cued(doc, span.start):
            m.label, m.state = "Person", None


def embedded(mentions: list[Mention], text: str, people: set[str]) -> list[Mention]:
    """A place the article names, opening or closing an organisation's name, is a place there too."""
    places = {m.text for m in mentions if m.label == "Place" and m.text[:1].isupper() and not m.text.isupper()
              and len(m.text) > 2 and normalise(m.text) not in people}
    if not places:
        return mentions
    added = []
    for m in mentions:
        if m.label != "Organization" or m.org or m.text in places:
            continue
        words = m.text.split()
        for n in range(min(3, len(words) - 1), 0, -1):
            head, tail = " ".join(words[:n]), " ".join(words[-n:])
            if head in places:
                added.append(Mention(m.start, m.start + len(head), head, "Place", m.sent))
                break
            if tail in places and words[-n - 1][:1].isupper():  # "CTV Edmonton", not "University of Leeds"
                added.append(Mention(m.end - len(tail), m.end, tail, "Place", m.sent))
                break
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: (m.start, -m.end))
