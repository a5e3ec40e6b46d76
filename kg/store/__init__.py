"""Stores by name (the geopy ``get_geocoder_for_service`` pattern): ``embedded`` (default) or ``neo4j``.

Backends are imported lazily so ``kg --help`` does not load drivers it will not use.
"""

from __future__ import annotations

from typing import Any

from kg import settings
from kg.errors import ConfigError
from kg.store.base import QueryResult, Stats, Store

STORES = {"embedded": "embedded", "falkordb": "embedded", "neo4j": "neo4j"}


def store_names() -> list[str]:
    return sorted(STORES)


def get_store(name: str | None = None, **kwargs: Any) -> Store:
    """A store instance (a context manager) for ``name``, ``$KG_STORE`` or ``embedded``."""
    wanted = (name or settings.store_name()).strip().lower()
    backend = STORES.get(wanted)
    if backend is None:
        raise ConfigError(f"unknown store {wanted!r}; valid: {', '.join(store_names())}")
    if backend == "neo4j":
        from kg.store.neo4j import Neo4jStore

        return Neo4jStore(**kwargs)
    from kg.store.falkor import FalkorStore

    return FalkorStore(**kwargs)


__all__ = ["QueryResult", "STORES", "Stats", "Store", "get_store", "store_names"]
