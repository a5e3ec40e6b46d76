"""Actor coreference inside an article, for the ends of relations.

"He", "they", "the embassy", "the group" name a party mentioned earlier. Rules over the parse,
number and recency (no model): a pronoun or a definite noun phrase at an event's argument position
takes the nearest earlier mention that fits it:

* "he"/"him"/"his", "she"/"her": the nearest Person;
* "I"/"me"/"my" inside a claim's content: its speaker ("'I ordered the strikes,' the commander
  said"); "we"/"us"/"our" only when the speaker is an organisation, state or group ("'We will strike
  back,' the Israeli army said"): a person's "we" is a body the quote does not name;
* "it"/"its": the nearest Organization, Country or Group (a state or body; never a person);
* "they"/"them"/"their": the nearest plural generic actor, Group, Organization or Country;
* "the embassy", "the ministry", "the militia": the nearest entity whose name has that head word;
  "the group"/"the organization": the nearest Group or Organization; "the government"/"the
  country": the nearest Country (not one acting on it); "the city"/"the town"/"the village": the
  nearest populated place.

Gender comes from honorifics in the article ("Mr. Jordan", "Mrs. Clinton": "she" skips Mr. Jordan),
else from the given name (:mod:`gender`: census lists of first names; unknown names agree with
either pronoun). "He"/"she" rank by salience (``_subject_first``) and never take a name inside
somebody's quotation. Antecedents are looked for within the last ``WINDOW`` characters (about three
sentences; "he"/"she" up to ``_FAR`` when nothing fits nearer), never after the word itself.
"""

from __future__ import annotations

from typing import Any

from kg.extract.actors import agent_lexicon
from kg.extract.gender import given_name_gender, honorific_gender
from kg.extract.nlp import text_of
from kg.extract.quotes import quote_index
from kg.extract.speakers import EntityIndex

WINDOW = 600
_FAR = 1500  # how far "he"/"she" look back when nothing fits nearer (past a long quotation); "it" keeps WINDOW
_PERSON = frozenset({"he", "him", "his", "she", "her"})
_IT = frozenset({"it", "its"})
_THEY = frozenset({"they", "them", "their"})
_FIRST = frozenset({"i", "me", "my"})  # the speaker of the quote they are in ("we" is a body the speaker is in)
_WE = frozenset({"we", "us", "our"})  # ... unless the speaker is that body
_BODY = ("Organization", "Group")
_SETTLEMENT_NOUNS = frozenset({"city", "town", "village"})  # ("the capital" is a state's, not the last city's)
_STATE_NOUNS = frozenset({"government", "country", "state", "nation", "regime", "kingdom", "republic"})
_BODY_NOUNS = frozenset({"group", "organization", "organisation", "movement", "faction", "militia",
                         "party", "alliance", "bloc", "company", "firm", "agency"})
# institutions a definite description names by its head word ("the embassy", "the ministry")
_ORG_NOUNS = _BODY_NOUNS | frozenset({"embassy", "consulate", "ministry", "council", "committee", "army",
                                      "department", "court", "parliament", "legion", "administration",
                                      "commission", "union", "bank", "police", "navy", "regiment",
                                      "brigade", "battalion", "office", "service", "force"})


def antecedent(tok: Any, index: EntityIndex, note: bool = True) -> str | None:
    """The entity id ``tok`` (a pronoun or the head of a definite noun phrase) refers to, or None.
    Each resolution is noted in the Doc (``resolved``), so the mention can be added to the entity
    (``note=False``: only asked, as for a claim's speaker)."""
    found = _antecedent(tok, index)
    if found is not None and note:
        tok.doc.user_data.setdefault("kg_coref", {})[tok.i] = found
    return found


def person_antecedent(tok: Any, index: EntityIndex, gender: str | None = None) -> str | None:
    """The person a definite description stands for ("the Oregon senator said", "the former
    first lady said"): the salient person, as for "he"/"she" (``gender`` "m"/"f" from the noun)."""
    return _subject_first(tok, tok.idx, index, lambda e: e.label == "Person" and (
        gender is None or _gender(e.id, index, tok.doc) in (None, gender)), far=_FAR)


