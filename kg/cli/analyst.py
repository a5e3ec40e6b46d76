"""Analyst commands: ``queries``, ``entity``, ``article``, ``viz``, ``map``, ``export``, ``push``.

Each parses options, calls one library function (kg.queries, kg.profile, kg.viz, kg.export,
kg.push) and formats; library errors become ``click.ClickException`` so users see one line.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Any

import click

from kg.cli.output import (
    check_output_file,
    format_option,
    resolve_format,
    scope_options,
    terminal_width,
)
from kg.errors import KgError
from kg.scope import Scope
from kg.table import to_json_text


def parse_params(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``--param name=value`` pairs, typed as ``kg query`` types them (``km=100`` is an integer)."""
    from kg.cli.store import parse_param

    return dict(parse_param(pair) for pair in pairs)


@click.command("queries")
@click.argument("name", required=False)
@format_option("table", "json")
def queries_cmd(name: str | None, fmt: str | None) -> None:
    """List the saved queries, or print one (NAME) in the current store's dialect."""
    from kg import settings
    from kg.queries import get_saved, list_saved

    if name:
        click.echo(get_saved(name).text_for(settings.store_name()), nl=False)
        return
    saved = list_saved()
    if resolve_format(fmt) == "json":
        click.echo(json.dumps([{"name": q.name, "description": q.description, "dialects": sorted(q.texts),
                                "params": [{"name": p, "example": e, "meaning": m, "optional": p in q.optional}
                                           for p, e, m in q.params]}
                               for q in saved], indent=2))
        return
    from kg.table import cut

    width = terminal_width()
    for q in saved:
        params = " ".join(f"--param {p}={e}" for p, e, _ in q.params if p not in q.optional)
        optional = f"  (optional: {', '.join(p for p, _, _ in q.params if p in q.optional)})" if q.optional else ""
        click.echo(cut(f"{q.name}  {params}".rstrip() + optional, width))
        click.echo(cut(f"    {q.description}", width))


@click.command("entity")
@click.argument("name")
@format_option("table", "json")
@scope_options
def entity_cmd(name: str, fmt: str | None, scope: Scope) -> None:
    """Profile of one entity: type, aliases, place, mentions, relations, claims, articles.

    NAME is a name, an alias, whole words of one, or an entity id; when several entities fit,
    they are listed. --since/--until/--source keep only those articles and their claims and relations.
    """
    from kg.profile import entity_profile, format_profile
    from kg.store import get_store

    with closing(get_store()) as store:
        prof = entity_profile(store, name, scope)
    click.echo(to_json_text(prof.to_json()) if resolve_format(fmt) == "json"
               else format_profile(prof, terminal_width(), scope))


@click.command("article")
@click.argument("ref", metavar="ID|URL")
@format_option("table", "json")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write a self-contained HTML page with the evidence highlighted (e.g. page.html).")
def article_cmd(ref: str, fmt: str | None, output: Path | None) -> None:
    """One article: its entities, claims and relations, as text, JSON or an HTML page."""
    from kg.article import article_view, format_article, write_article_html
    from kg.store import get_store

    if output is not None:
        check_output_file(output)
    with closing(get_store()) as store:
        view = article_view(store, ref)
    if output is not None:
        write_article_html(view, output)
        click.echo(f"wrote {output} ({len(view.mentions)} entities, {len(view.claims)} claims, "
                   f"{len(view.relations)} relations)", err=True)
        return
    click.echo(to_json_text(view.to_json()) if resolve_format(fmt) == "json"
               else format_article(view, terminal_width()))


def _scope_params(text: str, scope: Scope, values: dict[str, Any]) -> dict[str, Any]:
    """--since/--until/--source for a query: its own $since/$until/$publisher parameters (kg/queries.py)."""
    for name, value in scope.params().items():
        if value is None:
            continue
        if f"${name}" not in text:
            option = "--source" if name == "publisher" else f"--{name}"
            raise click.UsageError(f"{option} needs a query with a ${name} parameter; this one has none")
        values = {**values, name: value}
    if len(scope.sources) > 1:
        raise click.UsageError("a query takes one --source")
    return values


@click.command("viz")
@click.argument("cypher", required=False)
@click.option("--saved", help="Draw a saved query (see `kg queries`).")
@click.option("--entity", help="Draw an entity, its relations and the relations among its neighbours.")
@click.option("--param", "params", multiple=True, help="Query parameter NAME=VALUE (repeatable).")
@click.option("--co-mentions", is_flag=True, help="Also draw CO_MENTIONED edges (named in one sentence).")
@click.option("--nodes", type=click.IntRange(2, 300), default=40, show_default=True,
              help="Entities in the overview (no query given).")
@scope_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("graph.html"),
              show_default=True)
