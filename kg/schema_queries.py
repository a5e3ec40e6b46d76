"""Saved queries that branch once per domain relation type, kept in step with the schema.

Labels and types cannot be parameters, and a typeless pattern (``MATCH (a)-[r]->(b) WHERE
r.status = 'denied'``) reads every relationship of the graph, so queries such as ``denials`` keep
one ``UNION ALL`` branch per domain type (each an index scan on that type's ``status`` or
``cross_border``). The branches are generated: in a query under ``queries/``, a line

    // for each domain type: MATCH (a)-[r:{type}]->(b) WHERE r.status = 'denied' RETURN a, r, b

is followed by the generated branches up to the closing ``}``. ``python -m kg.schema_queries``
rewrites them from ``schema/ontology.yaml`` (the domain types, or those whose PLOVER category is in
``{types: ...}`` when the marker names some), and ``tests/analyst`` fails while a file is stale, so
adding a type to the schema needs no hand edit of a query.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from kg import settings
from kg.schema import Schema, load_schema

MARKER = re.compile(r"^(\s*)// for each domain type(?: \(([A-Z_, ]+)\))?: (.+)$")


def _types(schema: Schema, only: str | None) -> list[str]:
    """Domain types in schema order; ``only`` limits them to named types or PLOVER categories."""
    if not only:
        return list(schema.domain_types)
    wanted = {w.strip() for w in only.split(",") if w.strip()}
    return [t for t in schema.domain_types if t in wanted or schema.relationships[t].plover in wanted]


def render(text: str, schema: Schema) -> str:
    """``text`` with every generated block rewritten from ``schema``."""
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        m = MARKER.match(line)
        if not m:
            continue
        indent, only, template = m.groups()
        branches = [indent + template.replace("{type}", t) for t in _types(schema, only)]
        out.append(f"\n{indent}UNION ALL\n".join(branches))
        while i < len(lines) and lines[i].strip() != "}":
            i += 1  # drop the old generated branches
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def stale(directory: Path | None = None, schema: Schema | None = None) -> list[Path]:
    """Saved queries whose generated branches differ from what the schema gives."""
    schema = schema or load_schema()
    folder = directory or settings.queries_dir()
    return [p for p in sorted(folder.glob("*.cypher"))
            if render(p.read_text(encoding="utf-8"), schema) != p.read_text(encoding="utf-8")]


def main() -> int:
    schema = load_schema()
    for path in stale(schema=schema):
        path.write_text(render(path.read_text(encoding="utf-8"), schema), encoding="utf-8")
        print(f"rewrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