def resolved(doc: Any) -> dict[int, str]:
    """Token index -> entity id for every pronoun or description resolved in ``doc`` so far."""
    out: dict[int, str] = doc.user_data.get("kg_coref", {})
    return out


def note_speakers(doc: Any, spans: list[tuple[int, int, str]]) -> None:
    """Claim contents and their speakers' entity ids: "I"/"we" inside a quote is its speaker."""
    doc.user_data["kg_speakers"] = spans


def _speaker(tok: Any, index: EntityIndex) -> str | None:
    inside = [(e - s, eid) for s, e, eid in tok.doc.user_data.get("kg_speakers", ()) if s <= tok.idx < e]
    found = min(inside)[1] if inside else None
    return found if found in index.by_id else None


def _antecedent(tok: Any, index: EntityIndex) -> str | None:
    low = tok.lower_
    pos = tok.idx
    if low in _FIRST:
        return _speaker(tok, index)
    if low in _WE:  # "'We will respond,' the army said": a body speaking of itself (a person's "we" is a body
        found = _speaker(tok, index)  # he is in, which the quote does not name)
        return found if found is not None and index.label(found) in ("Organization", "Country", "Group") else None
    if tok.pos_ == "PRON" or low in _PERSON | _IT | _THEY:
        if low in _PERSON:
            want = "f" if low in ("she", "her") else "m"
            return _subject_first(tok, pos, index, lambda e: e.label == "Person" and _gender(
                e.id, index, tok.doc) in (None, want), far=_FAR)
        if low in _IT:  # a state or body, never a plural generic actor ("protesters")
            return _singular_before(tok, pos, index)
        if low in _THEY:
            held = _plural_subject(tok, index)
            return held[0] if held else _plural_before(pos, index, _quote_limit(tok))
        return None
    if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        return None
    lemma = tok.lemma_.lower()
    if lemma in _SETTLEMENT_NOUNS:  # "shelled the town": the nearest town, city or village named before
        return next((eid for _s, _e, eid in _before(pos, index, WINDOW * 2) if _settlement(index.by_id[eid])), None)
    if lemma in _STATE_NOUNS:  # "the regime" after "the Assad regime" is that regime, then the nearest state
        named = _named_with_head(pos, lemma, index)
        if named:
            return named
        # a state that acts on "the government" is not the government it acts on ("as China and Russia
        # support the government": Sudan's, named before them)
        own = _clause_subjects(tok, index)
        return next((eid for _s, _e, eid in _before(pos, index, WINDOW * 2)
                     if index.label(eid) == "Country" and eid not in own), None)
    if lemma not in _ORG_NOUNS:
        return None
    named = _named_with_head(pos, lemma, index)
    if named:
        return named
    if lemma in _BODY_NOUNS:  # "the organisation": the salient body before it (a subject first), never
        # people named by a common noun ("a man")
        return _subject_first(tok, pos, index, lambda e: e.label in _BODY
                              and e.properties.get("agent_type") not in agent_lexicon().people_types)
    return None


def _settlement(ent: Any) -> bool:
    """A Place geocoded to a populated place (GeoNames feature class P: city, town, village), or
    not geocoded at all (a village the gazetteer lacks); never a region or a country."""
    return ent.label == "Place" and (ent.geo is None or str(ent.geo.feature_code or "").startswith("PPL"))


def _clause_subjects(tok: Any, index: EntityIndex) -> set[str]:
    """The entities of the subject of the verb whose object ``tok`` is (directly or through a
    preposition)."""
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head if tok.dep_ == "dobj" else None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if subj is None:
        return set()
    return set(index.ids_within(subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)))


def _gender(eid: str, index: EntityIndex, doc: Any) -> str | None:
    """"m" or "f" when the article writes the person with an honorific ("Mr. Jordan", "Mrs. Clinton")
    or their given name tells (:mod:`gender`), else None (unknown: any pronoun may take them). Read once per entity and document: every he/she
    asks it of every person in its window."""
    known: dict[str, str | None] = doc.user_data.setdefault("kg_gender", {})
    if eid not in known:
        known[eid] = _honorific_gender(eid, index, text_of(doc))
    return known[eid]


