"""Every command and sub-command has help text, and --help works without a store or the model."""

from __future__ import annotations

import click
from click.testing import CliRunner

from kg.cli import main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, cmd in group.commands.items():
        path = (*prefix, name)
        out.append(path)
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, path))
    return out


def test_every_command_has_help() -> None:
    runner = CliRunner()
    paths = _commands(main)
    assert {"import", "extract"} <= {p[0] for p in paths}
    for path in paths:
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        cmd: click.Command = main
        for part in path:
            assert isinstance(cmd, click.Group)
            cmd = cmd.commands[part]
        assert (cmd.help or "").strip(), f"kg {' '.join(path)} has no help text"


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and "kg" in result.output


def test_usage_error_exit_code_is_2() -> None:
    result = CliRunner().invoke(main, ["import"])
    assert result.exit_code == 2
