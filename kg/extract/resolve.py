"""Within-article resolution: which Mentions name the same thing.

Each Mention gets a cluster key; mentions with the same (label, key) are one entity. Keys:
Person -> the full name a bare surname or "Mr X" points to (the nearest preceding full name
with that surname; different first names stay apart), or a bare given name that only one full
name in the article has; Organization -> the curated canonical
name, or the expansion an acronym stands for ("Shanghai Cooperation Organisation (SCO)", or
initials that match a longer ORG in the article); Country -> ISO code; Group -> the state for
demonyms; others -> the normalised name. Labels never merge across each other except that a
single word spaCy called a Group/ORG but that is a known person's surname becomes that Person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.entities import ORG_WORDS, Mention, lexicon, titles
from kg.extract.name_junk import lower_words
from kg.ids import normalise, person_key, surname_key

_STRAY = re.compile(r"[\[\]{}()<>\"\u201c\u201d*|]")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|from|to|into|near|across|visit(?:ed|ing|s)?)\s+$", re.IGNORECASE)


_ACRONYM = re.compile(r"^[A-Z][A-Za-z&.\-]{1,9}$")
_MINOR = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "&", "to", "at"})


@dataclass
class Cluster:
    label: str
    key: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def forms(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.text, None)
        return list(seen)


def strip_title(text: str) -> str:
    """"Mr. Nikolai Patrushev" -> "Nikolai Patrushev"; "Russian Foreign Ministry Spokeswoman Maria
    Zakharova" -> "Maria Zakharova": everything up to the last title or role word before the name
    (the role and its body are not the person's name), and stray brackets and quotes."""
    words = [w for w in _STRAY.sub(" ", text).split() if w.strip(".,;:-")]
    known = titles()
    cut = 0
    for i, w in enumerate(words[:-1]):
        if w.strip(".,").lower() in known:
            cut = i + 1
    words = words[cut:]
    return " ".join(words).strip(" ,;:-")


def title_of(text: str) -> str | None:
    """The role words ``strip_title`` takes off a person's mention ("Foreign Minister"), or None."""
    stripped = strip_title(text)
    head = text[: len(text) - len(stripped)].strip() if text.endswith(stripped) else ""
    return head or None


def generic_body(name: str) -> bool:
    """A body whose name alone does not say which one ("Communist Party", "Ministry of Defence")."""
    lex = lexicon()
    words = [w.strip(".,'\u2019").lower() for w in name.replace("-", " ").split()]
    return (len(words) >= 1 and any(w in lex["generic_body_heads"] for w in words)
            and all(w in lex["generic_body_heads"] or w in lex["generic_body_words"] for w in words))


def initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _MINOR).upper()


def _acronym_definitions(text: str, mentions: list[Mention]) -> dict[str, str]:
    """"Long Name (ACR)" in the text -> {normalised ACR: normalised long name}."""
    out: dict[str, str] = {}
    for m in mentions:
        if m.label != "Organization" or " " not in m.text:
            continue
        tail = text[m.end: m.end + 14]
        found = re.match(r"\s*\(([A-Z][A-Za-z&.\-]{1,9})\)", tail)
        if found:
            out[normalise(found.group(1))] = normalise(m.org or m.text)
    return out


