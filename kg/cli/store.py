"""``kg store``, ``kg schema``, ``kg stats`` and ``kg query``: thin commands over kg.store.

Every command parses options, calls one library function and formats; a KgError becomes a
ClickException (exit 1), a bad option a usage error (exit 2). ``kg query`` is read-only unless
``--write`` is given, and the store itself enforces it (GRAPH.RO_QUERY / READ access mode).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from kg.cli.output import format_option, resolve_format, scope_options
from kg.errors import KgError
from kg.scope import Scope
from kg.store.base import QueryResult

store_option = click.option(
    "--store", "store_name", envvar="KG_STORE", default=None, metavar="NAME",
    help="Store backend: embedded (default; alias falkordb) or neo4j. Env: KG_STORE.")


def _open(store_name: str | None) -> Any:
    from kg.store import get_store

    return get_store(store_name)


def _print_table(columns: list[str], rows: list[list[Any]], title: str | None = None) -> None:
    from kg.cli.output import emit_rows

    if title:
        click.echo(title)
    emit_rows(columns, rows, "table", count_line=False)


def print_result(result: QueryResult, fmt: str) -> None:
    """Print rows as a fitted table, ONE JSON array of objects keyed by column, or CSV with a header."""
    from kg.cli.output import emit_rows

    emit_rows(result.columns, result.rows, fmt)


def parse_param(text: str) -> tuple[str, Any]:
    """``k=v`` with kg.queries' typing (one rule for every command that takes --param)."""
    from kg.queries import parse_param as parse

    try:
        return parse(text)
    except KgError as exc:
        raise click.BadParameter(str(exc).removeprefix("--param "), param_hint="--param") from exc


# ---- kg store -----------------------------------------------------------------------------
@click.group("store")
def store_cmd() -> None:
    """Start, stop or inspect the embedded store server of KG_HOME (Neo4j is managed elsewhere)."""


def _server() -> Any:
    from kg.store.embedded import EmbeddedServer

    return EmbeddedServer()


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n} B"


@store_cmd.command("status")
@format_option("table", "json")
def store_status(fmt: str | None) -> None:
    """Show whether the embedded store is stopped, loading its data files, running or busy (running, not
    answering in time): pid, uptime, data-file sizes."""
    status = _server().status()
    if resolve_format(fmt) == "json":
        click.echo(json.dumps(status, indent=2))
        return
    files = status.pop("files")
    rows = [[k, _size(v) if k == "data_bytes" and isinstance(v, int) else v] for k, v in status.items()]
    rows += [[f"file {name}", _size(size)] for name, size in files.items()]
    _print_table(["key", "value"], rows, title="embedded store")


@store_cmd.command("start")
def store_start() -> None:
    """Start the embedded store (or find it already running); it keeps running after kg exits."""
    server = _server()
    started = server.start()
    click.echo(f"{'started' if started else 'already running'}: {server.socket}")


@store_cmd.command("stop")
def store_stop() -> None:
    """Stop the embedded store cleanly: its log is compacted into a snapshot first, so the next start is fast."""
    server = _server()
    click.echo("stopped" if server.stop() else "not running")


@store_cmd.command("check")
@click.option("--repair", is_flag=True,
              help="Copy the data files aside, then cut a damaged log back to its last whole write (store stopped).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output format.")
def store_check(repair: bool, fmt: str) -> None:
    """Diagnose the data files without changing them (Redis's own redis-check-aof when the store is stopped).

    Exit status 0 when the files are sound, 1 when a problem was found."""
    from kg.store import maintenance

    server = _server()
    report = maintenance.repair(server) if repair else maintenance.check(server)
    if fmt == "json":
        click.echo(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            if key == "files":
                value = ", ".join(f"{n} ({_size(s)})" for n, s in value.items()) or "none"
            click.echo(f"{key}: {value}")
    if report.get("ok") is False:
        raise click.exceptions.Exit(1)


@store_cmd.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def store_backup(path: Path, force: bool) -> None:
    """Write a consistent snapshot of the store to PATH while it keeps running (starts it if needed)."""
    from kg.cli.output import check_output_file
    from kg.store import maintenance

    check_output_file(path, force)

    report = maintenance.backup(_server(), path)
    click.echo(f"backup written: {report['path']} ({_size(int(report['bytes']))})")


@store_cmd.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True,
              help="Replace a store that holds data: it is stopped and its files moved aside (kept, not deleted).")
