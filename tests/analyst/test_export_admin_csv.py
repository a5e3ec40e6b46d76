"""``kg export --format csv`` read back the way ``neo4j-admin database import full`` reads it.

The reader below follows the tool's documented rules (Neo4j 5 Operations Manual, "CSV header format"
and the import options): RFC 4180 quoting with ``"`` doubled inside a field, fields spanning lines with
``--multiline-fields=true``, ``name:type`` headers, ``:ID``/``:LABEL`` and ``:START_ID``/``:END_ID``/
``:TYPE``, arrays split on ``--array-delimiter``, an empty field meaning no property. What it reads
back must be the graph the store holds, value for value and type for type.
"""

from __future__ import annotations

import csv
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.export import ADMIN_TYPES, IMPORT_SCRIPT, dump, write_csv
from kg.schema import load_schema

_NUM = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_POINT = re.compile(rf"^\{{latitude:({_NUM}), longitude:({_NUM})\}}$")


def _scalar(text: str, kind: str) -> Any:
    if kind in ("long", "int", "short", "byte"):
        assert re.fullmatch(r"-?\d+", text), (kind, text)
        return int(text)
    if kind in ("double", "float"):
        return float(text)
    if kind == "boolean":
        assert text in ("true", "false"), text
        return text == "true"
    if kind == "point":
        m = _POINT.match(text)
        assert m, text
        return {"latitude": float(m.group(1)), "longitude": float(m.group(2))}
    assert kind == "string", kind
    return text


def _columns(header: list[str], fixed: list[str]) -> list[tuple[str, str]]:
    assert header[:len(fixed)] == fixed
    cols = []
    for cell in header[len(fixed):]:
        name, _, kind = cell.partition(":")
        kind = kind or "string"
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name), cell
        assert kind.removesuffix("[]") in ADMIN_TYPES, cell
        cols.append((name, kind))
    assert len({n for n, _ in cols}) == len(cols), "a property named twice"
    return cols


def read_admin_csv(folder: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Records as neo4j-admin would build them, and the import command of the folder's script."""
    command = shlex.split((folder / IMPORT_SCRIPT).read_text(encoding="utf-8").split("&&", 1)[1]
                          .replace("\\\n", " ").replace('"$@"', ""))
    options = dict(a[2:].split("=", 1) for a in command if a.startswith("--") and "=" in a)
    assert command[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"]
    assert options["multiline-fields"] == "true" and options["id-type"] == "string"
    delimiter = chr(0x1f) if options["array-delimiter"] == "U+001F" else options["array-delimiter"]
    listed = [a.split("=", 1)[1] for a in command if a.startswith(("--nodes=", "--relationships="))]
    assert sorted(listed) == sorted(p.name for p in folder.glob("*.csv"))
    records = []
    for name in listed:
        with (folder / name).open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        node = name.startswith("nodes_")
        fixed = ["id:ID", ":LABEL"] if node else [":START_ID", ":END_ID", ":TYPE"]
        cols = _columns(rows[0], fixed)
        for row in rows[1:]:
            assert len(row) == len(rows[0])
            props = {}
            for (col, kind), text in zip(cols, row[len(fixed):], strict=True):
                if text == "":
                    continue
                props[col] = [_scalar(t, kind[:-2]) for t in text.split(delimiter)] if kind.endswith("[]") \
                    else _scalar(text, kind)
            if node:
                records.append({"type": "node", "id": row[0], "labels": sorted(row[1].split(delimiter)),
                                "properties": {"id": row[0], **props}})
            else:
                records.append({"type": "relationship", "start": row[0], "end": row[1], "label": row[2],
                                "id": props.get("id"), "properties": props})
    return records, command


def _key(rec: dict[str, Any]) -> str:
    return f"{rec['type']}:{rec['id']}"


def _comparable(records: Any) -> dict[str, Any]:
    """Drop what a CSV cannot hold (empty lists: an empty field is no property)."""
    out = {}
    for rec in records:
        rec = dict(rec, properties={k: v for k, v in rec["properties"].items() if v not in ([], None, "")})
        out[_key(rec)] = rec
    return out


def test_csv_export_reads_back_as_the_stored_graph(sample_store, tmp_path):
    folder = tmp_path / "csv"
    res = CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(folder)])
    assert res.exit_code == 0, res.output
    got, command = read_admin_csv(folder)
    want = _comparable(dump(sample_store))
    assert set(_comparable(got)) == set(want)
    for key, rec in _comparable(got).items():
        assert rec == want[key], key
    assert "--array-delimiter=;" in command  # the sample holds no ';' in a list: the tool's default
    articles = (folder / "nodes_Article.csv").read_text(encoding="utf-8")
    assert '"' in articles and "\n" in articles.split("\n", 1)[1]  # quoted, multi-line texts survive


@pytest.mark.parametrize("alias", ["Kyiv; Kiev", "pipe | and ; both"])
def test_a_delimiter_inside_a_value_changes_the_delimiter(tmp_path, alias):
    records = [
        {"type": "node", "id": "place:1", "labels": ["Entity", "Place"],
         "properties": {"id": "place:1", "name": 'Kyiv "the capital"', "aliases": ["Kyiv", alias],
                        "geonames_id": 703448, "location": {"latitude": 50.45, "longitude": 30.52},
                        "geo_confidence": 0.5, "first_seen": "2024-01-02"}},
        {"type": "node", "id": "country:ua", "labels": ["Country", "Entity"],
         "properties": {"id": "country:ua", "name": "Ukraine", "cross_border": True}},
        {"type": "relationship", "id": "rel:1", "label": "IN_COUNTRY", "start": "place:1", "end": "country:ua",
         "properties": {"id": "rel:1"}},
    ]
    folder = tmp_path / "csv"
    write_csv(iter(records), folder, load_schema())
    got, command = read_admin_csv(folder)
    assert "--array-delimiter=;" not in command
    assert _comparable(got) == _comparable(records)
    header = next(csv.reader((folder / "nodes_Place.csv").open(encoding="utf-8")))
    assert {"aliases:string[]", "geonames_id:long", "location:point", "geo_confidence:double", "first_seen"} \
        <= set(header)
