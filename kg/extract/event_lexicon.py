"""The trigger lexicon of domain relations (``schema/events.yaml``), read once per process: per
relation type its verbs, event nouns and target prepositions, and the word lists that steer argument
rules (light verbs, verbs of receiving and of suffering, justice verbs, verbal attacks), and the senses
in which a polysemous or phrasal trigger counts (``senses``: read by kg.extract.trigger_sense)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from kg import settings, yamlfile


@dataclass(frozen=True)
class TriggerClass:
    type: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    preps: tuple[str, ...]
    objects: bool
    purpose: bool  # a purpose clause gives the target ("recruit to populate X", "threatened to strike X")


@dataclass(frozen=True)
class Condition:
    """One construction in which a trigger has the sense its class needs; every field set must hold
    (kg.extract.trigger_sense reads them; the meaning of each is in ``schema/events.yaml`` ``senses``)."""
    particles: frozenset[str] = frozenset()  # "cracked DOWN on": a particle of the verb
    preps: frozenset[str] = frozenset()  # "fired ON the patrol": a preposition of the word or its object
    objects: frozenset[str] | None = None  # "fired MISSILES at": a direct object, if any, is one of these
    needs_object: bool = False  # ... and there must be one ("threw STONES at")
    not_objects: frozenset[str] = frozenset()  # "shot FLARES at", "shot a VIDEO of": no weapon use
    heads: frozenset[str] = frozenset()  # "OPENED fire": the word the trigger depends on
    not_heads: frozenset[str] = frozenset()  # "LIFTED sanctions": never under these words
    to_clause: bool = False  # "called on X TO retaliate": an infinitive clause of the verb
    complement: bool = False  # "dismissed X AS Y", "branded X an outlaw": a predicate on the object
    not_roles: frozenset[str] = frozenset()  # "dismissed X as COACH": a role in the complement is a firing
    not_adverbs: frozenset[str] = frozenset()  # "fired BACK at": a retort
    not_preps: frozenset[str] = frozenset()  # "hails FROM Texas": origin, not praise
    agent_types: frozenset[str] = frozenset()  # "under fire from MILITANTS": an armed "from"/"by" agent
    not_parties: frozenset[str] = frozenset()  # "reached out to VOTERS": the public is no party consulted
    collective: bool = False  # "worked with": both parties are states, organisations or armed/official groups


@dataclass(frozen=True)
class Sense:
    """The constructions in which ``lemma`` announces an event of ``type`` (as a verb, as a noun: a
    part of speech without any is refused) and, optionally, the prepositions of its target in them."""
    lemma: str
    type: str
    verb: tuple[Condition, ...]
    noun: tuple[Condition, ...]
    preps: tuple[str, ...] | None = None
    act_object: bool = False  # "lifted sanctions ON IRAN": the event noun it takes as object names the target


@dataclass(frozen=True)
class Lexicon:
    classes: tuple[TriggerClass, ...]
    light_verbs: frozenset[str]
    verbal_words: frozenset[str] = frozenset()  # "attack" between two people is verbal ...
    verbal_type: str = ""  # ... and this type (CONDEMNS)
    verbal_preps: frozenset[str] = frozenset()  # "attacked X over/for his record": a reason makes it verbal
    receiving_verbs: frozenset[str] = frozenset()  # "had/won the backing of X": the subject receives ...
    receiving_types: frozenset[str] = frozenset()  # ... what these types give (SUPPORTS, AIDS)
    verbal_media: frozenset[str] = frozenset()  # "attacked X in tweets": words
    accusing_verbs: frozenset[str] = frozenset()  # "arrested X for the killing": X is the killer
    suffering_verbs: frozenset[str] = frozenset()  # "suffered attacks by X": the subject is hit ...
    suffering_types: frozenset[str] = frozenset()  # ... by what these types do (ATTACKS, THREATENS)
    argument_words: dict[str, frozenset[str]] = field(default_factory=dict)  # ``argument_words`` classes
    senses: dict[tuple[str, str], Sense] = field(default_factory=dict)  # (lemma, type) -> its senses
    lemma_exceptions: dict[str, str] = field(default_factory=dict)  # verb form -> lemma spaCy gets wrong

    @cached_property
    def lemmas(self) -> frozenset[str]:
        """Every trigger word (computed once: rules ask for it token by token)."""
        return frozenset().union(*(c.verbs | c.nouns for c in self.classes))

    @cached_property
    def classes_of(self) -> dict[str, tuple[TriggerClass, ...]]:
        """Trigger word -> the classes that list it, in file order (most words are in one class)."""
        return {w: tuple(c for c in self.classes if w in c.verbs or w in c.nouns) for w in self.lemmas}


@lru_cache(maxsize=2)
def trigger_lexicon(path: str | None = None) -> Lexicon:
    """``schema/events.yaml`` read once per process."""
    src = path or str(settings.schema_dir() / "events.yaml")
    with open(src, encoding="utf-8") as fh:
        data = yamlfile.loads(fh.read()) or {}
    senses = _senses(data.get("senses") or {})
    classes = []
    for rtype, spec in (data.get("types") or {}).items():
        objects = True if spec.get("object") is None else bool(spec.get("object"))
        purpose = not objects if spec.get("purpose") is None else bool(spec.get("purpose"))
        verbs, nouns = frozenset(spec.get("verbs") or ()), frozenset(spec.get("nouns") or ())
        own = {s.lemma: s.preps for s in senses.values() if s.type == rtype and s.preps is not None}
        classes.append(TriggerClass(str(rtype), verbs - set(own), nouns - set(own),
                                    tuple(_word(p) for p in spec.get("preps") or ()), objects, purpose))
        for lemma, preps in own.items():  # "lashed out AT X": a phrasal trigger names its own target
            if lemma in verbs | nouns:
                classes.append(TriggerClass(str(rtype), verbs & {lemma}, nouns & {lemma}, preps or (), objects,
                                            purpose))
    verbal = data.get("verbal_attack") or {}
    receiving = data.get("receiving") or {}
    suffering = data.get("suffering") or {}
    return Lexicon(tuple(classes), frozenset(data.get("light_verbs") or ()), frozenset(verbal.get("words") or ()),
                   str(verbal.get("as") or ""), frozenset(_word(p) for p in verbal.get("reason_preps") or ()),
                   frozenset(receiving.get("verbs") or ()), frozenset(receiving.get("types") or ()),
                   frozenset(verbal.get("media") or ()), frozenset(data.get("accusing_verbs") or ()),
                   frozenset(suffering.get("verbs") or ()), frozenset(suffering.get("types") or ()),
                   _argument_words(data, senses), senses,
                   {str(k): str(v) for k, v in (data.get("lemma_exceptions") or {}).items()})


def _argument_words(data: dict[str, Any], senses: dict[tuple[str, str], Sense]) -> dict[str, frozenset[str]]:
    """``argument_words``, with the senses marked ``act_object`` among the act-object verbs."""
    out = {str(k): frozenset(str(w) for w in v or ()) for k, v in (data.get("argument_words") or {}).items()}
    acts = {s.lemma for s in senses.values() if s.act_object}
    out["act_object_verbs"] = out.get("act_object_verbs", frozenset()) | acts
    return out


def _senses(data: dict[str, Any]) -> dict[tuple[str, str], Sense]:
    """``senses``: lemma -> type -> {why, verb: [conditions], noun: [conditions], preps}."""
    out = {}
    for lemma, by_type in data.items():
        for rtype, spec in (by_type or {}).items():
            if not spec.get("why"):
                raise ValueError(f"events.yaml: sense {lemma}/{rtype} must say why")
            preps = spec.get("preps")
            out[(str(lemma), str(rtype))] = Sense(
                str(lemma), str(rtype), tuple(_condition(c) for c in spec.get("verb") or ()),
                tuple(_condition(c) for c in spec.get("noun") or ()),
                None if preps is None else tuple(_word(p) for p in preps), bool(spec.get("act_object")))
    return out


def _condition(spec: dict[str, Any]) -> Condition:
    unknown = set(spec) - set(Condition.__dataclass_fields__)
    if unknown:
        raise ValueError(f"events.yaml: unknown sense condition {sorted(unknown)}")
    kw: dict[str, Any] = {}
    for key, value in spec.items():
        kw[key] = value if isinstance(value, bool) else frozenset(_word(w) for w in value or ())
    return Condition(**kw)


def argument_words(name: str) -> frozenset[str]:
    """One word class of ``argument_words`` in ``schema/events.yaml`` (empty when the file has none)."""
    return trigger_lexicon().argument_words.get(name, frozenset())


def _word(value: Any) -> str:
    if not isinstance(value, str):  # YAML 1.1 reads a bare on/off/yes/no as a boolean
        raise ValueError(f"events.yaml: preposition {value!r} must be quoted")
    return value
