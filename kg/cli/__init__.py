"""kg command line (click). Commands parse options, call one library function, and format."""

from __future__ import annotations

import click

from kg import __version__
from kg.cli.output import KgGroup, quiet_driver_logs


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kg: news articles to a sourced, geocoded knowledge graph, queried with Cypher."""
    quiet_driver_logs()


from kg.cli.ingest import extract_cmd, import_cmd  # noqa: E402

main.add_command(import_cmd)
main.add_command(extract_cmd)

from kg.cli.analyst import COMMANDS as _ANALYST_COMMANDS  # noqa: E402

for _cmd in _ANALYST_COMMANDS:
    main.add_command(_cmd)

from kg.cli.store import query_cmd, schema_cmd, stats_cmd, store_cmd  # noqa: E402

main.add_command(store_cmd)
main.add_command(schema_cmd)
main.add_command(stats_cmd)
main.add_command(query_cmd)
