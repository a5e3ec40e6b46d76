"""Saved analyst queries: ``queries/*.cypher`` files with a ``//`` comment header.

Why files rather than Python strings: analysts read, copy and edit them, NeoDash and the Neo4j
Browser run them as they are, and CI lints the Neo4j texts with Neo4j's own parser. The header
says what a query is for and which ``$params`` it takes::

    // name: near-place
    // description: Places within a radius of a named place.
    // param: km = 100  (radius in kilometres)
    // dialect: both | falkordb | neo4j

Where the two stores' dialects differ (``distance`` vs ``point.distance``, ``shortestPath``
placement) a query ships as ``NAME.falkordb.cypher`` and ``NAME.neo4j.cypher``; otherwise one
``NAME.cypher`` with ``dialect: both`` serves both.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg import settings
from kg.errors import QueryError

DIALECTS = ("both", "falkordb", "neo4j")
_HEADER = re.compile(r"^//\s*(name|description|param|dialect)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^(\w+)\s*=\s*(.*?)\s*(?:\((.*)\))?$")


@dataclass
class SavedQuery:
    name: str
    description: str = ""
    params: list[tuple[str, str, str]] = field(default_factory=list)  # (name, example, meaning)
    texts: dict[str, str] = field(default_factory=dict)  # dialect -> Cypher text (header included)

    def text_for(self, store_name: str) -> str:
        """The Cypher to run on a store: its own dialect's variant if there is one, else the shared text."""
        dialect = "neo4j" if store_name == "neo4j" else "falkordb"
        text = self.texts.get(dialect) or self.texts.get("both")
        if text is None:
            raise QueryError(f"saved query {self.name!r} has no text for the {store_name} store")
        return text

    def example_params(self) -> dict[str, Any]:
        """The header's example values, numbers as numbers (for tests, docs and NeoDash)."""
        return {name: _typed(example) for name, example, _ in self.params}


def _typed(value: str) -> Any:
    for cast in (int, float):
        try:
            return cast(value)
        except ValueError:
            pass
    return value


def _dialect_of(path: Path) -> tuple[str, str]:
    """``near-place.neo4j.cypher`` -> ("near-place", "neo4j"); ``x.cypher`` -> ("x", "both")."""
    stem = path.name[: -len(".cypher")]
    base, _, suffix = stem.rpartition(".")
    if base and suffix in ("falkordb", "neo4j"):
        return base, suffix
    return stem, "both"


def parse_saved(path: Path) -> tuple[SavedQuery, str]:
    """One file -> (its query with a single text, the dialect). The header wins over the file name."""
    text = path.read_text(encoding="utf-8")
    name, dialect = _dialect_of(path)
    query = SavedQuery(name=name)
    for line in text.splitlines():
        if not line.startswith("//"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.groups()
        if key == "name":
            query.name = value
        elif key == "description":
            query.description = value
        elif key == "dialect":
            if value not in DIALECTS:
                raise QueryError(f"{path}: dialect {value!r} is not one of {', '.join(DIALECTS)}")
            dialect = value
        else:
            pm = _PARAM.match(value)
            if not pm:
                raise QueryError(f"{path}: cannot read param line {line!r} (want 'name = example  (meaning)')")
            pname, example, meaning = pm.groups()
            query.params.append((pname, example, meaning or ""))
    query.texts[dialect] = text
    return query, dialect


def list_saved(directory: Path | None = None) -> list[SavedQuery]:
    """All saved queries, variants of one name merged into one SavedQuery, sorted by name."""
    folder = directory or settings.queries_dir()
    if not folder.is_dir():
        raise QueryError(f"no saved-query folder at {folder} (set KG_QUERIES_DIR)")
    found: dict[str, SavedQuery] = {}
    for path in sorted(folder.glob("*.cypher")):
        query, dialect = parse_saved(path)
        have = found.get(query.name)
        if have is None:
            found[query.name] = query
            continue
        if dialect in have.texts:
            raise QueryError(f"{path}: a second {dialect} text for saved query {query.name!r}")
        have.texts[dialect] = query.texts[dialect]
        have.description = have.description or query.description
        have.params = have.params or query.params
    return [found[k] for k in sorted(found)]


def suggest(name: str, choices: list[str], limit: int = 3) -> list[str]:
    """Close matches for a mistyped name (rapidfuzz when installed, else difflib)."""
    try:
        from rapidfuzz import process

        return [m[0] for m in process.extract(name, choices, limit=limit, score_cutoff=50)]
    except ImportError:  # pragma: no cover - rapidfuzz is a declared dependency
        return difflib.get_close_matches(name, choices, n=limit, cutoff=0.5)


def get_saved(name: str, directory: Path | None = None) -> SavedQuery:
    queries = {q.name: q for q in list_saved(directory)}
    if name in queries:
        return queries[name]
    close = suggest(name, list(queries))
    hint = f"; did you mean {', '.join(close)}?" if close else f"; saved queries: {', '.join(queries)}"
    raise QueryError(f"no saved query named {name!r}{hint}")
