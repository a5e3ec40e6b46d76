"""``kg export``: the whole graph as a Cypher script, neo4j-admin CSV, GraphML or JSON Lines.

Why four formats: Cypher to replay into any Neo4j (``cypher-shell < graph.cypher``), CSV for
``neo4j-admin database import full`` of big graphs, GraphML for Gephi/yEd/networkx, and JSON Lines
as kg's own lossless dump (``import_jsonl_export`` reads it back). Every record comes from
``dump``, which pages through the store ordered by id so large graphs never sit in one result.

The Cypher script is parameter-free, so every value is written as a Cypher literal by
``cypher_literal`` (strings escaped, never interpolated raw); labels and types are vetted by the
schema and backtick-quoted.
"""

from __future__ import annotations

import csv
import json
import math
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from kg.errors import KgError
from kg.push import BatchBuilder, Record, primary_label
from kg.schema import Schema, load_schema
from kg.scope import Scope
from kg.store.base import Store

FORMATS = ("cypher", "csv", "graphml", "jsonl", "geojson")  # geojson: kg/export_geo.py
PAGE = 5000


def dump(store: Store, page: int = PAGE) -> Iterator[Record]:
    """Every node, then every relationship, as plain records (the JSON Lines shape)."""
    skip = 0
    while True:
        rows = store.read("MATCH (n) RETURN n ORDER BY n.id SKIP $skip LIMIT $limit",
                          {"skip": skip, "limit": page}).rows
        for (node,) in rows:
            props = {k: v for k, v in node.items() if k != "_labels"}
            yield {"type": "node", "id": str(props.get("id")), "labels": sorted(node.get("_labels", [])),
                   "properties": props}
        if len(rows) < page:
            break
        skip += page
    skip = 0
    while True:
        rows = store.read("MATCH (a)-[r]->(b) RETURN a.id, r, b.id ORDER BY r.id SKIP $skip LIMIT $limit",
                          {"skip": skip, "limit": page}).rows
        for start, rel, end in rows:
            props = {k: v for k, v in rel.items() if k != "_type"}
            yield {"type": "relationship", "id": str(props.get("id")), "label": rel["_type"], "start": str(start),
                   "end": str(end), "properties": props}
        if len(rows) < page:
            break
        skip += page


