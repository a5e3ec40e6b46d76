"""One exception family (the geopy ``exc.py`` pattern): catch ``KgError`` for anything kg raises.

Leaf classes also inherit the matching builtin so callers that only know Python's own
exceptions still catch them sensibly.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KgError, ValueError):
    """An input (file, record, feed entry) could not be read as an article."""

    def __init__(self, message: str, origin: str | None = None) -> None:
        self.origin = origin
        super().__init__(f"{origin}: {message}" if origin else message)


class SchemaError(KgError, ValueError):
    """A label, relationship type or property is not in ``schema/``."""


class StoreError(KgError, RuntimeError):
    """The graph store could not be reached, started or written."""


class QueryError(KgError, ValueError):
    """A Cypher query was refused (e.g. a write clause without ``--write``) or failed."""


class ConfigError(KgError, ValueError):
    """A setting (environment variable or option) has an invalid value."""
