"""How commands print and where they write: one place for formats, tables, outputs and errors.

- ``--format``: a table when stdout is a terminal, JSON when it is piped or redirected (as ``gh``
  and ``kubectl`` do); ``--format table`` forces the table, ``json``/``csv`` give full values.
- Tables fit the terminal (kg.table); the width is ``COLUMNS`` or the terminal's, else 80.
- Outputs: a folder given where a file is wanted (or the reverse) is a clear error; an export onto
  existing data asks for ``--force``.
- :class:`KgGroup` is the one place errors are turned into messages: a KgError or an OSError (a bad
  path, a full disk) raised anywhere below any command becomes one ``Error:`` line and exit status 1,
  never a traceback, so commands do not wrap their own calls.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kg.errors import KgError
from kg.table import cell_text, render_table, to_json_text

F = TypeVar("F", bound=Callable[..., Any])


def format_option(*choices: str) -> Callable[[F], F]:
    """``--format`` with no fixed default: a table on a terminal, else JSON (see resolve_format)."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=None,
                        help="Output format [default: table on a terminal, json when piped].")


def resolve_format(fmt: str | None) -> str:
    if fmt:
        return fmt
    return "table" if sys.stdout.isatty() else "json"


def terminal_width() -> int:
    return max(20, shutil.get_terminal_size((80, 24)).columns)


def emit_rows(columns: list[str], rows: list[list[Any]], fmt: str, count_line: bool = True) -> None:
    """Rows as a fitted table, ONE JSON array of objects keyed by column, or CSV with a header."""
    if fmt == "json":
        click.echo(to_json_text([dict(zip(columns, row, strict=False)) for row in rows]))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        writer.writerows([[_csv_cell(v) for v in row] for row in rows])
        click.echo(buf.getvalue(), nl=False)
    else:
        lines = render_table(columns, rows, terminal_width())
        styled = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        click.echo(click.style(lines[0], bold=True) if styled else lines[0])
        click.echo("\n".join(lines[1:]))
        if count_line:
            click.echo(f"{len(rows)} row(s)", err=True)


def _csv_cell(value: Any) -> str:
    """CSV keeps full values: lists and maps as JSON, scalars as they are."""
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value) if not isinstance(value, bool) else cell_text(value)


def check_output_file(path: Path, force: bool | None = None) -> None:
    """A file output: refuse a folder, and an existing file unless ``force`` (None: overwrite)."""
    if path.is_dir():
        raise click.UsageError(f"{path} is a folder; give a file name with -o")
    if force is False and path.exists():
        raise click.UsageError(f"{path} exists; use --force to overwrite it")


def quiet_driver_logs() -> None:
    """The Neo4j driver logs connection failures itself; the CLI reports them once, as an error."""
    log = logging.getLogger("neo4j")
    if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
        log.addHandler(logging.NullHandler())
    log.propagate = False


def _os_message(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}"


class KgGroup(click.Group):
    """The kg command group: no traceback escapes a command (see the module docstring)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            raise click.ClickException(str(exc)) from exc
        except BrokenPipeError:  # `kg query ... | head`: the reader left, nothing to report
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(0) from None
        except OSError as exc:
            raise click.ClickException(_os_message(exc)) from exc


def scope_options(func: F) -> F:
    """``--since``, ``--until`` and ``--source`` (kg.scope): the command receives ``scope``."""
    import functools

    from kg.scope import Scope

    @click.option("--since", metavar="DATE", help="Only articles published on or after DATE (YYYY[-MM[-DD]]).")
    @click.option("--until", metavar="DATE", help="Only articles published on or before DATE (inclusive).")
    @click.option("--source", "sources", multiple=True, metavar="NAME",
                  help="Only articles from this source (case-insensitive; repeatable).")
    @functools.wraps(func)
    def wrapper(*args: Any, since: str | None, until: str | None, sources: tuple[str, ...], **kwargs: Any) -> Any:
        try:
            scope = Scope.parse(since, until, sources)
        except KgError as exc:
            raise click.UsageError(str(exc)) from exc
        return func(*args, scope=scope, **kwargs)

    return wrapper  # type: ignore[return-value]