# ---- Cypher literals -------------------------------------------------------------------------
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _ident(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def cypher_literal(value: Any) -> str:
    """A Python value as a Cypher literal that parses back to the same value on Neo4j and FalkorDB."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return "null"
        return repr(value)
    if isinstance(value, str):
        out = "".join(_ESCAPES.get(ch, ch if ord(ch) >= 32 else f"\\u{ord(ch):04x}") for ch in value)
        return f"'{out}'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        if set(value) == {"latitude", "longitude"}:
            return f"point({{latitude: {cypher_literal(value['latitude'])}, longitude: {cypher_literal(value['longitude'])}}})"
        return "{" + ", ".join(f"{_ident(str(k))}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise KgError(f"cannot write {type(value).__name__} as a Cypher literal")


def cypher_statements(records: Iterator[Record], schema: Schema) -> Iterator[str]:
    labels: dict[str, str] = {}
    for rec in records:
        props = {k: v for k, v in rec["properties"].items() if k != "id"}
        if rec["type"] == "node":
            for lb in rec["labels"]:
                schema.label(lb)
            labels[rec["id"]] = primary_label(rec["labels"], schema)
            yield (f"MERGE (n:{':'.join(_ident(lb) for lb in rec['labels'])} {{id: {cypher_literal(rec['id'])}}}) "
                   f"SET n += {cypher_literal(props)};")
        else:
            a, b = _ident(labels[rec["start"]]), _ident(labels[rec["end"]])
            yield (f"MATCH (a:{a} {{id: {cypher_literal(rec['start'])}}}) MATCH (b:{b} {{id: {cypher_literal(rec['end'])}}}) "
                   f"MERGE (a)-[r:{_ident(schema.rel_type(rec['label']))} {{id: {cypher_literal(rec['id'])}}}]->(b) "
                   f"SET r += {cypher_literal(props)};")


# ---- CSV (neo4j-admin database import) ---------------------------------------------------------
# The header format of ``neo4j-admin database import`` (Neo4j 5 Operations Manual, "CSV header format"):
# ``name:type`` with type one of these, ``[]`` for arrays; ``:ID``/``:LABEL`` in node files,
# ``:START_ID``/``:END_ID``/``:TYPE`` in relationship files.
ADMIN_TYPES = ("int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
               "localtime", "time", "localdatetime", "datetime", "duration")
ARRAY_DELIMITERS = (";", "|", "\x1f")  # ';' is the tool's default; the others only when a value holds it
IMPORT_SCRIPT = "neo4j-admin-import.sh"


def _is_point(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"latitude", "longitude"}


def _scalar_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "point" if _is_point(value) else "string"


def _column_type(values: list[Any]) -> str:
    """The import type of a column from the values the store holds, so neo4j-admin builds the graph a
    Cypher import would (a date kept as a string stays a string; an integer stays an integer)."""
    kinds: set[str] = set()
    array = False
    for value in values:
        if value is None:
            continue
        if isinstance(value, list):
            array = True
            kinds.update(_scalar_type(v) for v in value if v is not None)
        else:
            kinds.add(_scalar_type(value))
    kind = kinds.pop() if len(kinds) == 1 else "double" if kinds == {"long", "double"} else "string"
    if array and kind == "point":
        kind = "string"
    return f"{kind}[]" if array else kind


def _header(name: str, kind: str) -> str:
    return name if kind == "string" else f"{name}:{kind}"


def _csv_value(value: Any, kind: str, delimiter: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return delimiter.join(_csv_value(v, kind.removesuffix("[]"), delimiter) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if _is_point(value):
        return f"{{latitude:{value['latitude']!r}, longitude:{value['longitude']!r}}}" if kind == "point" \
            else json.dumps(value)
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return ""
    return repr(value) if isinstance(value, float) else str(value)


def _array_delimiter(nodes: dict[str, list[Record]], rels: dict[str, list[Record]]) -> str:
    """';' unless some array element or label holds it (neo4j-admin would split it in two)."""
    texts = [lb for recs in nodes.values() for r in recs for lb in r["labels"]]
    texts += [str(v) for recs in (*nodes.values(), *rels.values()) for r in recs
              for value in r["properties"].values() if isinstance(value, list) for v in value]
    for delimiter in ARRAY_DELIMITERS:
        if not any(delimiter in t for t in texts):
            return delimiter
    raise KgError("every array delimiter kg can use (; | U+001F) occurs in the graph's list values")


def _write_table(path: Path, fixed: list[str], recs: list[Record], fixed_values: Any, delimiter: str,
                 skip: tuple[str, ...] = ()) -> Path:
    names = sorted({k for r in recs for k in r["properties"] if k not in skip})
    kinds = {n: _column_type([r["properties"].get(n) for r in recs]) for n in names}
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([*fixed, *(_header(n, kinds[n]) for n in names)])
        for r in recs:
            w.writerow([*fixed_values(r), *(_csv_value(r["properties"].get(n), kinds[n], delimiter) for n in names)])
    return path


def admin_import_command(files: list[Path], delimiter: str, database: str = "neo4j") -> list[str]:
    """The ``neo4j-admin database import full`` arguments for the files ``write_csv`` wrote."""
    return ["neo4j-admin", "database", "import", "full", database, "--overwrite-destination=true",
            "--id-type=string", "--multiline-fields=true",
            f"--array-delimiter={'U+001F' if delimiter == chr(0x1f) else delimiter}",
            *(f"--{'nodes' if p.name.startswith('nodes_') else 'relationships'}={p.name}" for p in files)]


def write_csv(records: Iterator[Record], folder: Path, schema: Schema) -> list[Path]:
    """``nodes_<Label>.csv`` (``id:ID``, ``:LABEL``), ``rels_<TYPE>.csv`` (``:START_ID``, ``:END_ID``,
    ``:TYPE``) in neo4j-admin's header format, and ``neo4j-admin-import.sh``: the import command
    with the options these files need (multi-line article texts, the array delimiter).

    Column types come from the stored values; arrays are joined with ``;`` (the tool's default
    ``--array-delimiter``) unless a value holds one. Node ids share one ID space: kg's ids are
    unique across labels.
    """
    folder.mkdir(parents=True, exist_ok=True)
    nodes: dict[str, list[Record]] = {}
    rels: dict[str, list[Record]] = {}
    for rec in records:
        if rec["type"] == "node":
            nodes.setdefault(primary_label(rec["labels"], schema), []).append(rec)
        else:
            rels.setdefault(schema.rel_type(rec["label"]), []).append(rec)
    delimiter = _array_delimiter(nodes, rels)
    written = [_write_table(folder / f"nodes_{label}.csv", ["id:ID", ":LABEL"], recs,
                            lambda r: [r["id"], delimiter.join(r["labels"])], delimiter, skip=("id",))
               for label, recs in sorted(nodes.items())]
    written += [_write_table(folder / f"rels_{rtype}.csv", [":START_ID", ":END_ID", ":TYPE"], recs,
                             lambda r, t=rtype: [r["start"], r["end"], t], delimiter)
                for rtype, recs in sorted(rels.items())]
    script = folder / IMPORT_SCRIPT
    command = " \\\n  ".join(shlex.quote(a) for a in admin_import_command(written, delimiter))
    script.write_text("#!/bin/sh\n# kg export --format csv: load these files into an empty Neo4j database (stop the\n"
                      "# database first, or name a new one). Run from this folder; neo4j-admin must be on PATH.\n"
                      f'cd "$(dirname "$0")" && {command} "$@"\n', encoding="utf-8")
    return [*written, script]


# ---- GraphML ---------------------------------------------------------------------------------------
def _graphml_type(values: list[Any]) -> str:
    kinds = {type(v) for v in values if v is not None}
    if kinds and kinds <= {bool}:
        return "boolean"
    if kinds and kinds <= {int}:
        return "long"
    if kinds and kinds <= {int, float}:
        return "double"
    return "string"


def _graphml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_graphml(records: list[Record], path: Path) -> Path:
    """GraphML with one ``<key>`` per property; labels in ``labels`` (``:A:B``), types in ``label``."""
    keys: dict[tuple[str, str], list[Any]] = {}
    for r in records:
        scope = "node" if r["type"] == "node" else "edge"
        for k, v in r["properties"].items():
            keys.setdefault((scope, k), []).append(v)
    ids = {key: f"{key[0][0]}_{key[1]}" for key in keys}
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
           '<key id="labels" for="node" attr.name="labels" attr.type="string"/>',
           '<key id="label" for="edge" attr.name="label" attr.type="string"/>']
    for (scope, name), values in sorted(keys.items()):
        out.append(f'<key id="{xml_escape(ids[(scope, name)])}" for="{scope}" attr.name="{xml_escape(name)}" '
                   f'attr.type="{_graphml_type(values)}"/>')
    # Gephi and yEd show the attribute named "label": a node's name (or title), an edge's type
    out.append('<key id="name" for="node" attr.name="label" attr.type="string"/>')
    out.append('<graph id="kg" edgedefault="directed">')
    q = {'"': "&quot;"}
    for r in records:
        scope = "node" if r["type"] == "node" else "edge"
        data = "".join(f'<data key="{xml_escape(ids[(scope, k)])}">{xml_escape(_graphml_value(v))}</data>'
                       for k, v in r["properties"].items() if v is not None)
        if scope == "node":
            p = r["properties"]
            name = p.get("name") or p.get("title") or p.get("cue") or r["id"]
            out.append(f'<node id="{xml_escape(r["id"], q)}"><data key="labels">:{":".join(r["labels"])}</data>'
                       f'<data key="name">{xml_escape(str(name))}</data>{data}</node>')
        else:
            out.append(f'<edge id="{xml_escape(r["id"], q)}" source="{xml_escape(r["start"], q)}" '
                       f'target="{xml_escape(r["end"], q)}"><data key="label">{r["label"]}</data>{data}</edge>')
    out += ["</graph>", "</graphml>"]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


# ---- entry points ----------------------------------------------------------------------------------
def check_target(fmt: str, path: Path, force: bool = False) -> None:
    """A clear error instead of a traceback for an output that exists or has the wrong kind."""
    if fmt == "csv":
        if path.exists() and not path.is_dir():
            raise KgError(f"{path} is a file; csv writes one file per label and type: give a folder")
        if path.is_dir() and any(path.iterdir()) and not force:
            raise KgError(f"{path} exists and is not empty; use --force to replace its nodes_*/rels_* files")
    elif path.is_dir():
        raise KgError(f"{path} is a folder; {fmt} writes one file: give a file name, e.g. {path / f'graph.{fmt}'}")
    elif path.exists() and not force:
        raise KgError(f"{path} exists; use --force to overwrite it")


def export(store: Store, fmt: str, path: Path, schema: Schema | None = None,
           scope: Scope | None = None, force: bool = False) -> list[Path]:
    """Write the graph in ``fmt`` to ``path`` (a folder for csv). Returns the files written.
    A ``scope`` keeps only its articles and what hangs off them (kg/scope.py)."""
    if fmt not in FORMATS:
        raise KgError(f"unknown export format {fmt!r}; valid: {', '.join(FORMATS)}")
    try:
        check_target(fmt, path, force)
        return _export(store, fmt, path, schema, scope)
    except OSError as exc:
        raise KgError(f"cannot write {exc.filename or path}: {exc.strerror or exc}") from exc


def _export(store: Store, fmt: str, path: Path, schema: Schema | None = None,
            scope: Scope | None = None) -> list[Path]:
    schema = schema or load_schema()
    records = scope.filter_records(dump(store), store) if scope else dump(store)
    if fmt != "csv":
        path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        written = write_csv(records, path, schema)
        # files of an earlier export that this one did not write go only now that the new ones exist
        for old in {*path.glob("nodes_*.csv"), *path.glob("rels_*.csv")} - set(written):
            old.unlink()
        return written
    if fmt == "graphml":
        return [write_graphml(list(records), path)]
    if fmt == "geojson":
        from kg.export_geo import write_geojson

        return [write_geojson(store, path, scope)]
    with path.open("w", encoding="utf-8") as fh:
        if fmt == "jsonl":
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
        else:
            fh.write("// kg export: replay with cypher-shell (Neo4j) -- MERGE on ids, safe to run twice\n")
            for stmt in cypher_statements(records, schema):
                fh.write(stmt + "\n")
    return [path]


def read_jsonl(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise KgError(f"{path}:{n}: not a JSON line: {exc}") from exc


def import_jsonl_export(store: Store, path: Path, schema: Schema | None = None) -> int:
    """Load a ``kg export --format jsonl`` file into ``store`` via the shared MERGE builders."""
    schema = schema or load_schema()
    store.apply_schema(schema)
    batches = 0
    for batch in BatchBuilder(schema).batches(read_jsonl(path)):
        store.write(batch)
        batches += 1
    return batches
