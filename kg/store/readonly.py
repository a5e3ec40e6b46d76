"""kg's own check that a query given as a read does not write (``kg query`` without ``--write``).

Why kg checks at all when the stores refuse writes themselves (``GRAPH.RO_QUERY``, Neo4j's READ
access mode): not every Bolt server enforces READ access (ArcadeDB's Bolt plugin runs a CREATE in a
read transaction, docs/neo4j.md), and a guarantee of kg should not depend on which server is behind
``NEO4J_URI``. The check is lexical: a write clause keyword outside string literals, comments and
backtick-quoted names. It cannot see into procedures (``CALL ...``); there the server's own refusal
is the guard, which is why both run.
"""

from __future__ import annotations

import re

from kg.errors import QueryError

WRITE_CLAUSES = ("CREATE", "MERGE", "SET", "DELETE", "REMOVE", "DROP", "FOREACH", "ALTER",
                 "GRANT", "DENY", "REVOKE")
# strings ('..' and "..", with backslash escapes), comments, quoted names: blanked before the search
_SKIP = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`(?:[^`]|``)*`|//[^\n]*|/\*.*?\*/", re.DOTALL)
# a keyword as a clause: not a property (n.set), parameter ($merge), label (:Create) or map key (set: 1)
_WRITE = re.compile(r"(?<![\w.$:])(" + "|".join(WRITE_CLAUSES) + r")\b(?!\s*:)", re.IGNORECASE)


_ALIAS = re.compile(r"\bAS\s+\w+", re.IGNORECASE)  # a column or variable may be named like a clause


def code_only(cypher: str) -> str:
    """``cypher`` with string literals, comments and backtick-quoted names blanked: what is left is
    code (kg.queries reads ``$params`` off it the same way)."""
    return _SKIP.sub(" ", cypher)


def write_clause(cypher: str) -> str | None:
    """The first write clause keyword of ``cypher`` (upper-cased), or None for a read."""
    found = _WRITE.search(_ALIAS.sub(" ", code_only(cypher)))
    return found.group(1).upper() if found else None


def refuse_writes(cypher: str) -> None:
    """Raise QueryError when a query given as a read contains a write clause."""
    clause = write_clause(cypher)
    if clause:
        raise QueryError(f"this query writes to the graph ({clause}); reads are read-only (use --write to "
                         "allow writes)")
