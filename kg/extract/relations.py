"""Typed relations (placeholder until the relations module lands)."""
from __future__ import annotations

from typing import Any

from kg.model import Article, Claim, Entity, Relation


def find_relations(doc: Any, article: Article, entities: list[Entity], claims: list[Claim]) -> list[Relation]:
    return []
