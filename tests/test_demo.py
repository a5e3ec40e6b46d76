"""`make demo` is the README's first command: its recipe runs here, line by line, in a fresh folder
with a fresh KG_HOME (the real CLI, spaCy and embedded store), so the quick start stays true."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def demo_recipe() -> list[list[str]]:
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = lines.index("demo: $(STAMP)") + 1
    commands = []
    for line in lines[start:]:
        if not line.startswith("\t"):
            break
        command = line.strip()
        if command.startswith("@echo"):
            continue
        commands.append(shlex.split(command.replace("$(BIN)/", "")))
    return commands


def test_make_demo_runs_in_a_fresh_checkout(tmp_path: Path) -> None:
    commands = demo_recipe()
    assert [c[0] for c in commands] == ["kg"] * len(commands) and len(commands) >= 5
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    env = dict(os.environ, KG_HOME=str(tmp_path / "home"))
    kg = str(Path(sys.executable).parent / "kg")
    try:
        for command in commands:
            done = subprocess.run([kg, *command[1:]], cwd=tmp_path, env=env, capture_output=True, text=True,
                                  timeout=600)
            assert done.returncode == 0, f"{shlex.join(command)}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        for page in ("graph.html", "map.html"):  # written into out/, which a fresh checkout lacks
            assert re.search(r"<svg|<canvas|<script", (tmp_path / "out" / page).read_text(encoding="utf-8"))
    finally:
        subprocess.run([kg, "store", "stop"], cwd=tmp_path, env=env, capture_output=True, timeout=60)