def acronym_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions for parenthesised acronyms right after an ORG that NER did not tag itself."""
    taken = {(m.start, m.end) for m in mentions}
    extra = []
    for m in mentions:
        if m.label != "Organization" or " " not in m.text:
            continue
        found = re.match(r"\s*\(([A-Z][A-Za-z&.\-]{1,9})\)", text[m.end: m.end + 14])
        if found:
            start = m.end + found.start(1)
            end = m.end + found.end(1)
            if (start, end) not in taken:
                extra.append(Mention(start, end, found.group(1), "Organization", m.sent, org=m.org))
    return extra


def assign_keys(text: str, mentions: list[Mention]) -> list[Cluster]:
    """Group mentions into clusters (in order of first mention)."""
    full_people: dict[str, list[tuple[int, str]]] = {}  # surname -> [(offset, full key)]
    given: dict[str, set[str]] = {}  # given name -> full keys
    surnames: set[str] = set()
    for m in mentions:
        if m.label == "Person":
            name = strip_title(m.text)
            words = name.split()
            if len(words) >= 2:
                key = person_key(name)
                full_people.setdefault(surname_key(name), []).append((m.start, key))
                surnames.add(surname_key(name))
                given.setdefault(person_key(words[0]), set()).add(key)
    for first, keys in list(given.items()):  # "Hillary" -> "Hillary Clinton", only when unambiguous
        if len(keys) == 1 and first not in full_people:
            full_people[first] = [(0, next(iter(keys)))]
    people = {key for found in full_people.values() for _o, key in found}
    for m in mentions:  # a person's full name NER read as an organisation ("Later Sergei Lavrov")
        if m.label == "Organization" and not m.org and " " in m.text and person_key(m.text) in people:
            m.label = "Person"
    # a lone name NER also read as a person ("Hollis said" beside an ORG "Hollis")
    lone_people = {surname_key(m.text) for m in mentions if m.label == "Person" and " " not in m.text.strip()}
    for m in mentions:  # a surname spaCy mislabelled (NORP "Patrushev") is the person
        if (m.label in ("Group", "Organization") and not m.org and not m.modifier
                and (m.demonym or not m.state) and " " not in m.text
                and (surname_key(m.text) in full_people or (m.label == "Organization" and not m.text.isupper()
                                                           and surname_key(m.text) in lone_people))):
            m.label = "Person"
        # "Monaco said": the surname of the article's Lisa Monaco, not the country, unless the text
        # places it ("in Monaco")
        elif (m.label in ("Country", "Place") and " " not in m.text.strip() and surname_key(m.text) in surnames
              and not m.demonym and not _LOCATIVE_BEFORE.search(text[max(0, m.start - 20): m.start])):
            m.label, m.state = "Person", None

    # "Hallam" after "Hallam Coal": the short form of a body NER read as a person is that body; a
    # lone capitalised word the article also writes in lower case ("Coal") names nobody
    lex = lexicon()
    body_words = lex["body_heads_not_surnames"] | lex["trade_words"] | ORG_WORDS
    org_heads: dict[str, set[str]] = {}  # first word -> the bodies it is the short form of
    trade_heads: set[str] = set()  # ... of a company named for its trade ("Hallam Coal")
    for m in mentions:
        words = m.text.lower().split()
        if (m.label == "Organization" and not m.org and len(words) >= 2 and not any(c.isdigit() for c in m.text)
                and all(w.strip(".,") in body_words for w in words[1:])):  # "Fox News", not "Amazon Web Services"
            org_heads.setdefault(normalise(words[0]), set()).add(normalise(m.text))
            short = trade_short_form(m.text)
            if short:
                trade_heads.add(short)
    # "Security Council" after "United Nations Security Council": the tail of one longer body's name
    org_tails: dict[str, set[str]] = {}
    for m in mentions:
        words = m.text.split()
        if m.label == "Organization" and len(words) >= 3 and not any(c.isdigit() for c in m.text):
            full = normalise(m.org or m.text)
            if words[0].lower().strip(".") in ("saint", "st"):
                continue  # "Saint Paul Coptic Orthodox Church" is a building, not the church body
            for k in range(1, len(words) - 1):
                if words[k][:1].isupper():
                    org_tails.setdefault(normalise(" ".join(words[k:])), set()).add(full)
    for key, fulls in org_tails.items():
        org_heads.setdefault(key, set()).update(fulls)  # looked up like a short form
    lower = lower_words(text)
    kept = []
    for m in mentions:
        if m.label == "Person" and " " not in m.text.strip() and surname_key(m.text) not in full_people:
            if normalise(m.text) in trade_heads and len(org_heads.get(normalise(m.text), ())) == 1:
                m.label = "Organization"  # never "Trump" for the "Trump Organization"
            elif m.text.strip().lower() in lower:
                continue
        kept.append(m)
    mentions = kept

    acronyms = _acronym_definitions(text, mentions)
    # "Center for Disease Control (CDC)": a curated acronym pulls its in-text expansion along
    for m in mentions:
        if m.label == "Organization" and m.org and normalise(m.text) in acronyms:
            acronyms[acronyms[normalise(m.text)]] = normalise(m.org)
    multiword_orgs: dict[str, set[str]] = {}
    for m in mentions:
        if m.label == "Organization" and not m.org and len(m.text.split()) >= 2:
            multiword_orgs.setdefault(initials(m.text), set()).add(normalise(m.text))

    home = _home_state(mentions)
    clusters: dict[tuple[str, str], Cluster] = {}
    for m in mentions:
        key = _key(m, full_people, acronyms, multiword_orgs, org_heads)
        if (m.label == "Organization" and not m.org and " " in m.text and m.text[:1].isupper()
                and generic_body(m.text)):
            state = _state_before(mentions, m, text) or home
            if state:  # "Communist Party" of Vietnam is not China's
                key = f"{key}|{state}"
        clusters.setdefault((m.label, key), Cluster(m.label, key)).mentions.append(m)
    return list(clusters.values())


def trade_short_form(name: str) -> str | None:
    """The normalised first word of a company named for its trade ("hallam" of "Hallam Coal",
    ``trade_words`` in ``schema/names.yaml``), which alone is its short form; None for other names."""
    words = name.lower().split()
    if len(words) >= 2 and all(w.strip(".,") in lexicon()["trade_words"] for w in words[1:]):
        return normalise(words[0])
    return None


def _home_state(mentions: list[Mention]) -> str | None:
    """The one state an article names (by name or demonym), when it names only one and more than
    once: a US story that mentions another state in passing does not make its "Green Party" that
    state's (US stories often never name their own country)."""
    states = [m.state for m in mentions if m.state and m.label in ("Country", "Group")]
    return states[0] if len(set(states)) == 1 and len(states) >= 2 else None


