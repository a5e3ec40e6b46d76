"""Settings in one place (the nomenklatura ``settings.py`` pattern).

Every ``KG_*`` variable is read here and nowhere else; Neo4j uses its standard variable names.
Functions rather than module constants, so tests can change the environment per test.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

_PACKAGE_DIR = Path(__file__).resolve().parent


# Articles per store transaction (``kg import --batch-size``). Each write re-reads and rewrites the
# entities and relations its articles touch, and the most connected ones (a capital, a pair of rival
# states) are in nearly every batch, so fewer, larger transactions cost the store much less: writing
# one run's extractions of 4,000 bench articles, the store server used 38 CPU-s at 32 articles per
# transaction and 23 at 128. An article is still written whole or not at all (kg.pipeline).
WRITE_BATCH = 128
# Articles per nlp.pipe batch and per task of an extraction worker.
EXTRACT_CHUNK = 32


def kg_home() -> Path:
    """Where the embedded store keeps its data, socket, password and logs."""
    return Path(os.environ.get("KG_HOME") or user_data_dir("kg", appauthor=False)).expanduser()


def cache_dir() -> Path:
    """Derived data that can be rebuilt at any time (e.g. the gazetteer index): ``KG_CACHE_DIR``,
    else the platform's user cache dir, shared by every ``KG_HOME`` so tests do not rebuild it."""
    return Path(os.environ.get("KG_CACHE_DIR") or user_cache_dir("kg", appauthor=False)).expanduser()


def store_name() -> str:
    """Which store backend: ``embedded`` (FalkorDB, the default) or ``neo4j``."""
    return os.environ.get("KG_STORE", "embedded").strip().lower() or "embedded"


def graph_name() -> str:
    """Name of the graph inside the embedded store."""
    return os.environ.get("KG_GRAPH", "kg")


def geocoder_name() -> str:
    """``geonames`` (offline, default) or a geopy service name the user opted into, e.g. ``nominatim``."""
    return os.environ.get("KG_GEOCODER", "geonames").strip().lower() or "geonames"


def workers() -> int:
    """Extraction processes for ``kg import`` / ``kg extract``: ``KG_WORKERS``, else every core (at
    most 2, the machines kg is sized for), else 1 when an online geocoder is on: its rate limit
    and cache belong to one process."""
    given = os.environ.get("KG_WORKERS", "").strip()
    if given:
        if not given.isdigit() or int(given) < 1:
            from kg.errors import ConfigError

            raise ConfigError(f"KG_WORKERS must be a positive whole number, not {given!r}")
        return int(given)
    if geocoder_name() != "geonames":
        return 1
    return max(1, min(2, os.cpu_count() or 1))


def _data_dir(env: str, name: str) -> Path:
    """Data folders (``schema/``, ``queries/``) work from a checkout and from an installed wheel."""
    override = os.environ.get(env)
    if override:
        return Path(override).expanduser()
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def schema_dir() -> Path:
    return _data_dir("KG_SCHEMA_DIR", "schema")


def queries_dir() -> Path:
    return _data_dir("KG_QUERIES_DIR", "queries")


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    username: str
    password: str | None
    database: str | None

    def __repr__(self) -> str:  # never show the password
        return f"Neo4jSettings(uri={self.uri!r}, username={self.username!r}, database={self.database!r})"


def neo4j_settings() -> Neo4jSettings:
    return Neo4jSettings(
        uri=os.environ.get("NEO4J_URI", "neo4j://localhost:7687"),
        username=os.environ.get("NEO4J_USERNAME", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD"),
        database=os.environ.get("NEO4J_DATABASE") or None,
    )
