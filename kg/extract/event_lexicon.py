"""The trigger lexicon of domain relations (``schema/events.yaml``), read once per process: per
relation type its verbs, event nouns and target prepositions, and the word lists that steer argument
rules (light verbs, verbs of receiving and of suffering, justice verbs, verbal attacks)."""

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
    classes = []
    for rtype, spec in (data.get("types") or {}).items():
        objects = True if spec.get("object") is None else bool(spec.get("object"))
        purpose = not objects if spec.get("purpose") is None else bool(spec.get("purpose"))
        classes.append(TriggerClass(str(rtype), frozenset(spec.get("verbs") or ()), frozenset(spec.get("nouns") or ()),
                                    tuple(_word(p) for p in spec.get("preps") or ()), objects, purpose))
    verbal = data.get("verbal_attack") or {}
    receiving = data.get("receiving") or {}
    suffering = data.get("suffering") or {}
    return Lexicon(tuple(classes), frozenset(data.get("light_verbs") or ()), frozenset(verbal.get("words") or ()),
                   str(verbal.get("as") or ""), frozenset(_word(p) for p in verbal.get("reason_preps") or ()),
                   frozenset(receiving.get("verbs") or ()), frozenset(receiving.get("types") or ()),
                   frozenset(verbal.get("media") or ()), frozenset(data.get("accusing_verbs") or ()),
                   frozenset(suffering.get("verbs") or ()), frozenset(suffering.get("types") or ()),
                   {str(k): frozenset(str(w) for w in v or ()) for k, v in (data.get("argument_words") or {}).items()})


def argument_words(name: str) -> frozenset[str]:
    """One word class of ``argument_words`` in ``schema/events.yaml`` (empty when the file has none)."""
    return trigger_lexicon().argument_words.get(name, frozenset())


def _word(value: Any) -> str:
    if not isinstance(value, str):  # YAML 1.1 reads a bare on/off/yes/no as a boolean
        raise ValueError(f"events.yaml: preposition {value!r} must be quoted")
    return value