def _state_before(mentions: list[Mention], body: Mention, text: str) -> str | None:
    """The state a generic body's mention names itself: "China's Communist Party", "the Egyptian
    parliament's Foreign Relations Committee", "the Communist Party of Vietnam" (in one sentence)."""
    for m in mentions:
        if not m.state or m.sent != body.sent:
            continue
        gap = text[m.end: body.start] if m.end <= body.start else text[body.end: m.start]
        if m.end <= body.start and len(gap) <= 20 and re.fullmatch(r"(?:['\u2019]s)?\s*(?:\w+['\u2019]s\s+)?", gap):
            return m.state
        if body.end <= m.start and re.fullmatch(r"\s+(?:of|in)\s+(?:the\s+)?", gap):
            return m.state
    return None


def _key(m: Mention, full_people: dict[str, list[tuple[int, str]]], acronyms: dict[str, str],
         multiword_orgs: dict[str, set[str]], org_heads: dict[str, set[str]]) -> str:
    if m.label == "Person":
        name = strip_title(m.text)
        if " " not in name:
            candidates = full_people.get(surname_key(name))
            if candidates:
                before = [c for c in candidates if c[0] <= m.start] or candidates
                return before[-1][1]
        return person_key(name)
    if m.label == "Organization":
        if m.org:
            return normalise(m.org)
        key = normalise(m.text)
        if key in acronyms:
            return acronyms[key]
        if len(org_heads.get(key, ())) == 1 and key not in org_heads[key]:
            return next(iter(org_heads[key]))
        if " " not in m.text and _ACRONYM.match(m.text) and m.text.isupper():
            expansions = multiword_orgs.get(m.text.replace(".", ""), set())
            if len(expansions) == 1:
                return next(iter(expansions))
        return key
    if m.label == "Country" and m.state:
        return m.state
    if m.label == "Group" and m.demonym and m.state:
        return f"demonym:{m.state}"
    if m.label == "Group" and " " not in m.text.strip():
        return group_key(m.text)
    return normalise(m.text)


def group_key(word: str) -> str:
    """One key for a group's noun, its plural and its adjective: "Democrat", "Democrats" and
    "Democratic" are one party; "Muslim"/"Muslims", "Socialist"/"Socialists" one group each."""
    key = normalise(word)
    if key.endswith("s") and not key.endswith("ss") and len(key) > 3:
        key = key[:-1]
    if key.endswith("ic") and len(key) > 5:
        key = key[:-2]
    return key


def best_name(cluster: Cluster) -> str:
    """The longest full form (titles stripped for people), ties broken by first occurrence."""
    forms = [strip_title(f) if cluster.label == "Person" else f for f in cluster.forms]
    if cluster.label == "Group" and " " not in cluster.forms[0]:
        plural = [f for f in forms if f.endswith("s")]
        if plural:  # "Democrats", not the adjective "Democratic": a group is named by its members
            return plural[0]
    return max(forms, key=len)