def viz_cmd(cypher: str | None, saved: str | None, entity: str | None, params: tuple[str, ...], co_mentions: bool,
            nodes: int, scope: Scope, output: Path) -> None:
    """Write an interactive, offline HTML graph: an overview of the most connected entities and
    their relations (no query), one entity (--entity), a saved query or a Cypher query."""
    from kg.queries import get_saved
    from kg.store import get_store
    from kg.viz.graph import graph_from_result, write_graph
    from kg.viz.overview import entity_graph, overview

    if sum(x is not None for x in (cypher, saved, entity)) > 1:
        raise click.UsageError("give one of CYPHER, --saved NAME or --entity NAME (or none for an overview)")
    values = parse_params(params)
    with closing(get_store()) as store:
        if entity:
            data, title = entity_graph(store, entity, scope, co_mentions), f"kg viz --entity {entity}"
        elif saved or cypher:
            if saved:
                query = get_saved(saved)
                text, title = query.text_for(store.name), f"kg viz --saved {saved}"
                values, notes = query.bind(values)  # a misspelled name fails; optional ones are null
                for note in notes:
                    click.echo(f"note: {note}", err=True)
            else:
                text, title = str(cypher), "kg viz"
            values = _scope_params(text, scope, values)
            data = graph_from_result(store, store.read(text, values), text)
        else:
            data, title = overview(store, scope, nodes, co_mentions), "kg viz: overview"
        if scope.active:
            title += f" ({scope.describe()})"
        write_graph(store, data, output, title)
    click.echo(f"wrote {output} ({len(data.nodes)} nodes, {len(data.rels)} relationships)")
    for note in data.notes:
        click.echo(f"note: {note}", err=True)


@click.command("map")
@click.option("--entity", help="Only articles that mention this entity.")
@click.option("--saved", help="Draw the located entities and relations a saved query returns.")
@click.option("--param", "params", multiple=True, help="Query parameter NAME=VALUE for --saved (repeatable).")
@scope_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("map.html"),
              show_default=True)
def map_cmd(entity: str | None, saved: str | None, params: tuple[str, ...], scope: Scope, output: Path) -> None:
    """Write an offline world map of located entities (sized by mentions) and the relations between
    them, for every article or only those of an entity, a time span or a publisher."""
    from kg.store import get_store
    from kg.viz.map import MapFilter, write_map

    if entity and saved:
        raise click.UsageError("give --entity or --saved, not both")
    values = parse_params(params)
    with closing(get_store()) as store:
        query_values: dict[str, Any] | None = None
        text = None
        if saved:
            from kg.queries import get_saved

            query = get_saved(saved)
            text = query.text_for(store.name)
            bound, query_notes = query.bind(values)  # a misspelled name fails; optional ones are null
            for note in query_notes:
                click.echo(f"note: {note}", err=True)
            query_values = _scope_params(text, scope, bound)
        notes = write_map(store, output, MapFilter(scope=scope, entity=entity, query=text, params=query_values))
    click.echo(f"wrote {output}")
    for note in notes:
        click.echo(f"note: {note}", err=True)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["cypher", "csv", "graphml", "jsonl", "geojson"]), required=True)
@click.option("-o", "--output", required=True,
              help="File to write ('-' for stdout; a folder for csv).")
@click.option("--force", is_flag=True, help="Overwrite an existing file, or write into a folder with files in it.")
@scope_options
def export_cmd(fmt: str, output: str, force: bool, scope: Scope) -> None:
    """Export the graph: Cypher script, neo4j-admin CSV folder, GraphML (Gephi, yEd), JSON Lines, or
    GeoJSON of located entities and relations (QGIS, kepler.gl).

    --since/--until/--source export only those articles and what hangs off them (claims, the
    entities they name, relations with evidence in them; see kg/scope.py).
    """
    from kg.export import check_target, export
    from kg.store import get_store

    if output == "-" and fmt == "csv":
        raise click.UsageError("csv writes one file per label and type: give a folder with -o")
    if output != "-":
        try:  # the library's own check, before the store is opened: a wrong output is a usage error
            check_target(fmt, Path(output), force)
        except KgError as exc:
            raise click.UsageError(str(exc)) from exc
    with closing(get_store()) as store:
        if output == "-":
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"graph.{fmt}"
                export(store, fmt, path, scope=scope)
                with path.open(encoding="utf-8") as fh:
                    shutil.copyfileobj(fh, sys.stdout)
            return
        written = export(store, fmt, Path(output), scope=scope, force=force)
    click.echo(f"wrote {len(written)} file(s): {', '.join(str(p) for p in written[:5])}"
               f"{' ...' if len(written) > 5 else ''}", err=True)


@click.command("push")
@click.option("--to", "target", type=click.Choice(["neo4j"]), default="neo4j", show_default=True,
              help="Target store (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE).")
@click.option("--batch-size", type=click.IntRange(1), default=2000, show_default=True)
def push_cmd(target: str, batch_size: int) -> None:
    """Copy the embedded graph into Neo4j (idempotent MERGE on ids; safe to re-run)."""
    from kg.push import push
    from kg.store import get_store

    def progress(sent: dict[str, Any]) -> None:
        if sent["batches"] % 10 == 0:
            click.echo(f"  {sent['nodes'] + sent['relationships']} rows in {sent['batches']} batches, "
                       f"{sent['rows_per_s']:.0f} rows/s", err=True)

    with closing(get_store("embedded")) as source, closing(get_store(target)) as dest:
        sent = push(source, dest, size=batch_size, progress=progress)
    click.echo(f"pushed {sent['nodes']} nodes and {sent['relationships']} relationships "
               f"in {sent['batches']} batch(es) to {target}: {sent['seconds']:.1f} s, {sent['rows_per_s']:.0f} rows/s")


COMMANDS = [queries_cmd, entity_cmd, article_cmd, viz_cmd, map_cmd, export_cmd, push_cmd]