def _honorific_gender(eid: str, index: EntityIndex, text: str) -> str | None:
    """An honorific before any of the person's mentions, else their given name (:mod:`gender`)."""
    for s, e, i in index.mentions:
        if i != eid:
            continue
        found = honorific_gender(text[max(0, s - 8):s]) or honorific_gender(text[s:e].split(" ")[0])
        if found:
            return found
    ent = index.by_id[eid]
    return next((g for g in map(given_name_gender, (ent.name, *ent.aliases)) if g), None)


def _named_with_head(pos: int, lemma: str, index: EntityIndex) -> str | None:
    """The nearest earlier entity whose name or alias contains the noun ("the embassy" ->
    "the Ukrainian embassy in Dushanbe")."""
    for _s, _e, eid in _before(pos, index, WINDOW * 3):
        ent = index.by_id[eid]
        if ent.label in ("Person", "Place"):
            continue
        if any(lemma in n.lower().split() or lemma + "s" in n.lower().split() for n in (ent.name, *ent.aliases)):
            return eid
    return None


def _quote_limit(tok: Any) -> int:
    """How far back "they" may look: not past the start of a quote that opens in its own sentence
    ('"They tried to kill me," Maduro said': the speaker's "they" is nobody the writer named)."""
    starts = [s for s, e, _eid in tok.doc.user_data.get("kg_speakers", ()) if tok.sent.start_char <= s <= tok.idx < e]
    return min(WINDOW, tok.idx - max(starts)) if starts else WINDOW


def _plural_before(pos: int, index: EntityIndex, limit: int = WINDOW) -> str | None:
    """"They": the nearest body of people (a generic actor or a group) first, then an
    organisation, then a state ("They killed 12 soldiers" after "gunmen attacked ...")."""
    near = _before(pos, index, limit)
    for labels in (("Group",), ("Organization",), ("Country",)):
        for _s, _e, eid in near:
            ent = index.by_id[eid]
            if ent.label in labels and not (ent.label == "Group" and _is_state_word(ent)):
                return eid
    return None


def _plural_subject(tok: Any, index: EntityIndex) -> list[str | None]:
    """"They" continues the nearest plural clause subject of its own or the previous sentence
    ("Forest and Fernandez stayed in prison as they were charged": they = the two women). [id] when
    that subject is a fitting party, [None] when it is people kg keeps no node for (named persons,
    "voters"), [] when there is no plural subject (then recency decides)."""
    sent = tok.sent
    prev = tok.doc[sent.start - 1].sent if sent.start > 0 else None
    cands = [t for t in sent if t.i < tok.i] + ([] if prev is None else list(prev))
    for s in sorted(cands, key=lambda t: (t.i < sent.start, -t.i)):  # own sentence first, nearest first
        if s.dep_ not in ("nsubj", "nsubjpass") or s.pos_ == "PRON":
            continue
        conj = [c for c in s.children if c.dep_ == "conj"]
        if s.tag_ not in ("NNS", "NNPS") and not conj:
            continue
        found = index.best_within(s.left_edge.idx, s.idx + len(s.text), s.idx)
        if found:
            ent = index.by_id[found]
            if ent.label in ("Group", "Organization", "Country") and not _is_state_word(ent):
                return [found]
        return [None]
    return []


def _singular_before(tok: Any, pos: int, index: EntityIndex) -> str | None:
    # (a nationality word is no antecedent: "Russia's invasion ..., including its annexation": Russia)
    return _subject_first(tok, pos, index, lambda e: e.label in ("Organization", "Country") or (
        e.label == "Group" and "agent_type" not in e.properties and not _is_state_word(e)))


