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

**Optional parameters.** A param whose meaning starts with ``optional`` is null unless given (its
example only documents the form): ``kg query --saved X`` binds it to null, the query treats null as
"no filter". The standard optional scope parameters, for every query that lists articles, claims
or relations (see kg/scope.py, which defines what they keep)::

    // param: since = 2026-01-01  (optional: published on or after; YYYY, YYYY-MM or YYYY-MM-DD)
    // param: until = 2026-12-31  (optional: published on or before, inclusive to the precision given)
    // param: publisher = Reuters  (optional: the article's source, case-insensitive)

and in the body, on the article ``a`` the rows come from (``kg.scope.ARTICLE_PREDICATE``)::

    WHERE ($since IS NULL OR a.published >= $since)
      AND ($until IS NULL OR substring(a.published, 0, size($until)) <= $until)
      AND ($publisher IS NULL OR toLower(a.source) = toLower(trim($publisher)))

The third is ``publisher`` (the CLI's ``--source``) because relation queries already use
``$source`` for a relation's source entity. Articles with no publication date drop out as soon as
a date is given. ``SCOPE_PARAMS`` names the
three; ``tests/analyst/test_scope.py`` checks every query that declares them honours them.

**Binding.** ``SavedQuery.bind`` refuses a parameter the query does not declare (``--param
spaeker=...`` lists the query's parameters) and fills required ones left out with their example,
saying so; ``missing_params`` names the ``$params`` of any Cypher text that were not given.
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

    @property
    def optional(self) -> set[str]:
        """Params that are null unless given (their meaning starts with "optional")."""
        return {name for name, _, meaning in self.params if meaning.lower().startswith("optional")}

    def example_params(self) -> dict[str, Any]:
        """The header's example values, numbers as numbers (for tests, docs and NeoDash); optional
        params are null, so the example run is the unfiltered one."""
        optional = self.optional
        return {name: None if name in optional else _typed(example) for name, example, _ in self.params}

    def describe_params(self) -> str:
        """``speaker (required, e.g. Patrushev), since (optional)`` for error messages."""
        if not self.params:
            return "it takes no parameters"
        optional = self.optional
        return "its parameters: " + ", ".join(
            f"{n} (optional)" if n in optional else f"{n} (e.g. {e})" for n, e, _ in self.params)

    def bind(self, given: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """The values to run with, and notes about example values used for required params left out.

        A name the query does not declare is an error (a misspelling must not run the example)."""
        declared = [n for n, _, _ in self.params]
        unknown = sorted(set(given) - set(declared))
        if unknown:
            close = [m for u in unknown for m in suggest(u, declared, limit=1)]
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise QueryError(f"saved query {self.name!r} has no parameter {', '.join(map(repr, unknown))}{hint} "
                             f"({self.describe_params()})")
        values = dict(given)
        notes = []
        for name, example in self.example_params().items():
            if name not in values:
                values[name] = example
                if example is not None:
                    notes.append(f"--param {name}={example} (the saved query's example value)")
        return values, notes


SCOPE_PARAMS = ("since", "until", "publisher")
_PARAM_REF = re.compile(r"\$(\w+)")


def query_params(text: str) -> list[str]:
    """The ``$names`` a Cypher text uses (comments and string literals ignored), in order."""
    seen: list[str] = []
    from kg.store.readonly import code_only

    for name in _PARAM_REF.findall(code_only(text)):
        if name not in seen and not name.isdigit():
            seen.append(name)
    return seen


def missing_params(text: str, given: dict[str, Any]) -> list[str]:
    """The ``$params`` of ``text`` that ``given`` lacks (a clear error before the store's own)."""
    return [name for name in query_params(text) if name not in given]


_INT = re.compile(r"-?(0|[1-9]\d*)")
_FLOAT = re.compile(r"-?\d+\.\d+([eE][-+]?\d+)?")


def _typed(value: str) -> Any:
    """A parameter value as typed on a command line or in a query header: whole numbers and decimals
    become numbers ("007" stays a string: an id, not seven), true/false/null become their values."""
    text = value.strip()
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered == "null":
        return None
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return value


def parse_param(text: str) -> tuple[str, Any]:
    """``--param NAME=VALUE`` (every command that takes one): a valid name and a typed value."""
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep:
        raise QueryError(f"--param {text!r} is not KEY=VALUE")
    if not name.isidentifier():
        raise QueryError(f"--param {name!r} is not a valid parameter name")
    return name, _typed(raw)


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
