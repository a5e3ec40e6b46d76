"""Attributed claims (placeholder until the attribution module lands)."""
from __future__ import annotations

from typing import Any

from kg.model import Article, Claim, Entity


def find_claims(doc: Any, article: Article, entities: list[Entity]) -> list[Claim]:
    return []
