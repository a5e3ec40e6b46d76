"""Fixtures of the robustness suite: private KG_HOMEs, one shared reference import, and the tally.

The reference import (a generated corpus imported once, uninterrupted, into its own KG_HOME) is
what the atomicity, idempotency and concurrency modules compare their graphs against, so the
extractor-heavy work is paid once per session.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.robustness.helpers import CORPUS_SIZE, LEDGER, Homes, Reference, kg, make_corpus, outcome, snapshot


@pytest.fixture(scope="session")
def homes() -> Iterator[Homes]:
    made = Homes()
    try:
        yield made
    finally:
        made.close()


@pytest.fixture(scope="session")
def corpus_dir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="kgr-corpus-"))
    make_corpus(folder, range(CORPUS_SIZE))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def reference(homes: Homes, corpus_dir: Path) -> Reference:
    """The corpus imported once without interruption: the graph every other run must reproduce."""
    home = homes.new("kgr-ref-")
    proc = kg(home, "import", "--batch-size", "4", "-q", str(corpus_dir))
    assert proc.returncode == 0, outcome(proc)
    snap = snapshot(home)
    assert len(snap.articles()) == CORPUS_SIZE, outcome(proc)
    return Reference(corpus=corpus_dir, home=home, snap=snap)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if LEDGER.rows:
        terminalreporter.section("robustness: inputs tried / survived / lost")
        for line in LEDGER.lines():
            terminalreporter.write_line(line)
