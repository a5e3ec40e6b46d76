"""kg command line (click). Commands parse options, call one library function, and format."""

from __future__ import annotations

import click

from kg import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kg: news articles to a sourced, geocoded knowledge graph, queried with Cypher."""


from kg.cli.ingest import extract_cmd, import_cmd  # noqa: E402

main.add_command(import_cmd)
main.add_command(extract_cmd)
