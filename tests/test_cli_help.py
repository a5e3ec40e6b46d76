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


def test_workers_default_from_settings(monkeypatch) -> None:
    from kg import settings
    from kg.errors import ConfigError

    monkeypatch.delenv("KG_GEOCODER", raising=False)
    monkeypatch.setenv("KG_WORKERS", "3")
    assert settings.workers() == 3
    monkeypatch.delenv("KG_WORKERS")
    assert settings.workers() == min(2, __import__("os").cpu_count() or 1)
    monkeypatch.setenv("KG_GEOCODER", "nominatim")
    assert settings.workers() == 1  # one rate limit, one cache
    monkeypatch.setenv("KG_WORKERS", "many")
    import pytest

    with pytest.raises(ConfigError):
        settings.workers()