def store_restore(path: Path, force: bool) -> None:
    """Make the backup at PATH the store of KG_HOME (an empty one, unless --force)."""
    from kg.store import maintenance

    report = maintenance.restore(_server(), path, force=force)
    if report["moved_aside"]:
        click.echo(f"the previous data files were moved to {report['moved_aside']}", err=True)
    click.echo(f"restored {report['path']} into {report['home']}")


# ---- kg schema ----------------------------------------------------------------------------
@click.group("schema")
def schema_cmd() -> None:
    """Show the graph schema (as YAML or generated DDL) or apply its indexes and constraints."""


@schema_cmd.command("show")
@click.option("--format", "fmt", type=click.Choice(["yaml", "cypher-neo4j", "cypher-falkordb"]), default="yaml",
              show_default=True, help="The ontology YAML, or the DDL generated from it for a store.")
def schema_show(fmt: str) -> None:
    """Print the ontology or the index/constraint statements generated from it."""
    from kg import settings
    from kg.schema import load_schema
    from kg.store.ddl import falkordb_ddl, neo4j_ddl

    schema = load_schema()
    if fmt == "yaml":
        click.echo(schema.path.read_text(encoding="utf-8"), nl=False)
    elif fmt == "cypher-neo4j":
        click.echo("".join(f"{s};\n" for s in neo4j_ddl(schema)), nl=False)
    else:
        click.echo("".join(f"{s}\n" for s in falkordb_ddl(schema, settings.graph_name())), nl=False)


@schema_cmd.command("apply")
@store_option
def schema_apply(store_name: str | None) -> None:
    """Create the schema's indexes and constraints in the store (safe to repeat)."""
    from kg.schema import load_schema

    with _open(store_name) as store:
        applied = store.apply_schema(load_schema())
    click.echo(f"{len(applied)} statement(s) applied to the {store.name} store")


# ---- kg stats -----------------------------------------------------------------------------
@click.command("stats")
@format_option("table", "json")
@store_option
@scope_options
def stats_cmd(fmt: str | None, store_name: str | None, scope: Scope) -> None:
    """Count nodes per label and relationships per type.

    --since/--until/--source count only those articles and what hangs off them (kg/scope.py).
    """
    with _open(store_name) as store:
        stats = scope.stats(store) if scope.active else store.stats()
    if resolve_format(fmt) == "json":
        click.echo(json.dumps({"nodes": stats.nodes, "relationships": stats.relationships,
                               "node_total": stats.node_total,
                               "relationship_total": stats.relationship_total}, indent=2))
        return
    rows = [["node", k, v] for k, v in sorted(stats.nodes.items())]
    rows += [["relationship", k, v] for k, v in sorted(stats.relationships.items())]
    rows += [["total nodes", "", stats.node_total], ["total relationships", "", stats.relationship_total]]
    _print_table(["kind", "name", "count"], rows, title=f"scope: {scope.describe()}" if scope.active else None)


# ---- kg query -----------------------------------------------------------------------------
@click.command("query")
@click.argument("cypher", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A $parameter; numbers, true/false and null are typed, else a string. Repeatable.")
@format_option("table", "json", "csv")
@click.option("--write", is_flag=True, help="Allow the query to write (otherwise the store refuses writes).")
@click.option("--saved", metavar="NAME",
              help="Run a saved query from queries/ instead of CYPHER; unset params take its example values.")
@store_option
def query_cmd(cypher: str | None, params: tuple[str, ...], fmt: str | None, write: bool, saved: str | None,
              store_name: str | None) -> None:
    """Run a Cypher query (read-only unless --write) and print the rows.

    Example: kg query 'MATCH (p:Person) RETURN p.name AS name LIMIT $n' --param n=5 --format json
    """
    if bool(cypher) == bool(saved):
        raise click.UsageError("give either a CYPHER text or --saved NAME (not both)")
    from kg.queries import get_saved, missing_params

    values = dict(parse_param(p) for p in params)
    if saved:
        query = get_saved(saved)
        try:
            values, notes = query.bind(values)  # an undeclared name fails, listing the query's parameters
        except KgError as exc:
            raise click.UsageError(str(exc)) from exc
        for note in notes:  # the header's "param: km = 100" reads as a default
            click.echo(f"note: {note}", err=True)
    missing = missing_params(cypher or "", values)
    if missing:
        raise click.UsageError(f"missing parameter(s): {', '.join('$' + m for m in missing)}; "
                               f"give them as {' '.join(f'--param {m}=VALUE' for m in missing)}")
    with _open(store_name) as store:
        text = query.text_for(store.name) if saved else cypher or ""
        result = store.write_query(text, values) if write else store.read(text, values)
    print_result(result, resolve_format(fmt))
