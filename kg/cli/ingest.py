"""`kg import` and `kg extract`: loaders -> extraction (-> store)."""

from __future__ import annotations

import json
import sys
from contextlib import closing
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.errors import KgError
from kg.settings import WRITE_BATCH

INPUT_FORMATS = ["auto", "txt", "html", "jsonl", "json", "rss"]


def parse_fields(pairs: tuple[str, ...]) -> dict[str, str]:
    """``--field text=body`` -> {"text": "body"} (our name = the input's name)."""
    out = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or not ours or not theirs:
            raise click.BadParameter(f"expected OURS=THEIRS, got {pair!r}", param_hint="--field")
        out[ours.strip()] = theirs.strip()
    return out


def _workers(given: int | None) -> int:
    """``--workers``, else the setting; one process when an online geocoder is on (one rate limit)."""
    from kg import settings

    try:
        workers = given or settings.workers()
    except KgError as exc:
        raise click.UsageError(str(exc)) from exc
    if workers > 1 and settings.geocoder_name() != "geonames":
        click.echo(f"warning: KG_GEOCODER={settings.geocoder_name()} runs in one process (its rate limit and "
                   "cache are per process); using --workers 1", err=True)
        workers = 1
    return workers


def _items(paths: tuple[str, ...], fmt: str, fields: dict[str, str], encoding: str | None = None) -> Any:
    from loaders import load

    try:
        return load(list(paths), format=fmt, fields=fields or None, encoding=encoding)
    except KgError as exc:
        raise click.UsageError(str(exc)) from exc


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
              help="Input format; auto picks by extension and content.")
@click.option("--field", "fields", multiple=True, metavar="OURS=THEIRS",
              help="Map a JSON field name, e.g. --field text=body --field published=date.")
@click.option("--encoding", default=None, metavar="ENC",
              help="Read every input in this encoding (e.g. cp1252, latin-1) instead of detecting it.")
@click.option("--store", "store_name", envvar="KG_STORE", default=None,
              help="Store backend: embedded (default) or neo4j. Env: KG_STORE.")
@click.option("--batch-size", default=WRITE_BATCH, show_default=True, type=click.IntRange(min=1),
              help="Articles per store transaction.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Extraction processes [default: KG_WORKERS, else both cores; 1 with an online geocoder].")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def import_cmd(paths: tuple[str, ...], fmt: str, fields: tuple[str, ...], encoding: str | None,
               store_name: str | None, batch_size: int, workers: int | None, quiet: bool) -> None:
    """Import articles (files, folders, or - for stdin) into the graph.

    Exit code 0 when everything was imported, 1 when some inputs failed (the rest are imported),
    2 on a usage error.
    """
    from kg.extract import Extractor
    from kg.pipeline import Importer
    from kg.store import get_store

    items = _items(paths, fmt, parse_fields(fields), encoding)
    err = Console(stderr=True)
    try:
        store = get_store(store_name)
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    with closing(store), Progress(SpinnerColumn(), TextColumn("[bold]importing"), BarColumn(bar_width=None),
                         TextColumn("{task.fields[new]} new · {task.fields[skipped]} skipped · "
                                    "{task.fields[failed]} failed"), TimeElapsedColumn(),
                         console=err, disable=quiet or not err.is_terminal, transient=True) as bar:
        task = bar.add_task("import", total=None, new=0, skipped=0, failed=0)
        counts = {"new": 0, "skipped": 0, "failed": 0}

        def progress(event: str, _article: object) -> None:
            counts[event] += 1
            bar.update(task, new=counts["new"], skipped=counts["skipped"], failed=counts["failed"])

        try:
            store.apply_schema(_schema())
            report = Importer(store, Extractor(), batch_size=batch_size, n_process=_workers(workers),
                              progress=progress).run(items)
        except KgError as exc:
            raise click.ClickException(str(exc)) from exc
    for line in report.errors:
        err.print(f"[red]error[/red]: {line}", markup=True, highlight=False, soft_wrap=True)
    for line in report.warnings:
        err.print(f"[yellow]warning[/yellow]: {line}", markup=True, highlight=False, soft_wrap=True)
    table = Table(title="kg import", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, value in (("articles new", report.new), ("articles skipped (unchanged)", report.skipped),
                        ("articles failed", report.failed), ("nodes written", report.nodes)):
        table.add_row(name, str(value))
    for rtype, n in sorted(report.relationships.items()):
        table.add_row(f"  {rtype}", str(n))
    Console().print(table)
    sys.exit(0 if report.ok else 1)


def _schema() -> Any:
    from kg.schema import load_schema

    return load_schema()


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "out_format", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
              help="Output format: one JSON object per article per line (a stable contract).")
@click.option("--input-format", "fmt", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
              help="Input format; auto picks by extension and content.")
@click.option("--field", "fields", multiple=True, metavar="OURS=THEIRS", help="Map a JSON field name.")
@click.option("--encoding", default=None, metavar="ENC",
              help="Read every input in this encoding (e.g. cp1252, latin-1) instead of detecting it.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Extraction processes [default: KG_WORKERS, else both cores; 1 with an online geocoder].")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Where to write (default stdout).")
def extract_cmd(paths: tuple[str, ...], out_format: str, fmt: str, fields: tuple[str, ...], encoding: str | None,
                workers: int | None, output: Any) -> None:
    """Extract entities, claims and relations without writing to a store (JSON Lines)."""
    from kg.extract import Extractor
    from kg.model import Article

    failures: list[str] = []

    def articles() -> Any:
        for item in _items(paths, fmt, parse_fields(fields), encoding):
            if isinstance(item, Article):
                yield item
            elif getattr(item, "level", "error") == "warning":
                click.echo(f"warning: {item.origin}: {item.message}", err=True)
            else:
                failures.append(f"{item.origin}: {item.message}")
                click.echo(f"error: {item.origin}: {item.message}", err=True)

    for ex in Extractor().extract_many(articles(), n_process=_workers(workers)):
        if ex.error:
            failures.append(f"{ex.article.origin or ex.article.id}: {ex.error}")
            click.echo(f"error: {failures[-1]}", err=True)
            continue
        output.write(json.dumps(ex.to_json(), ensure_ascii=False) + "\n")
        for warning in ex.warnings:
            click.echo(f"warning: {ex.article.origin or ex.article.id}: {warning}", err=True)
    output.flush()
    sys.exit(1 if failures else 0)
