"""The ontology in ``schema/ontology.yaml``, loaded once and used to vet every label and type.

Labels and relationship types cannot be Cypher parameters, so they are the only identifiers kg
writes into query text; ``Schema.label`` and ``Schema.rel_type`` refuse anything not in the YAML,
which is what keeps a string from an article from ever becoming part of a query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg import settings, yamlfile
from kg.errors import SchemaError

_IDENT = re.compile(r"^[A-Z][A-Za-z0-9_]*$")
PROPERTY_TYPES = {"string", "integer", "float", "boolean", "point", "date", "string[]", "integer[]"}


@dataclass(frozen=True)
class NodeType:
    label: str
    key: str
    properties: dict[str, str]
    description: str = ""
    entity: bool = False
    indexes: tuple[str, ...] = ()
    fulltext: tuple[str, ...] = ()
    point_index: str | None = None


@dataclass(frozen=True)
class RelType:
    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    description: str = ""
    domain: bool = False  # a typed domain relation (RECRUITS_FOR, TRAINS, ...)
    sourced: bool = False  # extracted from text: carries status, claims, evidence (domain implies it)
    properties: dict[str, str] = field(default_factory=dict)
    indexes: tuple[str, ...] = ()  # relationship properties with a range index
    plover: str | None = None  # the PLOVER event category a domain relation type stands for


@dataclass(frozen=True)
class Schema:
    nodes: dict[str, NodeType]
    relationships: dict[str, RelType]
    entity_label: str
    domain_relation_properties: dict[str, str]
    path: Path

    def label(self, name: str) -> str:
        """Return ``name`` if it is a node label of the schema (or the entity label), else raise."""
        if name in self.nodes or name == self.entity_label:
            return name
        raise SchemaError(f"unknown node label {name!r}; valid: {', '.join(sorted(self.nodes))}")

    def rel_type(self, name: str) -> str:
        if name in self.relationships:
            return name
        raise SchemaError(f"unknown relationship type {name!r}; valid: {', '.join(sorted(self.relationships))}")

    def check_endpoints(self, rel: str, source: str, target: str) -> None:
        r = self.relationships[self.rel_type(rel)]
        if source not in r.sources or target not in r.targets:
            raise SchemaError(f"{rel} does not connect {source} to {target}")

    def allows(self, rel: str, source: str, target: str) -> bool:
        r = self.relationships.get(rel)
        return r is not None and source in r.sources and target in r.targets

    def rel_properties(self, rel: str) -> dict[str, str]:
        """A relationship's properties: ``id``, its own, and for sourced (incl. domain) relations
        ``domain_relation_properties``."""
        r = self.relationships[self.rel_type(rel)]
        return {"id": "string", **r.properties, **(self.domain_relation_properties if r.sourced else {})}

    @property
    def entity_labels(self) -> tuple[str, ...]:
        return tuple(n.label for n in self.nodes.values() if n.entity)

    @property
    def domain_types(self) -> tuple[str, ...]:
        return tuple(r.type for r in self.relationships.values() if r.domain)

    def to_dict(self) -> dict[str, Any]:
        return yamlfile.read(self.path)


def own_label(labels: Iterable[str]) -> str:
    """An entity node's own label ("Person", "Place"): the first that is not the shared ``Entity``."""
    return next((lb for lb in labels if lb != "Entity"), "Entity")


def _check_ident(kind: str, name: str) -> str:
    if not _IDENT.match(name):
        raise SchemaError(f"{kind} {name!r} must match {_IDENT.pattern}")
    return name


def parse_schema(data: dict[str, Any], path: Path) -> Schema:
    nodes: dict[str, NodeType] = {}
    for label, spec in (data.get("nodes") or {}).items():
        props = dict(spec.get("properties") or {})
        for p, t in props.items():
            if t not in PROPERTY_TYPES:
                raise SchemaError(f"{label}.{p}: unknown property type {t!r}")
        key = spec.get("key", "id")
        if key not in props:
            raise SchemaError(f"{label}: key {key!r} is not one of its properties")
        nodes[label] = NodeType(
            label=_check_ident("label", label), key=key, properties=props,
            description=spec.get("description", ""), entity=bool(spec.get("entity")),
            indexes=tuple(spec.get("indexes") or ()), fulltext=tuple(spec.get("fulltext") or ()),
            point_index=spec.get("point_index"))
    rels: dict[str, RelType] = {}
    for rtype, spec in (data.get("relationships") or {}).items():
        sources, targets = tuple(spec.get("from") or ()), tuple(spec.get("to") or ())
        for end in (*sources, *targets):
            if end not in nodes:
                raise SchemaError(f"{rtype}: endpoint {end!r} is not a node label")
        domain = bool(spec.get("domain"))
        if domain and not spec.get("plover"):
            raise SchemaError(f"{rtype}: a domain relation type names its PLOVER category (plover: ...)")
        indexes = tuple(spec.get("indexes") or ()) + (tuple(data.get("domain_relation_indexes") or ()) if domain else ())
        rels[rtype] = RelType(type=_check_ident("relationship type", rtype), sources=sources, targets=targets,
                              description=spec.get("description", ""), domain=domain,
                              sourced=bool(domain or spec.get("sourced")),
                              properties=dict(spec.get("properties") or {}), indexes=tuple(dict.fromkeys(indexes)),
                              plover=spec.get("plover"))
    return Schema(nodes=nodes, relationships=rels,
                  entity_label=_check_ident("label", data.get("entity_label", "Entity")),
                  domain_relation_properties=dict(data.get("domain_relation_properties") or {}), path=path)


@lru_cache(maxsize=4)
def _load(path: Path) -> Schema:
    try:
        data = yamlfile.read(path)
    except OSError as exc:
        raise SchemaError(f"cannot read schema {path}: {exc}") from exc
    return parse_schema(data, path)


def load_schema(path: Path | None = None) -> Schema:
    """The schema from ``path``, ``$KG_SCHEMA_DIR/ontology.yaml`` or the bundled ``schema/``."""
    return _load((path or settings.schema_dir() / "ontology.yaml").resolve())
