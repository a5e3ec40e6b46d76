"""The README's examples are the generated ones (tools/readme_examples.py, ``make readme-examples``),
and every name they query is in the bundled corpus that ``make demo`` imports."""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("readme_examples", ROOT / "tools" / "readme_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_block_shows_every_generated_command() -> None:
    tool = _tool()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split(tool.START, 1)[1].split(tool.END, 1)[0]
    shown = [line[2:] for line in block.splitlines() if line.startswith("$ kg ")]
    assert shown == tool.COMMANDS, "run: make readme-examples"
    assert all(len(line) <= 80 for line in block.splitlines() if not line.startswith("$ ")), "tables fit 80 columns"


def test_examples_query_names_from_the_bundled_corpus() -> None:
    corpus = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "examples").iterdir() if p.name != "README.md")
    for command in _tool().COMMANDS:
        argv = shlex.split(command)
        values = [a.split("=", 1)[1] for a in argv if re.match(r"^(name|speaker|publisher)=", a)]
        values += [argv[2]] if argv[1] in ("entity", "article") else []
        for value in values:
            assert value in corpus, (command, value)