def _subject_first(tok: Any, pos: int, index: EntityIndex, fits: Any, far: int = WINDOW) -> str | None:
    """The antecedent by salience, then recency (after Hobbs, and the subject preference of
    centering): in the word's own sentence a clause subject, or the possessor of one ("Ruiz's advice
    earned him a hearing, where he ..."), of another clause ("Russia rejected the claims of a UN
    panel that it had supplied ...": it = Russia, not the panel); else the nearest subject of an
    earlier sentence; else the nearest fitting mention; first within ``WINDOW``, then (past a long
    quotation) within ``_FAR``. A mention inside quoted words never stands for a narrator's pronoun,
    and a fitting non-subject of the own sentence is the last resort ("After meeting Jones, he
    said": Jones is who he met, not who he is)."""
    doc = tok.doc
    quotes = quote_index(doc)
    outside = quotes.containing(pos) is None
    near = [m for m in _before(pos, index, far) if fits(index.by_id[m[2]])
            and not (outside and quotes.containing(m[0]) is not None)]
    if not near:
        return None
    own_start = tok.sent.start_char
    roots = {m: _root(doc, m) for m in near if pos - m[0] <= WINDOW or m[0] >= own_start}
    for m, r in roots.items():
        if m[0] >= own_start and r is not None and _salient(r) and r.head.i != tok.head.i:
            return m[2]
    for m, r in roots.items():  # then an owner in the sentence ("condemned Russia's invasion of Ukraine,
        if m[0] >= own_start and r is not None and r.dep_ == "poss":  # including its annexation": Russia)
            return m[2]
    for limit in (WINDOW, far):
        earlier = [m for m in near if m[0] < own_start and pos - m[0] <= limit]
        subjects = [(m, r) for m in earlier for r in [roots[m] if m in roots else _root(doc, m)]
                    if r is not None and _subject(r)]
        if subjects:  # the nearest sentence with a subject that fits; its main clause's subject first
            sent = subjects[0][1].sent.start  # ("the IRA had grown after the regiment killed 13": the IRA)
            main = [m for m, r in subjects if r.sent.start == sent and _main_clause(r)]
            return (main or [subjects[0][0]])[0][2]
        if earlier:
            return earlier[0][2]
    return near[0][2]


def _root(doc: Any, mention: tuple[int, int, str]) -> Any:
    span = doc.char_span(mention[0], mention[1], alignment_mode="expand")
    return span.root if span is not None else None


def _subject(root: Any) -> bool:
    """A clause subject, or the name in apposition to one ("The head of the institute, Mara Lenz,
    said ...": the name, not the title, is the mention; the parser may hang it on the title's "of"
    object)."""
    if root.dep_ in ("nsubj", "nsubjpass"):
        return True
    if any(c.dep_ == "relcl" and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ == "who" for g in c.children)
           for c in root.children):
        return True  # "... for Mara Lenz, who later dined with the mayor": she is the clause's subject
    if root.dep_ != "appos":
        return False
    head = root.head
    while head.dep_ in ("pobj", "prep") and head.head is not head:
        head = head.head
    return head.dep_ in ("nsubj", "nsubjpass")


def _main_clause(root: Any) -> bool:
    """A subject (or the name in apposition to one) of its sentence's main verb."""
    head = root.head
    while root.dep_ in ("appos", "pobj", "prep") and head.head is not head:
        root, head = head, head.head
    return head.dep_ == "ROOT"


def _salient(root: Any) -> bool:
    """A clause subject, or the possessor of one ("Ruiz's plan failed")."""
    return _subject(root) or (root.dep_ == "poss" and root.head.dep_ in ("nsubj", "nsubjpass"))


def _is_state_word(ent: Any) -> bool:
    """A demonym Group ("Afghan") stands for its state, not for people who act."""
    return "country" in ent.properties and "agent_type" not in ent.properties


def _before(pos: int, index: EntityIndex, limit: int) -> list[tuple[int, int, str]]:
    """Mentions ending before ``pos`` within ``limit`` characters, nearest first."""
    out = [m for m in index.within(max(0, pos - limit), pos) if m[1] <= pos]
    return sorted(out, key=lambda m: -m[0])
